"""The mediation instruments a new catalogue starts with (`migrate` creates them); staff add and
rename them."""

from django.db import DEFAULT_DB_ALIAS

from wpm.seed import ensure_terms, seed_new_site

INSTRUMENTS = [
    ("support-technical", "Mediation support (technical)", "Mediationsunterstützung (technisch)"),
    (
        "support-logistical",
        "Mediation support (logistical)",
        "Mediationsunterstützung (logistisch)",
    ),
    (
        "support-facilitation",
        "Mediation support (facilitation)",
        "Mediationsunterstützung (Moderation)",
    ),
    (
        "dialogue-decision-makers",
        "Mediation-based dialogue with key political decision-makers",
        "Mediationsbasierter Dialog mit politischen Entscheidungsträgern",
    ),
    ("facilitated-dialogue", "Facilitated dialogue", "Moderierter Dialog"),
    ("negotiation", "Negotiation", "Verhandlung"),
    ("good-offices", "Good offices", "Gute Dienste"),
    ("shuttle-diplomacy", "Shuttle diplomacy", "Pendeldiplomatie"),
    ("consultations", "Consultations", "Konsultationen"),
    ("training-coaching", "Training and coaching", "Training und Coaching"),
    ("research-analysis", "Research and analysis", "Forschung und Analyse"),
]


def ensure_instruments(model, using=DEFAULT_DB_ALIAS):
    """Create the starting instruments that are missing; staff renames stay."""
    return ensure_terms(model, INSTRUMENTS, using=using)


seed_instruments = seed_new_site("processes", "Instrument", ensure_instruments)
