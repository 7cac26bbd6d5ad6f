"""Pages that list rows read the same number of queries however many rows they show: each is
built with 1 row and with 4 rows of what it lists, and the counts compared."""

import re
from collections import Counter

import pytest
from allauth.usersessions.models import UserSession
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments.models import (
    Access,
    Invitation,
    Release,
    RequestExpertise,
    RequestLanguage,
    RequestRegion,
)
from mediators.models import ExpertiseArea, MediatorLanguage, RegionalExperience, Training
from processes.models import Agreement, Engagement
from tests.conftest import client_for
from tests.factories import (
    ArticleFactory,
    EventFactory,
    MediatorFactory,
    ProcessFactory,
    RequestFactory,
    VoiceFactory,
    add_country,
)
from wpm.models import ArticleAuthor, SavedSearch, Topic

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "fr", "es", "ru", "de"]
COUNTRIES = ["KE", "SD", "SY", "CO", "NP"]
SECTION_AUDIENCES = {
    f"{section}_audience": 0
    for section in ("photo", "bio", "nationalities", "country", "trainings", "regions")
}


def _shape(sql):
    """A query with its literals taken out, to see which one repeats."""
    return re.sub(r"'[^']*'|\b\d+\b|\"s\d+_x\d+\"", "?", sql)


def assert_constant(client, url, grow, *, marker=None):
    """grow(n) makes n rows of what the page lists; the page reads as many queries at 1 as at 4."""
    grow(1)
    assert client.get(url).status_code == 200  # the session warm
    captured = {}
    for n in (1, 4):
        grow(n)
        cache.clear()  # the anonymous visitor's page rendered afresh, and all it keeps
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        if marker is not None:
            body = b"".join(response) if response.streaming else response.content
            assert body.decode().count(marker) >= n, (url, n)
        captured[n] = [query["sql"] for query in queries.captured_queries]
    if len(captured[1]) != len(captured[4]):
        few, many = Counter(map(_shape, captured[1])), Counter(map(_shape, captured[4]))
        repeated = [shape[:200] for shape in many if many[shape] > few[shape]]
        pytest.fail(f"{url}: {len(captured[1])} queries at 1, {len(captured[4])} at 4: {repeated}")


class Rows:
    """Adds rows up to n, counting those made already."""

    def __init__(self, make):
        self.make, self.made = make, 0

    def __call__(self, n):
        while self.made < n:
            self.make(self.made)
            self.made += 1


def _sent_request(requester, title):
    return RequestFactory(requester=requester.requester, title=title, status="sent")


# The member area.


def _everything_of(member, requester):
    """Each row of a member's: an invitation, a training, an engagement, a language, a country,
    an expertise area, a saved search and a session."""
    mediator = member.mediator
    areas = list(ExpertiseArea.objects.all()[:5])

    def make(i):
        Invitation.objects.create(
            request=_sent_request(requester, f"Rowmark adviser {i}"), mediator=mediator
        )
        Training.objects.create(
            mediator=mediator, title=f"Rowmark course {i}", provider="Academy", year=2019
        )
        process = ProcessFactory(name=f"Rowmark talks {i}")
        add_country(process, COUNTRIES[i])
        Engagement.objects.create(
            mediator=mediator, process=process, role="adviser", confidentiality="named"
        )
        MediatorLanguage.objects.create(mediator=mediator, code=LANGUAGES[i], level=5)
        RegionalExperience(mediator=mediator, country=COUNTRIES[i]).save()
        mediator.expertise.add(areas[i])
        SavedSearch.objects.create(
            user=member,
            feed="mediators:roster_feed",
            query=f"language={LANGUAGES[i]}",
            title=f"Rowmark search {i}",
        )
        UserSession.objects.create(
            user=member, session_key=f"rowmark{i}", ip=f"203.0.113.{i}", user_agent="Firefox"
        )

    return Rows(make)


