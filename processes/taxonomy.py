"""The mediation instruments a new catalogue starts with (`migrate` creates them); staff add and
rename them."""

from django.db import DEFAULT_DB_ALIAS

from wpm.seed import ensure_rows, seed_new_site

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


# What each is, in English and German, for the glossary the catalogue links to.
DESCRIPTIONS = {
    "support-technical": (
        "Expertise for the parties and the mediation team on the substance of the talks: "
        "ceasefire arrangements, power-sharing, constitutions, the inclusion of women.",
        "Fachwissen für die Konfliktparteien und das Mediationsteam zu den Inhalten der "
        "Gespräche: Waffenstillstand, Machtteilung, Verfassungen, die Beteiligung von Frauen.",
    ),
    "support-logistical": (
        "Venues, travel, security, interpretation and the secretariat that let talks take "
        "place at all.",
        "Orte, Reisen, Sicherheit, Dolmetschen und das Sekretariat, ohne die Gespräche gar "
        "nicht stattfinden könnten.",
    ),
    "support-facilitation": (
        "Preparing, moderating and following up meetings for the mediators, so that they can "
        "concentrate on the parties.",
        "Vorbereitung, Moderation und Nachbereitung von Treffen für die Mediatorinnen und "
        "Mediatoren, damit sie sich auf die Parteien konzentrieren können.",
    ),
    "dialogue-decision-makers": (
        "Confidential talks, guided by a mediator, between the people who decide on war and "
        "peace: government and armed-group leaders, ministers, their envoys (Track 1).",
        "Vertrauliche, von einer Mediatorin geführte Gespräche zwischen denen, die über Krieg "
        "und Frieden entscheiden: Regierungs- und Gruppenführungen, Ministerien, ihre "
        "Gesandten (Track 1).",
    ),
    "facilitated-dialogue": (
        "Dialogue between groups on the other tracks (civil society, communities, experts, "
        "former officials), moderated so that every side is heard.",
        "Dialog zwischen Gruppen auf den anderen Tracks (Zivilgesellschaft, Gemeinschaften, "
        "Fachleute, ehemalige Amtsträger), so moderiert, dass jede Seite gehört wird.",
    ),
    "negotiation": (
        "The parties bargain directly over an agreement, with a mediator at the table or "
        "beside it.",
        "Die Parteien verhandeln direkt über ein Abkommen, mit einer Mediatorin am Tisch "
        "oder an ihrer Seite.",
    ),
    "good-offices": (
        "A trusted third party, often the UN Secretary-General or a state, lends its name and "
        "channels so that the parties can meet and talk.",
        "Eine vertrauenswürdige Dritte, oft der UN-Generalsekretär oder ein Staat, stellt "
        "Ansehen und Kanäle zur Verfügung, damit sich die Parteien treffen und sprechen können.",
    ),
    "shuttle-diplomacy": (
        "The mediator travels between parties who will not yet sit in one room, carrying "
        "proposals back and forth.",
        "Die Mediatorin reist zwischen Parteien hin und her, die noch nicht in einem Raum "
        "sitzen wollen, und überbringt Vorschläge.",
    ),
    "consultations": (
        "Hearing those the talks concern (women's groups, victims, displaced people, local "
        "leaders) and carrying their views into the process.",
        "Anhörung derer, die die Gespräche betreffen (Frauengruppen, Opfer, Vertriebene, "
        "lokale Verantwortliche), und Einbringen ihrer Sicht in den Prozess.",
    ),
    "training-coaching": (
        "Preparing negotiators, mediators and delegations for the talks, in skills and in "
        "the substance at stake.",
        "Vorbereitung von Verhandelnden, Mediatorinnen und Delegationen auf die Gespräche, in "
        "Methoden und in den Inhalten, um die es geht.",
    ),
    "research-analysis": (
        "Conflict analysis, mapping of actors and options, and studies that the mediators "
        "and the parties draw on.",
        "Konfliktanalysen, Übersichten über Akteure und Optionen sowie Studien, auf die "
        "Mediatorinnen und Parteien zurückgreifen.",
    ),
}


def ensure_instruments(model, using=DEFAULT_DB_ALIAS):
    """Create the starting instruments that are missing, each with what it is; staff renames
    and rewrites stay."""
    rows = [
        {
            "slug": slug,
            "name_en": name_en,
            "name_de": name_de,
            "description_en": DESCRIPTIONS[slug][0],
            "description_de": DESCRIPTIONS[slug][1],
            "position": position,
        }
        for position, (slug, name_en, name_de) in enumerate(INSTRUMENTS)
    ]
    return ensure_rows(model, rows, using=using)


seed_instruments = seed_new_site("processes", "Instrument", ensure_instruments)
