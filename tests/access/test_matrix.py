"""The access matrix: every URL of the site, opened by every persona.

For each named URL pattern, MATRIX says how to build its addresses from a world of distinctive
marker strings, and which status each persona gets. Every response body (HTML, CSV, XML, JSON,
iCalendar) is then searched for the markers that persona must never see: members-only data for
the public, staff-only and hidden data for non-staff, anonymised and staff-only engagements next
to the mediator's name, a protected mediator's real name for the public, and drafts.

A new URL pattern without an entry here fails test_every_url_pattern_is_in_the_matrix.
"""

import csv
import datetime
import io
import itertools
import re
from dataclasses import dataclass, field
from io import BytesIO
from unittest import mock
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from PIL import Image

from mediators import photos
from mediators.models import (
    Audience,
    ContactMessage,
    ExpertiseArea,
    Mediator,
    MediatorLanguage,
    RegionalExperience,
    Training,
)
from processes.models import Agreement, Engagement, ProcessLink
from processes.record import Party, ProcessParty
from tests.conftest import client_for
from tests.factories import (
    ArticleFactory,
    EventFactory,
    MediatorFactory,
    ProcessFactory,
    UserFactory,
    VoiceFactory,
    add_country,
)
from wpm.models import ArticleAuthor, Page, Topic
from wpm.urls import SITEMAPS

pytestmark = pytest.mark.django_db

# Personas and who they stand for.

PERSONAS = (
    "anonymous",
    "applicant",  # submitted her profile; staff have not approved it
    "member",  # approved
    "other_member",
    "staff",  # staff without any role or permission
    "editor",
    "curator",
    "superuser",
)
GROUPS = {
    "everyone": PERSONAS,
    "outsiders": ("anonymous", "applicant"),  # the public audience
    "members": ("member", "other_member"),
    "signed_in": PERSONAS[1:],
    "non_staff": PERSONAS[:4],
    "staffers": ("staff", "editor", "curator", "superuser"),
}
STAFFERS = frozenset(GROUPS["staffers"])
MEMBERS_UP = frozenset(GROUPS["members"]) | STAFFERS
SUPERUSER = frozenset({"superuser"})
LANGS = ("en", "de")


@dataclass(frozen=True)
class Redirect:
    """A redirect: to the site's login page, the admin's login page, or a path ("{lang}")."""

    to: str
    code: int = 302

    def __str__(self):
        return f"{self.code} to {self.to}"


LOGIN = Redirect("login")
ADMIN_LOGIN = Redirect("admin_login")


def S(default, **overrides):
    """The expected status of every persona: a default, then groups, then single personas."""
    unknown = set(overrides) - set(GROUPS) - set(PERSONAS)
    assert not unknown, unknown
    result = dict.fromkeys(PERSONAS, default)
    for key, value in overrides.items():
        for persona in GROUPS.get(key, ()):
            result[persona] = value
    for key, value in overrides.items():
        if key in PERSONAS:
            result[key] = value
    return result


PUBLIC = S(200)
MEMBER_AREA = S(200, anonymous=LOGIN)
# The member's own profile pages: staff have no profile of their own.
OWN_PROFILE = S(200, anonymous=LOGIN, staffers=404)
PROFILE_OF_MEMBERS = S(200, outsiders=404)  # members-only profile: the public gets a 404
STAFF_ONLY_OBJECT = S(404, staffers=200)  # hidden profiles, drafts
POST_ONLY = S(405)
# allauth's pages for a sign-in in progress, when none is: back to the login or home page.
NOTHING_PENDING = S(Redirect("/{lang}/"), anonymous=Redirect("/{lang}/accounts/login/"))
REAUTHENTICATE_FIRST = Redirect("/{lang}/accounts/reauthenticate/?next=")
REAUTHENTICATE = S(REAUTHENTICATE_FIRST, anonymous=LOGIN)


def admin_for(*allowed):
    """Admin pages: non-staff go to the admin login, staff without permission get 403."""
    return S(ADMIN_LOGIN, staffers=403, superuser=200, **dict.fromkeys(allowed, 200))


ADMIN_ANY_STAFF = S(ADMIN_LOGIN, staffers=200)


def admin_app(*allowed):
    """An app's index: staff who may see none of its models get a 404, as for no app at all."""
    return S(ADMIN_LOGIN, staffers=404, superuser=200, **dict.fromkeys(allowed, 200))


@dataclass
class Probe:
    """One request, with the status each persona must get and extra checks of the body."""

    path: str
    expect: dict
    lang: str = "en"
    method: str = "get"
    data: dict | None = None
    checks: tuple = ()
    # A list of unrelated public addresses (the sitemap): names there stand side by side
    # without being "next to" each other, so the pairs are not looked for.
    is_list: bool = False


def i18n(name, expect, *, kwargs=None, query="", langs=LANGS, checks=(), method="get", data=None):
    """A language-prefixed URL, by default under /en/ and /de/."""
    probes = []
    for lang in langs:
        with translation.override(lang):
            path = reverse(name, kwargs=kwargs)
        path += f"?{query}" if query else ""
        probes.append(Probe(path, expect, lang, method, data, tuple(checks)))
    return probes


def plain(name, expect, *, args=None, kwargs=None, query="", checks=()):
    """A URL without a language prefix (the admin, photos, sitemap...)."""
    path = reverse(name, args=args, kwargs=kwargs)
    path += f"?{query}" if query else ""
    return [Probe(path, expect, "en", checks=tuple(checks))]


# Checks of one body beyond the markers.


def absent(text, personas, what):
    """The body must not contain text for these personas (an address, a row...)."""

    def check(persona, body):
        if persona in personas and body is not None and text.lower() in body.lower():
            return f"shows {what} ({text!r})"
        return None

    return check


def present(text, personas, what):
    """The body must contain text for these personas: proof that an absent() check can fail."""

    def check(persona, body):
        if persona in personas and (body is None or text.lower() not in body.lower()):
            return f"does not show {what} ({text!r})"
        return None

    return check


def csv_network(process_name, expected_by_persona):
    """The catalogue CSV's last column says whether network mediators are engaged."""
    words = {"yes": {"yes", "ja"}, "no": {"no", "nein"}}

    def check(persona, body):
        if body is None:
            return None
        rows = [row for row in csv.reader(io.StringIO(body)) if row and row[0] == process_name]
        if not rows:
            return f"has no CSV row for {process_name!r}"
        wanted = expected_by_persona[persona]
        if rows[0][-1].lower() not in words[wanted]:
            return f"says {rows[0][-1]!r} about network mediators on {process_name!r}"
        return None

    return check


# The world: every kind of profile, process, engagement and content, with marker strings.


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