def test_the_member_area(member, requester):
    assert_constant(client_for(member), "/en/me/", _everything_of(member, requester))


def test_the_releases_of_an_invitation(member, requester):
    invitation = Invitation.objects.create(
        request=_sent_request(requester, "Rowmark adviser"), mediator=member.mediator
    )
    invitation.accept(["profile"])  # her first release

    def make(i):
        if i:  # the first is her acceptance's
            Release.objects.create(invitation=invitation, parts=["profile", "bio"][: i % 2 + 1])

    assert_constant(client_for(member), f"/en/me/invitations/{invitation.pk}/", Rows(make))


def test_her_data_page(member, requester):
    assert_constant(client_for(member), "/en/me/data/", _everything_of(member, requester))


@pytest.mark.parametrize("url", ["/en/me/data/?download=1", "/en/me/profile.json"])
def test_her_data_download_and_profile_file(url, member, requester):
    assert_constant(
        client_for(member), url, _everything_of(member, requester), marker="Rowmark course"
    )


def test_a_requesters_data_download(requester):
    def make(i):
        request = _sent_request(requester, f"Rowmark adviser {i}")
        RequestLanguage.objects.create(request=request, code=LANGUAGES[i], level=5, need="required")
        RequestRegion(request=request, country=COUNTRIES[i], need="required").save()
        invitation = Invitation.objects.create(request=request, mediator=MediatorFactory())
        Access.objects.create(
            request=request, user=requester, kind=Access.Kind.CONTACTED, invitation=invitation
        )

    assert_constant(
        client_for(requester), "/en/me/data/?download=1", Rows(make), marker="Rowmark adviser"
    )


def test_her_saved_searches(member):
    def make(i):
        SavedSearch.objects.create(
            user=member,
            feed="processes:catalogue_feed",
            query=f"q=Rowmark{i}",  # named from its list's filters, as she reads them
            title=f"Rowmark search {i}",
        )

    assert_constant(client_for(member), "/en/me/searches/", Rows(make), marker="Rowmark")


@pytest.mark.parametrize("audience", ["public", "members"])
def test_the_previews_of_her_profile(audience, member, requester):
    type(member.mediator).objects.filter(pk=member.mediator.pk).update(**SECTION_AUDIENCES)
    assert_constant(
        client_for(member),
        f"/en/me/preview/{audience}/",
        _everything_of(member, requester),
        marker="Rowmark course",
    )


# Feeds, calendars and exports.


def _mediators():
    def make(i):
        mediator = MediatorFactory(display_name=f"Rowmark Mediator {i}", **SECTION_AUDIENCES)
        MediatorLanguage.objects.create(mediator=mediator, code=LANGUAGES[i], level=5)
        RegionalExperience(mediator=mediator, country=COUNTRIES[i]).save()
        mediator.expertise.add(ExpertiseArea.objects.all()[i])
        Training.objects.create(mediator=mediator, title="Course", provider="Academy", year=2019)
        mediator.refresh_search()

    return Rows(make)


def _processes():
    def make(i):
        process = ProcessFactory(name=f"Rowmark talks {i}")
        add_country(process, COUNTRIES[i])
        Agreement.objects.create(process=process, name=f"Rowmark accord {i}", stage="ceasefire")
        Engagement.objects.create(
            mediator=MediatorFactory(), process=process, role="lead", confidentiality="named"
        )

    return Rows(make)


def _articles():
    topic = Topic.objects.create(slug="rows", name_en="Rows", name_de="Zeilen")

    def make(i):
        article = ArticleFactory(title=f"Rowmark article {i}")
        article.topics.add(topic)
        ArticleAuthor.objects.create(article=article, name=f"Author {i}", position=0)
        article.related_processes.add(ProcessFactory())

    return Rows(make)


def _events():
    return Rows(lambda i: EventFactory(title=f"Rowmark event {i}"))


