import functools
import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import (
    ArticleFactory,
    EventFactory,
    MediatorFactory,
    ProcessFactory,
    RequesterFactory,
    UserFactory,
    VoiceFactory,
    add_country,
)
from tests.totp import activate_totp
from wpm import derived

QUEUED_MAILER = {"BACKEND": "wpm.outbox.backends.QueuedEmailBackend"}

# Playwright runs an event loop in the test thread; the live server's database calls are safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("WPM_CHROMIUM", "/usr/bin/chromium")
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
REQUIRE_BROWSER = os.environ.get("WPM_REQUIRE_BROWSER") == "1"
# A page anonymous visitors may get from the cache first reads the page version its key holds.
PAGE_VERSION = 1


def chromium_missing():
    return not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK))


def html_checker_missing():
    if shutil.which("java") is None:
        return "Java is not installed (apt-get install default-jre-headless)"
    if not VNU_JAR.is_file():
        return f"the Nu Html Checker is not at {VNU_JAR} (run npm ci)"
    return None


@functools.cache
def fonts_missing():
    """Why PDF documents would draw some names as boxes here, if they would (wpm.checks)."""
    from wpm.checks import scripts_without_font

    lacking = scripts_without_font()
    if lacking is None:
        return "fontconfig's fc-list cannot be run (apt-get install fontconfig)"
    if lacking:
        packages = " ".join(sorted(set(lacking.values())))
        return f"no font for {', '.join(lacking)}: install them with 'apt-get install {packages}'"
    return None


def _missing_tools():
    missing = {}
    if chromium_missing():
        missing["browser"] = (
            f"no Chromium at {CHROMIUM}: install it with 'apt-get install chromium' "
            "or point WPM_CHROMIUM at one"
        )
    if reason := html_checker_missing():
        missing["html"] = reason
    if reason := fonts_missing():
        missing["fonts"] = reason
    # Where CI configures Redis, its tests must run: their fixture fails without a server.
    if shutil.which("redis-server") is None and not os.environ.get("REDIS_URL"):
        missing["redis"] = "no redis-server on PATH: install it with 'apt-get install redis-server'"
    return missing


def pytest_report_header(config):
    return [f"SKIPPING {kind.upper()} TESTS: {why}" for kind, why in _missing_tools().items()]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        if "redis_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.redis)
    missing = _missing_tools()
    for kind, why in missing.items():
        affected = [item for item in items if kind in item.keywords]
        if not affected:
            continue
        if REQUIRE_BROWSER and kind != "redis":
            raise pytest.UsageError(f"WPM_REQUIRE_BROWSER=1 but {why}.")
        for item in affected:
            item.add_marker(pytest.mark.skip(reason=why))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for kind, why in _missing_tools().items():
        terminalreporter.write_line(f"!!! {kind.upper()} TESTS WERE SKIPPED: {why}", red=True)


@pytest.fixture(autouse=True)
def _seeded_rows(request, django_db_blocker):
    """Seed again, as migrate does, whenever a transactional test has emptied the tables: `flush`
    leaves a database empty (restore needs that), seeds included."""
    uses_db = request.node.get_closest_marker("django_db") is not None or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not uses_db:
        return
    with django_db_blocker.unblock():
        seed_as_migrate_does()