@pytest.fixture
def world(applicant, member, other_member, staff, editor, curator, superuser):
    users = {
        "anonymous": None,
        "applicant": applicant,
        "member": member,
        "other_member": other_member,
        "staff": staff,
        "editor": editor,
        "curator": curator,
        "superuser": superuser,
    }
    w = World(users=users)
    for persona, user in users.items():
        if user is not None:
            w.mark(user.email, SUPERUSER | {persona}, f"the email address of {persona}")

    # Profiles in every visibility mode.
    w.pia = _mediator(
        "pia.v@example.net",
        "Pia Vellacourt",
        headline="Adviser on ceasefires",
        bio=f"Led talks. Brindlemoss {SEARCH_KEYS['pia_bio']}.",
        availability_note="Orvandel from spring",
        nationalities=["LI"],
        country="AD",
        training="Quillhaven course",
        region="NP",
        photo_audience=Audience.PUBLIC,
        bio_audience=Audience.MEMBERS,
        trainings_audience=Audience.MEMBERS,
        availability_audience=Audience.MEMBERS,
        regions_audience=Audience.PUBLIC,
        nationalities_audience=Audience.STAFF,
        country_audience=Audience.STAFF,
    )
    w.mark("Brindlemoss", MEMBERS_UP, "a members-only biography of a public profile")
    w.mark("Quillhaven", MEMBERS_UP, "members-only trainings of a public profile")
    w.mark("Orvandel", MEMBERS_UP, "a members-only availability note of a public profile")
    w.mark("Liechtenstein", STAFFERS, "staff-only nationalities", country=True)
    w.mark("Andorra", STAFFERS, "a staff-only country of residence", country=True)
    w.mark("pia.v@example.net", SUPERUSER, "a mediator's email address")

    w.mara = _mediator(
        "mara.t@example.net",
        "Mara Thistlewick",
        headline="Mediator Corvasset",
        bio=f"Dravenholt {SEARCH_KEYS['members_only']}.",
        visibility="members",
        nationalities=["TV"],
        **(ALL_PUBLIC | {"nationalities_audience": Audience.STAFF}),
    )
    for text in ("Thistlewick", "Corvasset", "Dravenholt"):
        w.mark(text, MEMBERS_UP, "a members-only profile")
    w.mark("Tuvalu", STAFFERS, "staff-only nationalities of a members-only profile", country=True)
    w.mark_photo(w.mara, MEMBERS_UP, "a members-only profile")

    w.hedda = _mediator(
        "hedda.z@example.net",
        "Hedda Zorblatt",
        headline="Envoy Quernsey",
        bio=f"Yarrowgate {SEARCH_KEYS['hidden']}.",
        visibility="hidden",
        **ALL_PUBLIC,
    )
    for text in ("Zorblatt", "Quernsey", "Yarrowgate"):
        w.mark(text, STAFFERS, "a hidden profile")
    w.mark_photo(w.hedda, STAFFERS, "a hidden profile")

    w.prue = _mediator(
        "prue.k@example.net",
        "Prue Kestrinova",
        headline="Negotiator Mossgrave",
        bio=f"Fenwhistle {SEARCH_KEYS['protected']}.",
        pronouns="she/her",
        availability_note="Ombrisol in autumn",
        nationalities=["MC"],
        training="Larkspindle seminar",
        region="BT",
        visibility="protected",
        **ALL_PUBLIC,
    )
    for text in ("Kestrinova", "Mossgrave", "Fenwhistle", "Ombrisol", "Larkspindle"):
        w.mark(text, MEMBERS_UP, "what identifies a protected mediator")
    w.mark("Monaco", MEMBERS_UP, "a protected mediator's nationality", country=True)
    w.mark("Bhutan", MEMBERS_UP, "a protected mediator's countries of experience", country=True)
    w.mark_photo(w.prue, MEMBERS_UP, "a protected mediator")

    w.ada = _mediator("ada.p@example.net", "Ada Pellucida", **ALL_PUBLIC)
    w.stella = _mediator("stella.b@example.net", "Stella Brackenridge", **ALL_PUBLIC)

    w.sina = _mediator(
        "sina.m@example.net",
        "Sina Marrowfield",
        bio=f"Gossamerine {SEARCH_KEYS['submitted']}.",
        status="submitted",
        **ALL_PUBLIC,
    )
    for text in ("Marrowfield", "Gossamerine"):
        w.mark(text, STAFFERS, "a submitted, unapproved profile")
    # Nobody sees a photo before approval but the mediator herself (here: nobody).
    w.mark_photo(w.sina, STAFFERS, "a submitted profile", witness=None)

    # The personas' own profiles.
    w.member_profile = member.mediator
    Mediator.objects.filter(pk=w.member_profile.pk).update(
        bio="Saffronhill stories.", nationalities=["PW"]
    )
    w.member_profile.refresh_from_db()
    _add_photo(w.member_profile)
    w.member_profile.refresh_search()
    w.mark("Saffronhill", MEMBERS_UP, "a member's members-only biography")
    w.mark("Palau", STAFFERS | {"member"}, "a member's staff-only nationality", country=True)
    w.mark_photo(w.member_profile, MEMBERS_UP, "a member (members-only photo)")

    w.applicant_profile = applicant.mediator
    Mediator.objects.filter(pk=w.applicant_profile.pk).update(bio="Nettlecombe notes.")
    w.applicant_profile.refresh_from_db()
    _add_photo(w.applicant_profile)
    w.applicant_profile.refresh_search()
    w.mark("Ana Applicant", STAFFERS | {"applicant"}, "an applicant's unapproved profile")
    w.mark(
        "Nettlecombe",
        STAFFERS | {"applicant"},
        "an applicant's unapproved profile",
        witness="applicant",
    )
    w.mark_photo(w.applicant_profile, STAFFERS | {"applicant"}, "an applicant", witness="applicant")

    ContactMessage.objects.create(
        mediator=w.member_profile,
        name="Dorota Ashgrove",
        email="dorota@sender.example",
        purpose="mediation",
        message="Peppercombe proposal for a dialogue.",
    )
    for text in ("Ashgrove", "dorota@sender.example", "Peppercombe"):
        w.mark(text, SUPERUSER | {"member"}, "a message sent to a member")

    # Processes and engagements of every confidentiality.
    w.p_pub = ProcessFactory(name="Amberfall peace talks", slug="amberfall")
    add_country(w.p_pub, "SD")
    w.p_anon = ProcessFactory(name="Gravelmarsh dialogue", slug="gravelmarsh")
    add_country(w.p_anon, "KE")
    w.p_staff = ProcessFactory(name="Ironvale talks", slug="ironvale")
    add_country(w.p_staff, "CO")
    w.p_draft = ProcessFactory(
        name="Nightjar accord",
        slug="nightjar-accord",
        status="draft",
        summary=f"Plumbago summary {SEARCH_KEYS['draft_process']}",
    )
    add_country(w.p_draft, "SD")
    ProcessLink.objects.create(source=w.p_draft, target=w.p_pub, kind="feeds-into")
    party = Party.objects.create(name="Hollowmere movement", kind="armed-group")
    ProcessParty.objects.create(process=w.p_draft, party=party, role="conflict-party")
    Agreement.objects.create(process=w.p_draft, name="Sablewood agreement", gender_provisions=True)
    for text in ("Nightjar", "Plumbago", "Hollowmere", "Sablewood"):
        w.mark(text, STAFFERS, "a draft process")

    for mediator in (w.pia, w.mara, w.hedda, w.prue, w.ada):
        Engagement.objects.create(
            mediator=mediator, process=w.p_pub, role="adviser", confidentiality="named"
        )
    Engagement.objects.create(
        mediator=w.pia, process=w.p_draft, role="lead", confidentiality="named"
    )
    w.anonymised = Engagement.objects.create(
        mediator=w.ada,
        process=w.p_anon,
        role="facilitator",
        start_year=2014,
        end_year=2016,
        description="Wintercress notes",
        confidentiality="anonymised",
    )
    w.staff_only = Engagement.objects.create(
        mediator=w.stella,
        process=w.p_staff,
        role="lead",
        description="Cindermoor notes",
        confidentiality="staff",
    )
    w.mark("Wintercress", STAFFERS, "the description of an anonymised engagement")
    w.mark("Cindermoor", STAFFERS, "the description of a staff-only engagement")
    w.pairs.append(
        Pair(
            ("pellucida",),
            ("gravelmarsh",),
            STAFFERS,
            "an anonymised engagement's process next to the mediator's name",
        )
    )
    w.pairs.append(
        Pair(
            ("brackenridge",),
            ("ironvale",),
            STAFFERS,
            "a staff-only engagement's process next to the mediator's name",
        )
    )

    # Content: published, draft and not-yet-published.
    topic = Topic.objects.create(slug="inclusion", name_en="Inclusion", name_de="Inklusion")
    w.art_de_draft = ArticleFactory(
        title="Fennimore Entwurf", slug="fennimore-entwurf", language="de", status="draft"
    )
    w.art_pub = ArticleFactory(
        title="Bellweather brief", slug="bellweather-brief", translation=w.art_de_draft
    )
    w.art_pub.topics.add(topic)
    w.art_pub.related_processes.add(w.p_pub, w.p_draft)
    for name, mediator in [("Guest Author", w.hedda), ("Guest Writer", w.prue), ("Guest", w.mara)]:
        ArticleAuthor.objects.create(article=w.art_pub, name=name, mediator=mediator)
    w.art_draft = ArticleFactory(
        title="Cobblestrand draft",
        slug="cobblestrand-draft",
        summary="Fogwillow summary.",
        body=f"Text {SEARCH_KEYS['draft_article']}.",
        status="draft",
    )
    w.art_future = ArticleFactory(
        title="Duskmantle preview",
        slug="duskmantle-preview",
        published_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    w.art_de_pub = ArticleFactory(
        title="Eschenwald Aufruf", slug="eschenwald-aufruf", language="de"
    )
    for text in ("Fennimore", "Cobblestrand", "Fogwillow", "Duskmantle"):
        w.mark(text, STAFFERS, "an unpublished article")

    for slug in ("about", "impressum", "privacy"):
        Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title_en": slug.title(),
                "title_de": slug.title(),
                "body_en": "Text.",
                "body_de": "Text.",
                "status": "published",
            },
        )
    Page.objects.create(
        slug="guide",
        title_en="Gildersleeve guide",
        title_de="Gildersleeve Leitfaden",
        body_en="Text.",
        body_de="Text.",
        place="main",
        status="published",
    )
    w.page_draft = Page.objects.create(
        slug="hazelrigg-plan",
        title_en="Hazelrigg plan",
        title_de="Hazelrigg Plan",
        body_en=f"Ivorycombe {SEARCH_KEYS['draft_page']}.",
        body_de=f"Ivorycombe {SEARCH_KEYS['draft_page']}.",
        place="footer",
        status="draft",
    )
    for text in ("Hazelrigg", "Ivorycombe"):
        w.mark(text, STAFFERS, "a draft page")

    EventFactory(title="Juniperwell workshop", slug="juniperwell")
    EventFactory(
        title="Kettlethorn retreat",
        slug="kettlethorn",
        description=f"Retreat {SEARCH_KEYS['draft_event']}.",
        status="draft",
    )
    past = timezone.now() - datetime.timedelta(days=30)
    EventFactory(title="Lindenmoor forum", slug="lindenmoor", starts_at=past)
    w.mark("Kettlethorn", STAFFERS, "a draft event")
    VoiceFactory(name="Rhea Marigoldson", is_featured=True)
    w.voice_draft = VoiceFactory(
        name="Rhea Nettlebrook", quote="Pennywhistle.", is_featured=True, status="draft"
    )
    for text in ("Nettlebrook", "Pennywhistle"):
        w.mark(text, STAFFERS, "a draft voice")

    # The audit log: superusers only.
    w.log_entry = LogEntry.objects.log_actions(
        superuser.pk,
        [w.hedda],
        CHANGE,
        change_message="Oakhaven review note",
        single_object=True,
    )
    w.mark("Oakhaven", SUPERUSER, "the audit log")

    texts = [marker.text.lower() for marker in w.markers]
    for a, b in itertools.permutations(texts, 2):
        assert a not in b, f"marker {a!r} is part of {b!r}: choose distinct words"
    return w


