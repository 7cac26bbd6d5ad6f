"""The roster in figures, for the home page."""

from .models import Mediator, MediatorLanguage


def roster_figures(user):
    """How many mediators the visitor may see, and how many languages they speak."""
    listed = Mediator.objects.visible_to(user)
    return {
        "mediators": listed.count(),
        "languages": MediatorLanguage.objects.filter(mediator__in=listed)
        .values("code")
        .distinct()
        .count(),
    }