def seed_as_migrate_does():
    """The rows migrate seeds (expertise areas, languages, groups), where a flush removed them."""
    from django.core.management.sql import emit_post_migrate_signal

    from mediators.models import ExpertiseArea

    if not ExpertiseArea.objects.exists():
        emit_post_migrate_signal(0, False, "default", plan=[])


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path):
    """Every test writes uploads to its own folder and starts with empty rate limits, in English.

    Django's test set-up makes every mailer the memory outbox (``mail.outbox``); the default one
    queues again, so every mail a test sends goes through the queue, as on the site, and leaves
    through the outbound mailer into that memory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MAILERS = {**settings.MAILERS, "default": QUEUED_MAILER}
    cache.clear()
    derived.forget()
    translation.activate(settings.LANGUAGE_CODE)


# Personas.


@pytest.fixture
def member(db):
    """A signed-up mediator whose profile staff approved."""
    user = UserFactory(email="member@example.org", name="Amina Member")
    MediatorFactory(user=user, display_name="Amina Member")
    return user


@pytest.fixture
def other_member(db):
    user = UserFactory(email="other@example.org", name="Olga Other")
    MediatorFactory(user=user, display_name="Olga Other")
    return user


@pytest.fixture
def applicant(db):
    """A mediator who submitted her profile; staff have not approved it yet."""
    user = UserFactory(email="applicant@example.org", name="Ana Applicant")
    MediatorFactory(user=user, display_name="Ana Applicant", status="submitted")
    return user


@pytest.fixture
def newcomer(db):
    """A verified account without a profile yet."""
    return UserFactory(email="newcomer@example.org", name="Nia Newcomer")


@pytest.fixture
def requester(db):
    """Staff of an appointing body whom staff of the network have verified as a requester."""
    user = UserFactory(email="requester@example.org", name="Rita Requester")
    RequesterFactory(user=user, organisation="Ravenglass Mediation Unit")
    return user


@pytest.fixture
def other_requester(db):
    user = UserFactory(email="rosa.q@example.org", name="Rosa Other")
    RequesterFactory(user=user, organisation="Quarrymoor Foreign Office")
    return user


def staff_member(**fields):
    """Staff always have two-factor authentication: the back office requires it."""
    user = UserFactory(is_staff=True, **fields)
    user.totp_secret = activate_totp(user)
    return user


@pytest.fixture
def staff(db):
    return staff_member(email="staff@example.org", name="Sara Staff")


@pytest.fixture
def superuser(db):
    return staff_member(email="root@example.org", name="Ruth Root", is_superuser=True)


def tables_read(client, path, params=None):
    """The tables a page read, by name, and that it answered 200."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    assert queries.captured_queries
    return {table for query in queries for table in re.findall(r'FROM "(\w+)"', query["sql"])}


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def admin_form_data(response):
    """What a browser sends back from a back-office add or change page, unchanged: its form's
    and its inlines' fields with their values, and the inlines' management forms."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form.initial.items()
        data |= {f"{inline.formset.prefix}-{key}": value for key, value in management}
        forms.extend(inline.formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = [str(v) for v in value] if isinstance(value, list) else value
    return data


def profile_admin_form(client, mediator):
    """Her profile's change form in the back office, as staff would post it back unchanged:
    its address and data, her lists left as they are."""
    url = f"/admin/mediators/mediator/{mediator.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("expertise", "nationalities")
    }
    for prefix in ("languages", "tracks", "backgrounds", "regional_experience", "trainings"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return url, form, data


@pytest.fixture
def member_client(member):
    return client_for(member)


@pytest.fixture
def staff_client(staff):
    return client_for(staff)


@pytest.fixture
def superuser_client(superuser):
    return client_for(superuser)


def _rich_profile(**overrides):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from mediators import photos
    from mediators.models import ExpertiseArea, MediatorLanguage, RegionalExperience, Training

    mediator = MediatorFactory(
        bio="Led **ceasefire** talks.\n\n- one\n- two",
        years_experience=12,
        country="DE",
        nationalities=["DE", "SY"],
        pronouns="she/her",
        availability_note="From March",
        **{
            f"{section}_audience": 0
            for section in (
                "photo",
                "bio",
                "nationalities",
                "country",
                "trainings",
                "regions",
                "availability",
            )
        },
        **overrides,
    )
    mediator.expertise.set(ExpertiseArea.objects.all()[:4])
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=7)
    MediatorLanguage.objects.create(mediator=mediator, code="fr", level=5)
    Training.objects.create(
        mediator=mediator, title="Mediation course", provider="Academy", year=2019, hours=40
    )
    mediator.tracks.create(track="1")
    mediator.backgrounds.create(background="diplomacy")
    RegionalExperience(mediator=mediator, country="SY").save()
    buffer = BytesIO()
    Image.new("RGB", (300, 300), "teal").save(buffer, format="JPEG")
    photos.replace_photo(
        mediator, photos.open_photo(SimpleUploadedFile("p.jpg", buffer.getvalue()))
    )
    mediator.refresh_search()
    return mediator


@pytest.fixture
def showcase(db):
    """A listed public profile with every section filled and shown to everyone."""
    return _rich_profile(display_name="Samira Showcase")


@pytest.fixture
def protected_showcase(db):
    """The same, protected: the public sees a pseudonym."""
    return _rich_profile(display_name="Petra Protected", visibility="protected")


@pytest.fixture
def showcase_process(db, showcase):
    """A published Track 1 process with every section filled, linked to a Track 2 dialogue."""
    import datetime

    from processes.models import Agreement, Engagement, ProcessLink
    from processes.record import (
        Instrument,
        Milestone,
        ParticipationFigure,
        Party,
        ProcessInstrument,
        ProcessParty,
        Source,
    )

    process = ProcessFactory(
        name="Highlands peace talks", slug="highlands", description="## Background\n\nTalks."
    )
    dialogue = ProcessFactory(
        name="Highlands civil society dialogue", slug="highlands-2", track="2"
    )
    ProcessLink.objects.create(source=dialogue, target=process, kind="accompanies")
    add_country(process, "SD")
    party = Party.objects.create(name="Government of the Highlands", kind="government")
    ProcessParty.objects.create(process=process, party=party, role="conflict-party")
    ProcessInstrument.objects.create(
        process=process, instrument=Instrument.objects.first(), provider="A foundation"
    )
    agreement = Agreement.objects.create(
        process=process, name="Ceasefire", date=datetime.date(2016, 3, 1), gender_provisions=True
    )
    ParticipationFigure.objects.create(
        agreement=agreement,
        role="signatories",
        total=8,
        women=2,
        source="PADD",
        as_of=datetime.date(2016, 3, 1),
    )
    Milestone.objects.create(process=process, date=datetime.date(2015, 1, 1), title="Talks open")
    Source.objects.create(process=process, title="Report", url="https://example.org/report")
    Engagement.objects.create(
        mediator=showcase, process=process, role="adviser", confidentiality="named"
    )
    return process


def _staff_in_group(email, name, group):
    from django.contrib.auth.models import Group

    user = staff_member(email=email, name=name)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    """Staff who run the network's content, and nothing else."""
    return _staff_in_group("editor@example.org", "Edda Editor", "Editors")


