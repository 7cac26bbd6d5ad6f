"""The roles a request may seek that a new site starts with (`migrate` creates them); staff add
and rename them in the admin."""

from django.db import DEFAULT_DB_ALIAS

from wpm.seed import ensure_terms, seed_new_site

ROLES = [
    ("lead-mediator", "Lead mediator", "Leitende Mediatorin"),
    ("co-mediator", "Co-mediator", "Ko-Mediatorin"),
    ("senior-adviser", "Process or senior adviser", "Prozess- oder Senior-Beraterin"),
    (
        "gender-inclusion-adviser",
        "Gender and inclusion adviser",
        "Beraterin für Gender und Inklusion",
    ),
    ("thematic-expert", "Thematic expert", "Fachexpertin"),
    ("facilitator", "Facilitator", "Moderatorin"),
    ("trainer", "Trainer", "Trainerin"),
    ("standby-team-member", "Member of a standby team", "Mitglied eines Standby-Teams"),
]


def ensure_request_roles(model, using=DEFAULT_DB_ALIAS):
    """Create the starting roles that are missing; staff renames of existing ones stay."""
    return ensure_terms(model, ROLES, using=using)


seed_roles = seed_new_site("appointments", "Role", ensure_request_roles)