# The matrix: every named URL pattern, how to build its addresses, and who gets what.


def _profile(mediator):
    return {"slug": mediator.slug}


def _roster_and_search(w):
    """Searches by words from private fields: a leak shows as the found profile's marker."""
    probes = []
    for key in ("hidden", "members_only", "submitted"):
        probes += i18n("mediators:roster", PUBLIC, query=f"q={SEARCH_KEYS[key]}", langs=("en",))
    pia_url = w.pia.get_absolute_url()
    prue_url = w.prue.get_absolute_url()
    outsiders = frozenset(GROUPS["outsiders"])
    # What a filter may not match for the public, it matches for those who may read it.
    cases = [
        (f"q={SEARCH_KEYS['pia_bio']}", pia_url, outsiders, "her members-only biography"),
        (f"q={SEARCH_KEYS['protected']}", prue_url, outsiders, "a protected biography"),
        ("country=BT", prue_url, outsiders, "a protected mediator's country of experience"),
    ]
    for query, url, kept_from, what in cases:
        probes += i18n(
            "mediators:roster",
            PUBLIC,
            query=query,
            checks=[
                absent(url, kept_from, f"a profile found by {what}"),
                present(url, frozenset(PERSONAS) - kept_from, f"a profile found by {what}"),
            ],
            langs=("en",),
        )
    probes += i18n("mediators:roster", S(400), query="track=9", langs=("en",))
    return probes