@pytest.fixture
def curator(db):
    """Staff who curate the process catalogue, and nothing else."""
    return _staff_in_group("curator@example.org", "Cora Curator", "Curators")


@pytest.fixture
def focal_point(db):
    """Staff who handle requests for mediators, but not restricted ones."""
    return _staff_in_group("focal@example.org", "Fiona Focal", "Focal points")


@pytest.fixture
def restricted_focal_point(db):
    """A focal point who may also see restricted requests."""
    from django.contrib.auth.models import Permission

    user = _staff_in_group("rhoda.r@example.org", "Rhoda Restricted", "Focal points")
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="appointments", codename="view_restricted_request"
        )
    )
    return user


def _showcase_request(requester, process):
    """A request of the requester's for a published process, with a criterion of each kind."""
    from appointments.models import RequestExpertise, RequestLanguage, RequestRegion
    from mediators.models import ExpertiseArea
    from tests.factories import RequestFactory

    request = RequestFactory(requester=requester.requester, process=process, duration="Six months")
    RequestLanguage.objects.create(request=request, code="ar", level=5, need="required")
    RequestExpertise.objects.create(
        request=request, area=ExpertiseArea.objects.first(), need="preferred"
    )
    RequestRegion(request=request, country="SD", need="required").save()
    return request


@pytest.fixture
def showcase_request(requester, showcase_process):
    """A request of the requester's, which the showcase invitation and proposal send."""
    return _showcase_request(requester, showcase_process)


