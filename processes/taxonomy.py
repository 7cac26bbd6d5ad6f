"""The mediation instruments the catalogue starts with; staff add and rename them."""

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


def ensure_instruments(model):
    """Create the starting instruments that are missing; staff renames stay."""
    for position, (slug, name_en, name_de) in enumerate(INSTRUMENTS):
        model.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_de": name_de, "position": position}
        )