def _sitemap(w):
    everyone = frozenset(PERSONAS)
    never = [
        (w.hedda.slug, "a hidden profile"),
        (w.mara.slug, "a members-only profile"),
        (w.prue.slug, "a protected profile"),
        (w.sina.slug, "a submitted profile"),
        (w.p_draft.slug, "a draft process"),
        (w.art_draft.slug, "a draft article"),
        (w.art_future.slug, "a future article"),
        (w.page_draft.slug, "a draft page"),
        ("kettlethorn", "a draft event"),
    ]
    checks = [absent(f"/{slug}/", everyone, what) for slug, what in never]
    probes = []
    for section in SITEMAPS:
        shown = []
        if section == "profiles":
            shown = [present(f"/{w.pia.slug}/", everyone, "a public profile")]
        probes += plain(
            "sitemap_section", PUBLIC, kwargs={"section": section}, checks=[*checks, *shown]
        )
    for probe in probes:
        probe.is_list = True
    return probes


def _sitemap_index(w):
    return plain(
        "sitemap",
        PUBLIC,
        checks=[present("/sitemap-profiles.xml", frozenset(PERSONAS), "the profiles' sitemap")],
    )


def _photos(w):
    probes = []
    cases = [
        (w.pia, PUBLIC),
        (w.mara, PROFILE_OF_MEMBERS),
        (w.hedda, STAFF_ONLY_OBJECT),
        (w.prue, PROFILE_OF_MEMBERS),  # the public sees her pseudonym, not her face
        # Not approved: only she herself (through her own area) sees her photo. Staff review
        # a profile in the admin, which does not show photos, so theirs is a 404 too.
        (w.sina, S(404)),
        (w.applicant_profile, S(404, applicant=200)),
        (w.member_profile, S(200, outsiders=404)),  # her photo's audience is members
    ]
    for mediator, expect in cases:
        for name in (mediator.photo.name, mediator.photo_small.name):
            probes += plain("photos:photo", expect, args=[name])
    probes += plain("photos:photo", S(404), args=["0123456789abcdef-640.jpg"])
    return probes


def _contact(w):
    """The contact page relays a message to any profile the visitor may see; else a 404."""
    cases = [
        (w.pia, PERSONAS),
        (w.mara, MEMBERS_UP),
        (w.hedda, STAFFERS),
        (w.prue, PERSONAS),  # the public writes to her pseudonym
        (w.sina, ()),  # not approved: staff review her in the admin
    ]
    probes = []
    for mediator, visible in cases:

        def seen(status, visible=visible):
            return {persona: status if persona in visible else 404 for persona in PERSONAS}

        slug = _profile(mediator)
        probes += i18n("mediators:contact", seen(200), kwargs=slug, langs=("en",))
        probes += i18n("mediators:contact", seen(400), kwargs=slug, method="post", data={})
        probes += i18n(
            "mediators:contact",
            seen(Redirect(mediator.get_absolute_url())),
            kwargs=slug,
            method="post",
            data=CONTACT,
            langs=("en",),
        )
    return probes


def _articles(w):
    en_published = "/en/advocacy/bellweather-brief/"
    en_draft = "/en/advocacy/cobblestrand-draft/"
    outsiders = frozenset(GROUPS["outsiders"])
    # Authors are named as the editors wrote; a link to her profile only where it is visible.
    link = w.prue.get_absolute_url()
    author_links = (
        absent(link, outsiders, "a protected author's profile link"),
        present(link, MEMBERS_UP, "a protected author's profile link"),
    )
    return [
        Probe(en_published, PUBLIC, "en", checks=author_links),
        Probe("/de/advocacy/bellweather-brief/", S(Redirect(en_published, 301)), "de"),
        Probe(en_draft, STAFF_ONLY_OBJECT, "en"),
        Probe("/de/advocacy/cobblestrand-draft/", S(404, staffers=Redirect(en_draft, 301)), "de"),
        Probe("/en/advocacy/duskmantle-preview/", STAFF_ONLY_OBJECT, "en"),
        Probe("/de/advocacy/eschenwald-aufruf/", PUBLIC, "de"),
        Probe(
            "/en/advocacy/eschenwald-aufruf/",
            S(Redirect("/de/advocacy/eschenwald-aufruf/", 301)),
            "en",
        ),
        Probe("/de/advocacy/fennimore-entwurf/", STAFF_ONLY_OBJECT, "de"),
        Probe("/en/advocacy/no-such-article/", S(404), "en"),
    ]


def _catalogue_csv(w):
    network = {
        "Amberfall peace talks": S("yes"),
        "Gravelmarsh dialogue": S("no", staffers="yes"),
        "Ironvale talks": S("no", staffers="yes"),
    }
    checks = [csv_network(name, expected) for name, expected in network.items()]
    return [
        *i18n("processes:catalogue_csv", PUBLIC, checks=checks),
        *i18n(
            "processes:catalogue_csv",
            PUBLIC,
            query=f"q={SEARCH_KEYS['draft_process']}",
            langs=("en",),
        ),
        *i18n("processes:catalogue_csv", S(400), query="track=9", langs=("en",)),
    ]


def _catalogue(w):
    non_staff = frozenset(GROUPS["non_staff"])
    return [
        *i18n("processes:catalogue", PUBLIC),
        *i18n(
            "processes:catalogue",
            PUBLIC,
            query=f"q={SEARCH_KEYS['draft_process']}",
            langs=("en",),
        ),
        *i18n(
            "processes:catalogue",
            PUBLIC,
            query="network=on",
            langs=("en",),
            checks=[
                absent("/processes/gravelmarsh/", non_staff, "a process with anonymised help"),
                absent("/processes/ironvale/", non_staff, "a process with staff-only help"),
                present("/processes/ironvale/", STAFFERS, "a process with staff-only help"),
                present("/processes/amberfall/", frozenset(PERSONAS), "a process with help"),
            ],
        ),
        *i18n("processes:catalogue", S(400), query="track=9", langs=("en",)),
    ]


def _autocomplete(app_label, model_name, field_name):
    return f"app_label={app_label}&model_name={model_name}&field_name={field_name}&term="


def _history_id(obj):
    return obj.history.order_by("-history_id").first().history_id


CHARTS = ("share-by-role", "share-by-region", "gender-provisions", "engagements-by-track")
ME_SECTIONS = (
    "profile",
    "expertise",
    "languages",
    "trainings",
    "regions",
    "availability",
    "privacy",
)