@pytest.fixture
def showcase_draft(requester, showcase_process):
    """A draft of the requester's that stays one: the pages that change or discard it."""
    return _showcase_request(requester, showcase_process)


@pytest.fixture
def showcase_content(db, showcase, showcase_process):
    """A featured voice, an article with its translation and authors, and an upcoming event."""
    from wpm.models import ArticleAuthor, Topic

    VoiceFactory(name="Invented Voice", is_featured=True, quote_language="fr", quote="La paix.")
    topic = Topic.objects.create(slug="inclusion", name_en="Inclusion", name_de="Inklusion")
    german = ArticleFactory(title="Frauen am Tisch", slug="schaufenster-beitrag", language="de")
    english = ArticleFactory(
        title="Women at the table", slug="showcase-article", translation=german
    )
    for article in (english, german):
        article.topics.add(topic)
        article.related_processes.add(showcase_process)
        ArticleAuthor.objects.create(article=article, name=showcase.display_name, mediator=showcase)
    event = EventFactory(title="Process design training", slug="process-design-training")
    return {"article": english, "german": german, "event": event}


@pytest.fixture
def showcase_invitation(member, showcase_request):
    """The member invited to the showcase request, not yet answered."""
    from appointments.models import Invitation

    return Invitation.objects.create(request=showcase_request, mediator=member.mediator)


@pytest.fixture
def showcase_agreement(showcase_process):
    return showcase_process.agreements.get()


@pytest.fixture
def showcase_proposal(showcase_invitation, showcase):
    """The showcase request sent, both mediators accepted (the member releasing her email
    too) and proposed: what the requester reads."""
    from appointments.models import Invitation, Request

    request = showcase_invitation.request
    Request.objects.filter(pk=request.pk).update(status="sent")
    request.refresh_from_db()
    showcase_invitation.accept(["profile", "bio", "email"])
    other = Invitation.objects.create(request=request, mediator=showcase)
    other.accept(["profile", *showcase.SECTIONS])
    request.propose()
    request.refresh_from_db()
    return request


@pytest.fixture
def showcase_relay(showcase_proposal):
    """The address of the page to write to the first mediator in the proposal."""
    return {"pk": showcase_proposal.pk, "invitation": showcase_proposal.proposal().first().pk}


@pytest.fixture
def showcase_outcomes(showcase_proposal, requester):
    """Enough closed requests for every public figure to be shown, and one outcome recorded."""
    from appointments.models import Request
    from tests.factories import RequestFactory

    for _ in range(5):
        RequestFactory(
            requester=requester.requester,
            status="closed",
            outcome="from-list",
            sent_at=showcase_proposal.sent_at or showcase_proposal.created_at,
            proposed_at=showcase_proposal.proposed_at,
            closed_at=showcase_proposal.proposed_at,
        )
    Request.objects.filter(pk=showcase_proposal.pk).update(sent_at=showcase_proposal.created_at)


@pytest.fixture
def showcase_saved_searches(member):
    """Two searches the member saved: the roster's by a language, the catalogue's by a track."""
    from wpm.models import SavedSearch

    return [
        SavedSearch.objects.create(
            user=member,
            feed="mediators:roster_feed",
            query="language=ar",
            title="Roster of mediators · Languages (all of): Arabic",
        ),
        SavedSearch.objects.create(
            user=member,
            feed="processes:catalogue_feed",
            query="track=1",
            title="Peace processes · Track: Track 1",
        ),
    ]


@pytest.fixture
def showcase_unsubscribe(showcase_saved_searches):
    """The address a digest gives to stop the emails of both."""
    from wpm.models import SavedSearch

    return {"token": SavedSearch.unsubscribe_token(*showcase_saved_searches)}


@pytest.fixture
def showcase_voice(db):
    """A published voice with a photo, as the voices page and its own page show it."""
    from tests.factories import VoiceFactory

    return VoiceFactory(name="Samira Voice", role="Mediator", country="SD")
