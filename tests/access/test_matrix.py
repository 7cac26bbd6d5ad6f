"""The access matrix: every URL of the site, opened by every persona.

For each named URL pattern, MATRIX says how to build its addresses from a world of distinctive
marker strings, and which status each persona gets. Every response body (HTML, CSV, XML, JSON,
iCalendar) is then searched for the markers that persona must never see: members-only data for
the public, staff-only and hidden data for non-staff, anonymised and staff-only engagements next
to the mediator's name, a protected mediator's real name for the public, and drafts.

A new URL pattern without an entry in MATRIX fails test_every_url_pattern_is_in_the_matrix.

The parts: expectations.py (personas, statuses, probes), world.py and conftest.py (the world),
addresses.py and matrix.py (what each URL pattern answers whom), checks.py (one persona's run).
"""

from unittest import mock

import pytest
from django.utils import translation

from processes.models import Engagement
from tests.access.checks import check_persona
from tests.access.expectations import PERSONAS
from tests.access.matrix import MATRIX, is_outside, url_pattern_names
from tests.conftest import client_for
from wpm.shapes import Shape

pytestmark = pytest.mark.django_db


def test_every_url_pattern_is_in_the_matrix():
    names = url_pattern_names()
    missing = sorted(name for name in names if name not in MATRIX and not is_outside(name))
    assert not missing, "URL patterns without an entry in the access MATRIX:\n" + "\n".join(missing)
    stale = sorted(set(MATRIX) - names)
    assert not stale, "MATRIX entries for URL patterns that no longer exist:\n" + "\n".join(stale)


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
    # Pages keep the SQL of their queries (wpm.shapes): they must write the patched rule's,
    # and no later test may read that.
    Shape.clear_all()
    try:
        with mock.patch(
            "mediators.models.MediatorQuerySet.visible_to", lambda self, user: self.listed()
        ):
            failures = check_persona(
                "anonymous",
                client_for(None),
                world,
                names={
                    "mediators:roster",
                    "mediators:profile",
                    "processes:detail",
                    "sitemap_section",
                },
            )
    finally:
        Shape.clear_all()
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


def test_the_matrix_catches_a_request_shown_to_another_requester(world):
    with mock.patch("appointments.models.RequestQuerySet.of", lambda self, user: self.all()):
        failures = check_persona(
            "other_requester",
            client_for(world.users["other_requester"]),
            world,
            names={"appointments:detail"},
        )
    text = "\n".join(failures)
    assert "leaks a requester's draft: 'Bramblecote'" in text
    assert f"GET /en/requests/{world.req_draft.pk}/: status 200, expected 404" in text


@pytest.mark.parametrize("persona", ["anonymous", "member", "requester", "superuser"])
def test_every_address_that_answers_get_answers_head_alike(persona, world):
    """Link checkers and uptime monitors ask with HEAD: an address that answers GET answers
    HEAD with the same status and type, and no body (the open data's API refused it)."""
    client = client_for(world.users[persona])
    failures = []
    for name, build in MATRIX.items():
        with translation.override("en"):
            probes = [probe for probe in build(world) if probe.method == "get"]
        for probe in probes:
            got = client.get(probe.path)
            _content(got)
            if got.status_code != 200:
                continue
            head = client.head(probe.path)
            answered, body = (head.status_code, head.get("Content-Type")), _content(head)
            if answered != (200, got.get("Content-Type")) or body:
                failures.append(f"{name}: HEAD {probe.path}: {answered}, {len(body)} bytes")
    assert not failures, "\n".join(failures)


def _content(response):
    """Its body, read to the end (a streamed file is closed that way, the test client's way)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
