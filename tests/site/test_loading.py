"""Instances built from their rows (wpm.loading.QuickLoading) are those Django would build."""

import pytest
from django.db import models
from django.db.models import FETCH_PEERS
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_init
from django_countries.fields import Country

from mediators.models import Mediator
from processes.models import Agreement, Process
from tests.factories import MediatorFactory, ProcessFactory
from wpm.loading import QuickLoading

pytestmark = pytest.mark.django_db


def as_django_builds(queryset, *others):
    """The same rows, each built by Django's own Model.from_db (also those of the models
    given after it, read with the queryset's)."""
    originals = {model: model.from_db for model in (queryset.model, *others)}
    for model in originals:
        model.from_db = classmethod(models.Model.from_db.__func__)
    try:
        return list(queryset.all())
    finally:
        for model, from_db in originals.items():
            model.from_db = from_db


def state(instance):
    attributes = dict(vars(instance))
    own_state = dict(vars(attributes.pop("_state")))
    # Made empty on its first reading, by whichever code reads it first.
    if own_state.get("fields_cache") == {}:
        del own_state["fields_cache"]
    return attributes, own_state


@pytest.fixture
def profiles():
    first = MediatorFactory(country="KE", nationalities=["KE", "DE"], photo="photos/a.jpg")
    second = MediatorFactory(visibility="protected", pseudonym="Mediator 7")
    return first, second


@pytest.mark.parametrize(
    "read",
    [
        lambda: Mediator.objects.order_by("pk").only(*Mediator.CARD_FIELDS),
        lambda: Mediator.objects.order_by("pk").defer("bio"),
        lambda: Mediator.objects.order_by("pk"),
    ],
    ids=["card fields", "all but one", "whole"],
)
def test_a_profile_is_built_as_django_builds_it(profiles, read):
    assert issubclass(Mediator, QuickLoading)
    built = list(read())
    expected = as_django_builds(read())
    assert [state(one) for one in built] == [state(one) for one in expected]
    assert [one.get_deferred_fields() for one in built] == [
        one.get_deferred_fields() for one in expected
    ]


def test_its_fields_read_as_they_do_on_a_profile_django_built(profiles):
    first, _second = profiles
    card = Mediator.objects.only(*Mediator.CARD_FIELDS).get(pk=first.pk)
    assert isinstance(card.photo, FieldFile)
    assert card.photo.name == "photos/a.jpg"
    assert card.get_absolute_url() == first.get_absolute_url()
    # A field the card did not read is read when asked for, from her row.
    assert "bio" in card.get_deferred_fields()
    assert card.bio == "Works on **ceasefire** arrangements."
    assert card.country == Country("KE")
    assert [country.code for country in card.nationalities] == ["DE", "KE"]


def test_a_profile_read_from_the_database_is_saved_as_itself(profiles):
    first, _second = profiles
    card = Mediator.objects.only(*Mediator.CARD_FIELDS).get(pk=first.pk)
    assert not card._state.adding
    assert card._state.db == "default"
    card.headline = "Ceasefire adviser"
    card.save(update_fields=["headline"])
    assert Mediator.objects.count() == 2
    assert Mediator.objects.get(pk=first.pk).headline == "Ceasefire adviser"


def test_a_process_and_its_agreements_with_their_process(profiles):
    process = ProcessFactory()
    Agreement.objects.create(process=process, name="Ceasefire agreement")
    assert list(Process.objects.all()) == [process]
    assert [state(one) for one in Process.objects.all()] == [
        state(one) for one in as_django_builds(Process.objects.all())
    ]
    read = Agreement.objects.select_related("process")
    (agreement,) = read
    (expected,) = as_django_builds(read, Process)
    assert agreement.process.name == process.name
    assert state(agreement) == state(expected)
    assert state(agreement.process) == state(expected.process)


def test_its_fetch_mode_reads_a_deferred_field_for_all_its_peers(
    profiles, django_assert_num_queries
):
    cards = list(Mediator.objects.order_by("pk").only("slug").fetch_mode(FETCH_PEERS))
    with django_assert_num_queries(1):
        assert [card.headline for card in cards] == ["Senior mediation adviser"] * 2


def test_listeners_of_a_new_instance_hear_of_every_one(profiles):
    heard = []

    def listener(sender, instance, **kwargs):
        heard.append(instance.slug)

    post_init.connect(listener, sender=Mediator)
    try:
        slugs = [card.slug for card in Mediator.objects.order_by("pk").only("slug")]
    finally:
        post_init.disconnect(listener, sender=Mediator)
    assert heard == slugs
    assert len(slugs) == 2
