"""What the world is made of: marker strings, the pairs that must not stand together, and the
profiles built with them."""

import itertools
from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from mediators import photos
from mediators.models import (
    Audience,
    ExpertiseArea,
    Mediator,
    MediatorLanguage,
    RegionalExperience,
    Training,
)
from tests.factories import MediatorFactory, UserFactory


@dataclass(frozen=True)
class Marker:
    text: str
    audience: frozenset  # the personas who may see it
    what: str
    country: bool = False  # a country name: looked for outside <select> lists only
    # The persona who must see it somewhere, or the check for it would prove nothing.
    witness: str | None = "superuser"


@dataclass(frozen=True)
class Pair:
    """Two things that must not appear together: her name next to a process she is secret on."""

    left: tuple
    right: tuple
    audience: frozenset
    what: str


@dataclass
class World:
    users: dict
    markers: list = field(default_factory=list)
    pairs: list = field(default_factory=list)

    def mark(self, text, audience, what, *, country=False, witness="superuser"):
        self.markers.append(Marker(text, frozenset(audience), what, country, witness))

    def mark_photo(self, mediator, audience, whose, *, witness="superuser"):
        token = mediator.photo.name.split("/")[-1].split("-")[0]
        self.mark(token, audience, f"the photo of {whose}", witness=witness)


# Words a search can use without echoing a marker; a leak shows as the marker of the result.
SEARCH_KEYS = {
    "pia_bio": "vexmoor",  # in a members-only biography of a public profile
    "hidden": "quiblet",
    "members_only": "snorkwell",
    "protected": "driftune",
    "submitted": "yomplex",
    "draft_process": "frazzleberry",
    "draft_article": "humblequark",
    "draft_page": "jostlewind",
    "draft_event": "wimbrelton",
}
CONTACT = {
    "name": "Matrix Visitor",
    "email": "visitor@example.com",
    "organisation": "",
    "purpose": "research",
    "message": "Could we talk about your work?",
}
ALL_PUBLIC = {f"{section}_audience": Audience.PUBLIC for section in Mediator.SECTIONS}
REMOTE_ADDRESSES = itertools.count(1)


def _add_photo(mediator):
    buffer = BytesIO()
    Image.new("RGB", (64, 64), "teal").save(buffer, format="JPEG")
    upload = SimpleUploadedFile("face.jpg", buffer.getvalue())
    photos.replace_photo(mediator, photos.open_photo(upload))


def _mediator(email, name, *, training=None, region=None, photo=True, **fields):
    mediator = MediatorFactory(
        user=UserFactory(email=email, name=name), display_name=name, **fields
    )
    mediator.expertise.set(ExpertiseArea.objects.all()[:2])
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=6)
    if training:
        Training.objects.create(mediator=mediator, title=training, provider="Academy", year=2020)
    if region:
        RegionalExperience(mediator=mediator, country=region).save()
    if photo:
        _add_photo(mediator)
    mediator.refresh_search()
    mediator.refresh_from_db()
    return mediator
