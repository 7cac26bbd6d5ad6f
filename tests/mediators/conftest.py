"""What the mediators' tests share: three listed profiles to filter and search, and a way to keep
photos in another storage."""

import pytest
from django.utils.module_loading import import_string

from mediators import photos
from mediators.models import (
    ExpertiseArea,
    Mediator,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
)
from mediators.storage import photo_storage
from tests.factories import MediatorFactory


def area(slug):
    return ExpertiseArea.objects.get(slug=slug)


@pytest.fixture
def roster(db):
    """Three listed mediators that differ in every filtered attribute."""
    amal = MediatorFactory(
        display_name="Amal Haddad",
        headline="Ceasefire negotiator",
        bio="Led talks on security arrangements.",
        years_experience=20,
        availability="available",
        availability_audience=0,
        regions_audience=0,
        bio_audience=0,
    )
    amal.expertise.set([area("ceasefire-security"), area("process-design")])
    MediatorLanguage.objects.create(mediator=amal, code="ar", level=7)
    MediatorLanguage.objects.create(mediator=amal, code="fr", level=4)
    MediatorTrack.objects.create(mediator=amal, track="1")
    amal.backgrounds.create(background="diplomacy")
    RegionalExperience(mediator=amal, country="SY").save()

    brigitte = MediatorFactory(
        display_name="Brigitte Olsen",
        headline="Dialogue facilitator",
        bio="Community dialogue in the Sahel.",
        years_experience=8,
        availability="limited",
        availability_audience=0,
        regions_audience=0,
        bio_audience=0,
    )
    brigitte.expertise.set([area("dialogue-facilitation"), area("process-design")])
    MediatorLanguage.objects.create(mediator=brigitte, code="fr", level=6)
    MediatorTrack.objects.create(mediator=brigitte, track="3")
    brigitte.backgrounds.create(background="civil-society")
    RegionalExperience(mediator=brigitte, country="ML").save()

    carmen = MediatorFactory(
        display_name="Carmen Ruiz",
        headline="Constitutional lawyer",
        bio="Advises on constitution-making.",
        years_experience=12,
        availability="available",
        availability_audience=0,
        regions_audience=0,
        bio_audience=0,
    )
    carmen.expertise.set([area("constitution-making")])
    MediatorLanguage.objects.create(mediator=carmen, code="es", level=7)
    MediatorTrack.objects.create(mediator=carmen, track="1")
    MediatorTrack.objects.create(mediator=carmen, track="2")
    carmen.backgrounds.create(background="law")
    RegionalExperience(mediator=carmen, country="CO").save()
    for mediator in (amal, brigitte, carmen):
        mediator.refresh_search()
    return {"amal": amal.slug, "brigitte": brigitte.slug, "carmen": carmen.slug}


@pytest.fixture
def use_photo_storage(settings, monkeypatch):
    """Keep photos in a storage built from this backend and these options, as a process started
    with such settings would."""

    def use(backend, **options):
        settings.STORAGES = {
            **settings.STORAGES,
            "private": {"BACKEND": backend, "OPTIONS": options},
        }
        storage = photo_storage()
        assert type(storage) is import_string(backend), "changing STORAGES resets the storages"
        # A file field calls a storage callable once, when the model class is built: point the
        # photo fields at the storage now configured.
        for field in photos.SIZES:
            monkeypatch.setattr(Mediator._meta.get_field(field), "storage", storage)
        return storage

    return use
