"""The expertise areas the network starts with; staff add and rename them in the admin."""

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


def ensure_expertise_areas(model):
    """Create the starting areas that are missing; staff renames of existing ones stay."""
    for position, (slug, name_en, name_de) in enumerate(AREAS):
        model.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_de": name_de, "position": position}
        )