def _voices():
    return Rows(lambda i: VoiceFactory(name=f"Rowmark Voice {i}", country=COUNTRIES[i]))


@pytest.mark.parametrize(
    ("url", "rows"),
    [
        ("/en/mediators/feed.atom", _mediators),
        ("/en/processes/feed.atom", _processes),
        ("/en/advocacy/feed/atom/", _articles),
        ("/en/events/upcoming.ics", _events),
        ("/en/processes/agreements/export.csv", _processes),
        ("/en/processes/export.csv", _processes),
        ("/en/voices/", _voices),
        ("/en/advocacy/", _articles),
        ("/en/events/", _events),
    ],
)
def test_the_public_lists(url, rows, client):
    assert_constant(client, url, rows(), marker="Rowmark")


@pytest.mark.parametrize(
    ("url", "rows"),
    [
        ("/en/mediators/feed.atom", _mediators),
        ("/en/processes/feed.atom", _processes),
    ],
)
def test_the_feeds_a_member_reads(url, rows, member):
    assert_constant(client_for(member), url, rows(), marker="Rowmark")


# The back office.


def test_the_candidates_page_with_a_shortlist(requester, focal_point):
    request = _sent_request(requester, "Rowmark adviser")

    def make(i):
        mediator = MediatorFactory(display_name=f"Rowmark Shortlisted {i}")
        MediatorLanguage.objects.create(mediator=mediator, code="ar", level=6)
        Invitation.objects.create(request=request, mediator=mediator, status="accepted")

    assert_constant(
        client_for(focal_point),
        f"/admin/appointments/request/{request.pk}/candidates/",
        Rows(make),
        marker="Rowmark Shortlisted",
    )


def test_the_mediators_change_list(superuser):
    assert_constant(
        client_for(superuser), "/admin/mediators/mediator/", _mediators(), marker="Rowmark"
    )


def test_the_requests_change_list(superuser, requester):
    def make(i):
        request = _sent_request(requester, f"Rowmark adviser {i}")
        Invitation.objects.create(request=request, mediator=MediatorFactory())

    assert_constant(
        client_for(superuser), "/admin/appointments/request/", Rows(make), marker="Rowmark"
    )


def test_the_access_log_a_focal_point_reads(requester, focal_point):
    """Each row named its invitation, whose request was read again, one query a row."""

    def make(i):
        request = _sent_request(requester, f"Rowmark adviser {i}")
        invitation = Invitation.objects.create(request=request, mediator=MediatorFactory())
        Access.objects.create(
            request=request, user=requester, kind=Access.Kind.VIEWED, invitation=invitation
        )

    assert_constant(
        client_for(focal_point), "/admin/appointments/access/", Rows(make), marker="Rowmark"
    )


def test_a_request_s_change_form_with_its_criteria(requester, focal_point):
    """Each expertise row read its area again, and each row its own list of every area."""
    request = _sent_request(requester, "Rowmark adviser")
    areas = list(ExpertiseArea.objects.all())

    def make(i):
        RequestLanguage.objects.create(request=request, code=LANGUAGES[i], need="required")
        RequestExpertise.objects.create(request=request, area=areas[i], need="preferred")
        RequestRegion(request=request, country=COUNTRIES[i], need="required").save()

    assert_constant(
        client_for(focal_point), f"/admin/appointments/request/{request.pk}/change/", Rows(make)
    )


def test_an_engagement_s_history(superuser):
    """Each version is named by her profile and the process, which were read again for it."""
    engagement = Engagement.objects.create(
        mediator=MediatorFactory(display_name="Rowmark Mediator"),
        process=ProcessFactory(),
        role="adviser",
    )

    def make(i):
        engagement.description = f"Version {i}"
        engagement.save()

    assert_constant(
        client_for(superuser),
        f"/admin/processes/engagement/{engagement.pk}/history/",
        Rows(make),
        marker="Rowmark Mediator",
    )