MATRIX = {
    # Unprefixed.
    "healthz": lambda w: plain("healthz", PUBLIC),
    "robots": lambda w: plain("robots", PUBLIC),
    "sitemap": _sitemap_index,
    "sitemap_section": _sitemap,
    "photos:photo": _photos,
    # Public pages.
    "home": lambda w: i18n("home", PUBLIC),
    "about": lambda w: i18n("about", PUBLIC),
    "impressum": lambda w: i18n("impressum", PUBLIC),
    "privacy": lambda w: i18n("privacy", PUBLIC),
    "page": lambda w: [
        *i18n("page", PUBLIC, kwargs={"slug": "guide"}),
        *i18n("page", STAFF_ONLY_OBJECT, kwargs={"slug": "hazelrigg-plan"}),
        *i18n("page", S(404), kwargs={"slug": "no-such-page"}, langs=("en",)),
        # A page with an address of its own is served there.
        Probe("/en/pages/about/", S(Redirect("/en/about/", 301)), "en"),
        Probe("/de/pages/about/", S(Redirect("/de/about/", 301)), "de"),
    ],
    "voices": lambda w: i18n("voices", PUBLIC),
    "advocacy": lambda w: [
        *i18n("advocacy", PUBLIC),
        *i18n("advocacy", PUBLIC, query="topic=inclusion", langs=("en",)),
    ],
    "feed_atom": lambda w: i18n("feed_atom", PUBLIC),
    "feed_rss": lambda w: i18n("feed_rss", PUBLIC),
    "article": _articles,
    "events": lambda w: i18n("events", PUBLIC),
    "events_ics": lambda w: i18n("events_ics", PUBLIC),
    "event": lambda w: [
        *i18n("event", PUBLIC, kwargs={"slug": "juniperwell"}),
        *i18n("event", PUBLIC, kwargs={"slug": "lindenmoor"}),
        *i18n("event", STAFF_ONLY_OBJECT, kwargs={"slug": "kettlethorn"}),
    ],
    "event_ics": lambda w: [
        *i18n("event_ics", PUBLIC, kwargs={"slug": "juniperwell"}),
        *i18n("event_ics", STAFF_ONLY_OBJECT, kwargs={"slug": "kettlethorn"}),
    ],
    "search": lambda w: [
        *i18n("search", PUBLIC),
        *[
            probe
            for key in SEARCH_KEYS.values()
            for probe in i18n("search", PUBLIC, query=f"q={key}", langs=("en",))
        ],
        *i18n("search", S(400), query="q=" + "a" * 201, langs=("en",)),  # too long for the box
    ],
    # The roster and profiles.
    "mediators:roster": lambda w: [*i18n("mediators:roster", PUBLIC), *_roster_and_search(w)],
    "mediators:profile": lambda w: [
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.pia)),
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.ada)),
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.stella)),
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.member_profile)),
        *i18n("mediators:profile", PROFILE_OF_MEMBERS, kwargs=_profile(w.mara)),
        *i18n("mediators:profile", STAFF_ONLY_OBJECT, kwargs=_profile(w.hedda)),
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.prue)),
        # Approved profiles only, for staff too: they review the others in the admin.
        *i18n("mediators:profile", S(404), kwargs=_profile(w.sina)),
        *i18n("mediators:profile", S(404), kwargs=_profile(w.applicant_profile)),
        # A protected profile is never reached under her name.
        *i18n("mediators:profile", S(404), kwargs={"slug": "prue-kestrinova"}, langs=("en",)),
    ],
    "mediators:contact": _contact,
    # The member area.
    "mediators:me": lambda w: i18n("mediators:me", MEMBER_AREA),
    "mediators:me_edit": lambda w: [
        *[
            probe
            for section in ME_SECTIONS
            for probe in i18n(
                "mediators:me_edit", OWN_PROFILE, kwargs={"section": section}, langs=("en",)
            )
        ],
        *i18n("mediators:me_edit", OWN_PROFILE, kwargs={"section": "profile"}, langs=("de",)),
        *i18n("mediators:me_edit", S(404, anonymous=LOGIN), kwargs={"section": "status"}),
    ],
    "mediators:me_photo": lambda w: i18n("mediators:me_photo", OWN_PROFILE),
    "mediators:me_preview": lambda w: [
        *i18n("mediators:me_preview", OWN_PROFILE, kwargs={"audience": "public"}),
        *i18n("mediators:me_preview", OWN_PROFILE, kwargs={"audience": "members"}),
        *i18n("mediators:me_preview", S(404, anonymous=LOGIN), kwargs={"audience": "staff"}),
    ],
    "mediators:me_submit": lambda w: [
        *i18n("mediators:me_submit", POST_ONLY, langs=("en",)),
        *i18n(
            "mediators:me_submit",
            S(Redirect("/{lang}/me/"), anonymous=LOGIN, staffers=404),
            method="post",
            data={},
        ),
    ],
    "my_data": lambda w: [
        *i18n("my_data", MEMBER_AREA),
        *i18n("my_data", MEMBER_AREA, query="download=1"),
    ],
    "delete_account": lambda w: i18n("delete_account", MEMBER_AREA),
    # Processes.
    "processes:catalogue": _catalogue,
    "processes:catalogue_csv": _catalogue_csv,
    "processes:insights": lambda w: i18n("processes:insights", PUBLIC),
    "processes:insights_csv": lambda w: [
        *[
            probe
            for chart in CHARTS
            for probe in i18n("processes:insights_csv", PUBLIC, kwargs={"chart": chart})
        ],
        *i18n("processes:insights_csv", S(404), kwargs={"chart": "nothing"}, langs=("en",)),
    ],
    "processes:detail": lambda w: [
        *i18n("processes:detail", PUBLIC, kwargs={"slug": w.p_pub.slug}),
        *i18n("processes:detail", PUBLIC, kwargs={"slug": w.p_anon.slug}),
        *i18n("processes:detail", PUBLIC, kwargs={"slug": w.p_staff.slug}),
        *i18n("processes:detail", STAFF_ONLY_OBJECT, kwargs={"slug": w.p_draft.slug}),
    ],
    # Accounts (allauth): every page a visitor reaches without a key, and the keyed ones
    # with a key that does not exist.
    "account_login": lambda w: i18n("account_login", S(Redirect("/{lang}/"), anonymous=200)),
    "account_logout": lambda w: i18n("account_logout", S(200, anonymous=Redirect("/{lang}/"))),
    "account_inactive": lambda w: i18n("account_inactive", PUBLIC, langs=("en",)),
    "account_signup": lambda w: i18n("account_signup", S(Redirect("/{lang}/"), anonymous=200)),
    "account_reauthenticate": lambda w: i18n("account_reauthenticate", MEMBER_AREA),
    "account_request_reauthentication_code": lambda w: i18n(
        "account_request_reauthentication_code", MEMBER_AREA, langs=("en",)
    ),
    "account_confirm_reauthentication_code": lambda w: i18n(
        "account_confirm_reauthentication_code",
        S(Redirect("/{lang}/accounts/reauthenticate/code/"), anonymous=LOGIN),
        langs=("en",),
    ),
    "account_email": lambda w: i18n("account_email", MEMBER_AREA),
    "account_email_verification_sent": lambda w: i18n(
        "account_email_verification_sent", PUBLIC, langs=("en",)
    ),
    "account_change_password": lambda w: i18n("account_change_password", MEMBER_AREA),
    # Everyone here has a password already: she changes it instead.
    "account_set_password": lambda w: i18n(
        "account_set_password",
        S(Redirect("/{lang}/accounts/password/change/"), anonymous=LOGIN),
        langs=("en",),
    ),
    "account_reset_password": lambda w: i18n("account_reset_password", PUBLIC),
    # No sign-in is waiting for a code or a second factor: back to the start.
    "account_confirm_login_code": lambda w: i18n(
        "account_confirm_login_code", NOTHING_PENDING, langs=("en",)
    ),
    "account_confirm_email": lambda w: i18n(
        "account_confirm_email", PUBLIC, kwargs={"key": "no-such-key"}, langs=("en",)
    ),
    "account_reset_password_from_key_done": lambda w: i18n(
        "account_reset_password_from_key_done", PUBLIC, langs=("en",)
    ),
    "account_reset_password_from_key": lambda w: i18n(
        "account_reset_password_from_key",
        PUBLIC,
        kwargs={"uidb36": "zz", "key": "no-such-key"},
        langs=("en",),
    ),
    "account_reset_password_done": lambda w: i18n(
        "account_reset_password_done", PUBLIC, langs=("en",)
    ),
    "mfa_index": lambda w: i18n("mfa_index", MEMBER_AREA),
    "mfa_authenticate": lambda w: i18n("mfa_authenticate", NOTHING_PENDING, langs=("en",)),
    # Members have no second factor to re-enter; staff have one.
    "mfa_reauthenticate": lambda w: i18n(
        "mfa_reauthenticate",
        S(200, anonymous=LOGIN, non_staff=Redirect("/{lang}/accounts/reauthenticate/")),
        langs=("en",),
    ),
    # Changing a second factor asks for the password again first (force_login is not fresh).
    "mfa_activate_totp": lambda w: i18n("mfa_activate_totp", REAUTHENTICATE, langs=("en",)),
    "mfa_deactivate_totp": lambda w: i18n(
        "mfa_deactivate_totp",
        S(REAUTHENTICATE_FIRST, anonymous=LOGIN, non_staff=404),
        langs=("en",),
    ),
    # Nobody here has generated recovery codes.
    "mfa_view_recovery_codes": lambda w: i18n(
        "mfa_view_recovery_codes", S(404, anonymous=LOGIN), langs=("en",)
    ),
    "mfa_generate_recovery_codes": lambda w: i18n(
        "mfa_generate_recovery_codes", REAUTHENTICATE, langs=("en",)
    ),
    "mfa_download_recovery_codes": lambda w: i18n(
        "mfa_download_recovery_codes", S(404, anonymous=LOGIN), langs=("en",)
    ),
    "usersessions_list": lambda w: i18n("usersessions_list", MEMBER_AREA),
    # The back office. Non-staff are sent to its login page (which sends them on to the
    # site's, or refuses a signed-in non-staff account); staff without a role see only
    # what their group may.
    "admin:index": lambda w: plain("admin:index", ADMIN_ANY_STAFF),
    "admin:login": lambda w: plain(
        "admin:login",
        S(403, anonymous=Redirect("/en/accounts/login/"), staffers=Redirect("/admin/")),
    ),
    # Signing out takes a POST; a GET from staff is refused, anyone else is sent on.
    "admin:logout": lambda w: plain("admin:logout", S(Redirect("/admin/"), staffers=405)),
    "admin:password_change": lambda w: plain("admin:password_change", ADMIN_ANY_STAFF),
    "admin:password_change_done": lambda w: plain("admin:password_change_done", ADMIN_ANY_STAFF),
    "admin:jsi18n": lambda w: plain("admin:jsi18n", ADMIN_ANY_STAFF),
    "admin:autocomplete": lambda w: [
        *plain(
            "admin:autocomplete",
            admin_for("curator"),
            query=_autocomplete("processes", "engagement", "process"),
        ),
        # Curators record engagements, and the engagement form picks her through this
        # autocomplete: they need it (names only; they see them in the engagement list).
        *plain(
            "admin:autocomplete",
            admin_for("curator"),
            query=_autocomplete("processes", "engagement", "mediator"),
        ),
        # Editors link an article's author to her profile the same way, and the article to
        # published processes.
        *plain(
            "admin:autocomplete",
            admin_for("editor"),
            query=_autocomplete("wpm", "articleauthor", "mediator"),
        ),
        *plain(
            "admin:autocomplete",
            admin_for("editor", "curator"),
            query=_autocomplete("wpm", "article", "related_processes"),
        ),
        *plain(
            "admin:autocomplete",
            admin_for("curator"),
            query=_autocomplete("processes", "processlink", "target"),
        ),
        *plain(
            "admin:autocomplete",
            admin_for("curator"),
            query=_autocomplete("processes", "processparty", "party"),
        ),
        *plain(
            "admin:autocomplete", admin_for(), query=_autocomplete("mediators", "mediator", "user")
        ),
    ],
    "admin:view_on_site": lambda w: plain(
        "admin:view_on_site",
        S(ADMIN_LOGIN, staffers=Redirect(f"http://testserver{w.hedda.get_absolute_url()}")),
        args=[ContentType.objects.get_for_model(Mediator).pk, w.hedda.pk],
    ),
    "admin:app_list": lambda w: [
        *plain("admin:app_list", admin_app(), kwargs={"app_label": "mediators"}),
        *plain("admin:app_list", admin_app("curator"), kwargs={"app_label": "processes"}),
        *plain("admin:app_list", admin_app("editor"), kwargs={"app_label": "wpm"}),
        *plain("admin:app_list", admin_app(), kwargs={"app_label": "admin"}),
    ],
    # Changelists of every registered model.
    "admin:mediators_mediator_changelist": lambda w: [
        *plain("admin:mediators_mediator_changelist", admin_for()),
        *plain("admin:mediators_mediator_changelist", admin_for(), query="q=Hedda"),
    ],
    "admin:mediators_expertisearea_changelist": lambda w: plain(
        "admin:mediators_expertisearea_changelist", admin_for()
    ),
    "admin:mediators_contactmessage_changelist": lambda w: plain(
        "admin:mediators_contactmessage_changelist", admin_for()
    ),
    "admin:processes_process_changelist": lambda w: plain(
        "admin:processes_process_changelist", admin_for("curator")
    ),
    "admin:processes_engagement_changelist": lambda w: plain(
        "admin:processes_engagement_changelist", admin_for("curator")
    ),
    "admin:processes_agreement_changelist": lambda w: plain(
        "admin:processes_agreement_changelist", admin_for("curator")
    ),
    "admin:processes_party_changelist": lambda w: plain(
        "admin:processes_party_changelist", admin_for("curator")
    ),
    "admin:processes_instrument_changelist": lambda w: plain(
        "admin:processes_instrument_changelist", admin_for("curator")
    ),
    "admin:wpm_article_changelist": lambda w: plain(
        "admin:wpm_article_changelist", admin_for("editor")
    ),
    "admin:wpm_page_changelist": lambda w: plain("admin:wpm_page_changelist", admin_for("editor")),
    "admin:wpm_event_changelist": lambda w: plain(
        "admin:wpm_event_changelist", admin_for("editor")
    ),
    "admin:wpm_voice_changelist": lambda w: plain(
        "admin:wpm_voice_changelist", admin_for("editor")
    ),
    "admin:wpm_topic_changelist": lambda w: plain(
        "admin:wpm_topic_changelist", admin_for("editor")
    ),
    "admin:wpm_user_changelist": lambda w: plain("admin:wpm_user_changelist", admin_for()),
    "admin:auth_group_changelist": lambda w: plain("admin:auth_group_changelist", admin_for()),
    "admin:admin_logentry_changelist": lambda w: plain(
        "admin:admin_logentry_changelist", admin_for()
    ),
    "admin:account_emailaddress_changelist": lambda w: plain(
        "admin:account_emailaddress_changelist", admin_for()
    ),
    "admin:mfa_authenticator_changelist": lambda w: plain(
        "admin:mfa_authenticator_changelist", admin_for()
    ),
    "admin:usersessions_usersession_changelist": lambda w: plain(
        "admin:usersessions_usersession_changelist", admin_for()
    ),
    # Per-object pages of the models that hold private data.
    "admin:mediators_mediator_add": lambda w: plain("admin:mediators_mediator_add", admin_for()),
    "admin:mediators_mediator_change": lambda w: [
        *plain("admin:mediators_mediator_change", admin_for(), args=[w.hedda.pk]),
        *plain("admin:mediators_mediator_change", admin_for(), args=[w.sina.pk]),
    ],
    "admin:mediators_mediator_history": lambda w: plain(
        "admin:mediators_mediator_history", admin_for(), args=[w.hedda.pk]
    ),
    "admin:mediators_mediator_delete": lambda w: plain(
        "admin:mediators_mediator_delete", admin_for(), args=[w.hedda.pk]
    ),
    "admin:mediators_contactmessage_change": lambda w: plain(
        "admin:mediators_contactmessage_change",
        admin_for(),
        args=[ContactMessage.objects.get(mediator=w.member_profile).pk],
    ),
    "admin:processes_engagement_change": lambda w: [
        *plain("admin:processes_engagement_change", admin_for("curator"), args=[w.staff_only.pk]),
        *plain("admin:processes_engagement_change", admin_for("curator"), args=[w.anonymised.pk]),
    ],
    "admin:processes_engagement_history": lambda w: plain(
        "admin:processes_engagement_history", admin_for("curator"), args=[w.staff_only.pk]
    ),
    "admin:processes_process_change": lambda w: plain(
        "admin:processes_process_change", admin_for("curator"), args=[w.p_draft.pk]
    ),
    "admin:processes_process_simple_history": lambda w: plain(
        "admin:processes_process_simple_history",
        admin_for("curator"),
        args=[w.p_draft.pk, _history_id(w.p_draft)],
    ),
    "admin:wpm_article_change": lambda w: plain(
        "admin:wpm_article_change", admin_for("editor"), args=[w.art_draft.pk]
    ),
    "admin:wpm_article_add": lambda w: plain("admin:wpm_article_add", admin_for("editor")),
    "admin:wpm_voice_change": lambda w: plain(
        "admin:wpm_voice_change", admin_for("editor"), args=[w.voice_draft.pk]
    ),
    "admin:wpm_page_change": lambda w: plain(
        "admin:wpm_page_change", admin_for("editor"), args=[w.page_draft.pk]
    ),
    "admin:auth_user_password_change": lambda w: plain(
        "admin:auth_user_password_change", admin_for(), args=[w.users["member"].pk]
    ),
    "admin:wpm_user_change": lambda w: plain(
        "admin:wpm_user_change", admin_for(), args=[w.users["member"].pk]
    ),
    # The audit log is read-only, even for superusers.
    "admin:admin_logentry_change": lambda w: plain(
        "admin:admin_logentry_change", admin_for(), args=[w.log_entry.pk]
    ),
    "admin:admin_logentry_history": lambda w: plain(
        "admin:admin_logentry_history", admin_for(), args=[w.log_entry.pk]
    ),
    "admin:admin_logentry_add": lambda w: plain(
        "admin:admin_logentry_add", S(ADMIN_LOGIN, staffers=403)
    ),
    "admin:admin_logentry_delete": lambda w: plain(
        "admin:admin_logentry_delete", S(ADMIN_LOGIN, staffers=403), args=[w.log_entry.pk]
    ),
}

