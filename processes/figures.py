"""The catalogue in figures, for the home page."""

from .models import Process


def catalogue_figures(user):
    """How many processes the catalogue shows the public."""
    return {"processes": Process.objects.public().count()}
