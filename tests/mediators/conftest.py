"""What the mediators' tests share: three listed profiles to filter and search."""

import pytest

from mediators.models import ExpertiseArea, MediatorLanguage, MediatorTrack, RegionalExperience
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