# Named patterns outside this suite, each with the reason. Everything else is in MATRIX.
OUTSIDE = {
    # The admin generates add, change, history and delete views for every registered model
    # (simple-history adds one more). Their rule is Django's own model permission check, the
    # same code for every model; MATRIX covers every changelist and these views for the models
    # that hold private data (mediators, engagements, contact messages, users, the audit log,
    # draft processes, articles and pages).
    r"admin:\w+_(add|change|history|delete|simple_history)": "generated per-object admin views",
}


def url_pattern_names():
    """Every named URL pattern of the site, with its namespaces, however deeply included."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns, ""))


def is_outside(name):
    return any(re.fullmatch(rule, name) for rule in OUTSIDE)


def test_every_url_pattern_is_in_the_matrix():
    names = url_pattern_names()
    missing = sorted(name for name in names if name not in MATRIX and not is_outside(name))
    assert not missing, "URL patterns without an entry in the access MATRIX:\n" + "\n".join(missing)
    stale = sorted(set(MATRIX) - names)
    assert not stale, "MATRIX entries for URL patterns that no longer exist:\n" + "\n".join(stale)


# Checking one persona against the whole matrix.

TEXT_TYPES = ("text/", "json", "xml", "javascript", "calendar", "csv")
SELECT = re.compile(r"<(select|datalist)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def _no_template_records(*args, **kwargs):
    """The test client copies the context of every template it renders (each option of a
    country list...) for response.context, which this suite never reads: skip that."""


def _send(client, probe):
    with mock.patch("django.test.client.store_rendered_templates", _no_template_records):
        return _send_now(client, probe)


def _send_now(client, probe):
    if probe.method == "post":
        number = next(REMOTE_ADDRESSES)
        address = f"10.{number // 62500 % 250}.{number // 250 % 250}.{number % 250}"
        return client.post(probe.path, probe.data or {}, REMOTE_ADDR=address)
    return client.get(probe.path)


def _body(response):
    """The response as text, with its Location header; None for images and other binaries."""
    # Reading a streamed file to the end closes it, the test client's way; closing it again
    # would fire request_finished and close the test's database connection (PostgreSQL).
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    location = response.get("Location", "")
    if content and not any(kind in content_type for kind in TEXT_TYPES):
        return location or None
    text = content.decode("utf-8", errors="replace")
    if "calendar" in content_type:
        text = text.replace("\r\n ", "").replace("\r\n\t", "")  # unfold iCalendar lines
    return f"{location}\n{text}"


def _echoes(path):
    """The request's own address, as the page repeats it (language switch, next=...)."""
    bare = path.split("?")[0]
    variants = {path, bare}
    for a, b in (("/en/", "/de/"), ("/de/", "/en/")):
        if bare.startswith(a):
            variants.add(b + bare[len(a) :])
    variants |= {quote(v, safe=safe) for v in list(variants) for safe in ("", "/")}
    return sorted(variants, key=len, reverse=True)


