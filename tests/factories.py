import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from wpm.models import User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        """Users sign in with a verified address unless a test asks otherwise."""
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class MediatorFactory(DjangoModelFactory):
    """An approved, public profile unless a test says otherwise."""

    class Meta:
        model = "mediators.Mediator"
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    display_name = factory.Faker("name")
    headline = "Senior mediation adviser"
    bio = "Works on **ceasefire** arrangements."
    status = "approved"
    visibility = "public"

    @factory.post_generation
    def search(obj, create, extracted, **kwargs):
        if create:
            obj.refresh_search()


class ProcessFactory(DjangoModelFactory):
    """A published Track 1 process unless a test says otherwise."""

    class Meta:
        model = "processes.Process"

    name = factory.Sequence(lambda n: f"Peace talks number {n}")
    slug = factory.Sequence(lambda n: f"peace-talks-{n}")
    summary = "Talks between the government and an armed movement."
    track = "1"
    conflict_level = "intra"
    conflict_type = "government"
    stage = "ceasefire"
    start_year = 2015
    status = "published"


def add_country(process, code):
    from processes.models import ProcessCountry

    row = ProcessCountry(process=process, country=code)
    row.save()
    return row


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = "wpm.Article"

    kind = "position-paper"
    title = factory.Sequence(lambda n: f"More women at the table, part {n}")
    slug = factory.Sequence(lambda n: f"more-women-{n}")
    summary = "Why peace needs women mediators."
    body = "## Why\n\nBecause [agreements](https://example.org) last longer."
    language = "en"
    status = "published"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = "wpm.Event"

    title = factory.Sequence(lambda n: f"Mediation training {n}")
    slug = factory.Sequence(lambda n: f"training-{n}")
    kind = "training"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=3))
    online = True
    description = "A day on process design."
    status = "published"


class VoiceFactory(DjangoModelFactory):
    class Meta:
        model = "wpm.Voice"

    quote = "Women mediators change what is on the table."
    name = factory.Sequence(lambda n: f"Invented Person {n}")
    role = "Head of a mediation support unit (fictional)"
    country = "KE"
    consent_given_on = datetime.date(2026, 1, 1)
    consent_method = "signed form"
    status = "published"


class RequesterFactory(DjangoModelFactory):
    """A requester staff have verified unless a test says otherwise."""

    class Meta:
        model = "appointments.Requester"

    user = factory.SubFactory(UserFactory)
    organisation = "Mediation Support Unit (fictional)"
    position = "Programme officer"
    status = "verified"


def _role(slug):
    from appointments.models import Role

    return Role.objects.get(slug=slug)


class RequestFactory(DjangoModelFactory):
    """A draft asking for a lead mediator, with proposals due in three weeks."""

    class Meta:
        model = "appointments.Request"

    requester = factory.SubFactory(RequesterFactory)
    title = factory.Sequence(lambda n: f"Lead mediator for talks number {n}")
    process_description = "Talks between a government and an armed movement."
    role = factory.LazyFunction(lambda: _role("lead-mediator"))
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    proposals_due = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))


class PaxReleaseFactory(DjangoModelFactory):
    """PA-X version 10, as the catalogue cites it after an import."""

    class Meta:
        model = "processes.Dataset"
        django_get_or_create = ("key",)

    key = "pax"
    name = "PA-X Peace Agreements Database"
    version = "10"
    data_until = datetime.date(2025, 12, 27)
    records = 2257
    url = "https://www.peaceagreements.org/"
    citation = "Bell & Badanjak (2019)"
    imported_at = factory.LazyFunction(timezone.now)
