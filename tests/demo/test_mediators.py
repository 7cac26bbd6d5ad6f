from io import StringIO

import pytest
from django.core.management import call_command

from mediators.models import ExpertiseArea, Mediator

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_varied_fictional_mediators_once():
    call_command("seed_demo", "--mediators", "40", stdout=StringIO())
    created = Mediator.objects.count()
    assert created == 40
    call_command("seed_demo", "--mediators", "40", stdout=StringIO())
    assert Mediator.objects.count() == created
    modes = set(Mediator.objects.values_list("visibility", flat=True))
    assert modes == set(Mediator.Visibility.values)
    listed = Mediator.objects.listed()
    assert listed.exists() and listed.count() < created
    assert all(
        ExpertiseArea.objects.get(slug=slug).mediators.exists()
        for slug in ExpertiseArea.objects.values_list("slug", flat=True)
    )