def find_leaks(persona, body, world, path, *, pairs=True, seen=None):
    """What this persona must not see in a body; what she may see is added to seen."""
    if body is None:
        return []
    text = body.lower()
    for echo in _echoes(path):
        text = text.replace(echo.lower(), " ")
    outside_lists = SELECT.sub(" ", text)
    leaks = []
    for marker in world.markers:
        if marker.text.lower() not in (outside_lists if marker.country else text):
            continue
        if persona in marker.audience:
            if seen is not None:
                seen.add(marker.text)
        else:
            leaks.append(f"leaks {marker.what}: {marker.text!r}")
    for pair in world.pairs if pairs else ():
        if persona in pair.audience:
            continue
        if any(word in text for word in pair.left) and any(word in text for word in pair.right):
            leaks.append(f"leaks {pair.what}: {pair.left + pair.right}")
    return leaks


def _status_problem(response, expected, probe):
    if isinstance(expected, int):
        if response.status_code != expected:
            where = response.get("Location", "")
            where = f" to {where}" if where else ""
            return f"status {response.status_code}{where}, expected {expected}"
        return None
    location = response.get("Location", "")
    if response.status_code != expected.code:
        return f"status {response.status_code}, expected {expected}"
    lang = probe.lang
    if expected.to in ("login", "admin_login"):
        login = f"/{lang}/accounts/login/" if expected.to == "login" else "/admin/login/"
        parts = urlsplit(location)
        following = parse_qs(parts.query).get("next", [""])[0]
        if parts.path != login or following != probe.path:
            return f"redirects to {location!r}, expected {login}?next={probe.path}"
        return None
    wanted = expected.to.format(lang=lang)
    if not location.startswith(wanted):
        return f"redirects to {location!r}, expected {wanted!r}"
    return None


