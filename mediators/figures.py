"""The roster in figures, for the home page."""

from .models import Mediator, MediatorLanguage


def roster_figures(user):
    """How many mediators the visitor may see, and how many languages they speak: of the
    profiles she sees by name, as the roster's language filter finds them (a pseudonym shows
    no languages, and a count of hers beside the filter would tell what it hides)."""
    return {
        "mediators": Mediator.objects.visible_to(user).count(),
        "languages": MediatorLanguage.objects.filter(mediator__in=Mediator.objects.named_to(user))
        .values("code")
        .distinct()
        .count(),
    }
