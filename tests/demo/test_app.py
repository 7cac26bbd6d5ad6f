"""The demo app: fictional data for development and tests, refused in production."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from mediators.models import Mediator


def test_the_demo_app_is_installed_outside_production():
    assert apps.is_installed("demo")


@pytest.mark.django_db
def test_seed_demo_refuses_production(settings):
    """Should the app ever be installed in production, the command still refuses to run."""
    settings.WPM_ENV = "production"
    settings.DEVELOPMENT = False
    with pytest.raises(CommandError, match="never loaded in production"):
        call_command("seed_demo", "--mediators", "3", "--processes", "0", stdout=StringIO())
    assert not Mediator.objects.exists()