def check_persona(persona, client, world, names=None, seen=None):
    """Request every address of the matrix as one persona; return every failure found.

    The markers she may see and did see are added to seen.
    """
    failures = []
    for name, build in MATRIX.items():
        if names is not None and name not in names:
            continue
        with translation.override("en"):  # a request leaves its language active
            probes = build(world)
        for probe in probes:
            label = f"{name}: {probe.method.upper()} {probe.path}"
            try:
                response = _send(client, probe)
            except Exception as error:  # one broken page must not hide the others
                failures.append(f"{label}: raised {error.__class__.__name__}: {error}")
                continue
            problem = _status_problem(response, probe.expect[persona], probe)
            if problem:
                failures.append(f"{label}: {problem}")
            body = _body(response)
            for leak in find_leaks(
                persona, body, world, probe.path, pairs=not probe.is_list, seen=seen
            ):
                failures.append(f"{label} [{response.status_code}]: {leak}")
            for check in probe.checks:
                if problem := check(persona, body):
                    failures.append(f"{label} [{response.status_code}]: {problem}")
            if probe.method == "post" and response.status_code in (301, 302):
                # A form's confirmation shows on the page it redirects to.
                target = response["Location"]
                after = _body(_send(client, Probe(target, {})))
                for leak in find_leaks(persona, after, world, target, seen=seen):
                    failures.append(f"{label}, then GET {target}: {leak}")
    return failures


@pytest.mark.parametrize("persona", PERSONAS)
def test_access_matrix(persona, world):
    client = client_for(world.users[persona])
    seen = set()
    failures = check_persona(persona, client, world, seen=seen)
    failures += [
        f"never shows {marker.what} ({marker.text!r}) anywhere: its check proves nothing"
        for marker in world.markers
        if marker.witness == persona and marker.text not in seen
    ]
    assert not failures, f"{len(failures)} failures for {persona}:\n" + "\n".join(failures)


# The matrix must catch regressions.


def test_the_matrix_catches_hidden_profiles_shown_to_the_public(world):
    with mock.patch(
        "mediators.models.MediatorQuerySet.visible_to", lambda self, user: self.listed()
    ):
        failures = check_persona(
            "anonymous",
            client_for(None),
            world,
            names={"mediators:roster", "mediators:profile", "processes:detail", "sitemap_section"},
        )
    text = "\n".join(failures)
    assert "leaks a hidden profile: 'Zorblatt'" in text
    assert "leaks a members-only profile: 'Thistlewick'" in text
    assert f"GET /en/mediators/{world.hedda.slug}/: status 200, expected 404" in text


def test_the_matrix_catches_an_anonymised_engagement_named_on_her_profile(world):
    def every_engagement(mediator, profile):
        return mediator.engagements.select_related("process")

    def named(engagement):
        return engagement.process.name

    with (
        mock.patch("mediators.views._engagements", every_engagement),
        mock.patch.object(Engagement, "anonymised_description", property(named)),
    ):
        failures = check_persona(
            "member", client_for(world.users["member"]), world, names={"mediators:profile"}
        )
    text = "\n".join(failures)
    assert "an anonymised engagement's process next to the mediator's name" in text
    assert "a staff-only engagement's process next to the mediator's name" in text
    assert "leaks a draft process: 'Nightjar'" in text


def test_the_matrix_catches_a_draft_in_the_feed(world):
    with mock.patch("wpm.models.ArticleQuerySet.published", lambda self: self.all()):
        failures = check_persona("anonymous", client_for(None), world, names={"feed_atom"})
    assert any("leaks an unpublished article: 'Cobblestrand'" in f for f in failures), failures
