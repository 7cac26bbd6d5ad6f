"""The expertise areas a new site starts with (`migrate` creates them); staff add and rename them
in the admin."""

from django.db import DEFAULT_DB_ALIAS

from wpm.seed import ensure_terms, seed_new_site

AREAS = [
    ("process-design", "Process design", "Prozessdesign"),
    (
        "ceasefire-security",
        "Ceasefire and security arrangements",
        "Waffenstillstand und Sicherheitsvereinbarungen",
    ),
    ("power-sharing", "Power-sharing", "Machtteilung"),
    ("constitution-making", "Constitution-making", "Verfassunggebung"),
    (
        "natural-resources-climate",
        "Natural resources and climate",
        "Natürliche Ressourcen und Klima",
    ),
    ("gender-inclusion", "Gender and inclusion", "Gender und Inklusion"),
    ("transitional-justice", "Transitional justice", "Vergangenheitsarbeit und Übergangsjustiz"),
    ("dialogue-facilitation", "Dialogue facilitation", "Dialogmoderation"),
    ("negotiation-support", "Negotiation support", "Verhandlungsunterstützung"),
    (
        "technical-mediation-support",
        "Technical mediation support",
        "Technische Mediationsunterstützung",
    ),
    (
        "logistical-mediation-support",
        "Logistical mediation support",
        "Logistische Mediationsunterstützung",
    ),
    ("conflict-analysis", "Conflict analysis", "Konfliktanalyse"),
    ("coaching-training", "Coaching and training", "Coaching und Training"),
]


def ensure_expertise_areas(model, using=DEFAULT_DB_ALIAS):
    """Create the starting areas that are missing; staff renames of existing ones stay."""
    return ensure_terms(model, AREAS, using=using)


seed_areas = seed_new_site("mediators", "ExpertiseArea", ensure_expertise_areas)
