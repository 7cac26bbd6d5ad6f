"""Anonymous pages come from the cache, and every change shows on the very next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mediators.models import Mediator
from processes.models import Process
from tests.conftest import PAGE_VERSION, client_for
from tests.factories import ArticleFactory, MediatorFactory, ProcessFactory
from tests.mediators.test_contact import contact_data
from wpm.models import Article

pytestmark = pytest.mark.django_db

ROSTER = "/en/mediators/"
CATALOGUE = "/en/processes/"


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/de/",
        ROSTER,
        CATALOGUE,
        "/en/processes/insights/",
        "/en/search/?q=mediation",
        "/en/advocacy/",
        "/en/voices/",
        "/en/events/",
        "/en/about/",
        "/en/processes/export.csv",
        "/en/processes/insights/share-by-role.csv",
        "/sitemap.xml",
        "/sitemap-profiles.xml",
    ],
)
def test_a_second_anonymous_visit_is_served_without_rendering(
    client, url, django_assert_max_num_queries
):
    MediatorFactory(display_name="Ines Cached")
    ProcessFactory(name="Cached talks")
    first = client.get(url)
    with django_assert_max_num_queries(PAGE_VERSION):
        second = client.get(url)
    assert second.status_code == first.status_code == 200
    assert second.content == first.content


def test_profile_and_process_pages_are_cached_too(client, django_assert_max_num_queries):
    mediator = MediatorFactory(display_name="Ines Cached")
    process = ProcessFactory(name="Cached talks")
    for url in (mediator.get_absolute_url(), process.get_absolute_url()):
        client.get(url)
        with django_assert_max_num_queries(PAGE_VERSION):
            assert client.get(url).status_code == 200


def test_a_profile_edit_shows_on_the_next_anonymous_request(client, member):
    url = member.mediator.get_absolute_url()
    assert "Senior mediation adviser" in page(client, url)
    assert "Senior mediation adviser" in page(client, ROSTER)

    response = client_for(member).post(
        "/en/me/edit/profile/",
        {"display_name": "Amina Member", "headline": "Ceasefire specialist", "bio": ""},
    )
    assert response.status_code == 302

    assert "Ceasefire specialist" in page(client, url)
    assert "Ceasefire specialist" in page(client, ROSTER)
    assert "Amina Member" in page(client, ROSTER, q="ceasefire")


def test_a_switch_to_members_only_hides_the_profile_on_the_next_request(client, member):
    url = member.mediator.get_absolute_url()
    assert "Amina Member" in page(client, ROSTER)
    page(client, url)

    response = client_for(member).post(
        "/en/me/edit/privacy/", {"visibility": "members", **_audiences(member.mediator)}
    )
    assert response.status_code == 302, response.content.decode()

    assert client.get(url).status_code == 404
    assert "Amina Member" not in page(client, ROSTER)


def _audiences(mediator):
    """The privacy form's other fields, as they are."""
    from mediators.forms import SECTIONS

    form = SECTIONS["privacy"][1](instance=mediator)
    return {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and name != "visibility"
    }


def test_an_approval_shows_on_the_next_anonymous_request(client, applicant, superuser_client):
    assert "Ana Applicant" not in page(client, ROSTER)
    assert "Ana Applicant" not in page(client, "/en/")

    superuser_client.post(
        "/admin/mediators/mediator/",
        {
            "action": "approve",
            "_selected_action": [applicant.mediator.pk],
            "apply": "1",
            "message": "",
        },
    )
    assert Mediator.objects.get(user=applicant).status == Mediator.Status.APPROVED

    assert "Ana Applicant" in page(client, ROSTER)
    assert "Ana Applicant" in page(client, applicant.mediator.get_absolute_url())


def test_a_process_publication_shows_on_the_next_anonymous_request(client, superuser_client):
    process = ProcessFactory(name="Lake region talks", status="draft")
    assert "Lake region talks" not in page(client, CATALOGUE)
    assert client.get(process.get_absolute_url()).status_code == 404
    home_before = page(client, "/en/")
    assert process.slug not in page(client, "/sitemap-processes.xml")
    assert "Lake region talks" not in page(client, "/en/processes/export.csv")

    superuser_client.post(
        reverse("admin:processes_process_changelist"),
        {"action": "publish", "_selected_action": [process.pk]},
    )
    assert Process.objects.get(pk=process.pk).status == "published"

    assert "Lake region talks" in page(client, CATALOGUE)
    assert "Lake region talks" in page(client, process.get_absolute_url())
    assert page(client, "/en/") != home_before, "the count of processes on the home page"
    assert process.slug in page(client, "/sitemap-processes.xml")
    assert "Lake region talks" in page(client, "/en/processes/export.csv")


def test_a_bulk_review_or_publication_writes_one_page_version(superuser_client):
    applicants = MediatorFactory.create_batch(3, status="submitted")
    drafts = ProcessFactory.create_batch(3, status="draft")
    for url, data in (
        (
            reverse("admin:mediators_mediator_changelist"),
            {"action": "approve", "apply": "1", "message": ""},
        ),
        (reverse("admin:processes_process_changelist"), {"action": "publish"}),
    ):
        chosen = applicants if "mediator" in url else drafts
        with CaptureQueriesContext(connection) as queries:
            superuser_client.post(url, {**data, "_selected_action": [row.pk for row in chosen]})
        writes = [q["sql"] for q in queries if 'UPDATE "wpm_pageversion"' in q["sql"]]
        assert len(writes) == 1, url
    assert Mediator.objects.filter(status="approved").count() == 3
    assert Process.objects.filter(status="published").count() == 3


def test_content_published_with_a_bulk_action_shows_on_the_next_request(client, superuser_client):
    article = ArticleFactory(title="A quiet draft", status="draft")
    assert "A quiet draft" not in page(client, "/en/advocacy/")

    superuser_client.post(
        reverse("admin:wpm_article_changelist"),
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert Article.objects.get(pk=article.pk).status == "published"

    assert "A quiet draft" in page(client, "/en/advocacy/")


def test_no_visitor_sees_a_page_rendered_for_another_audience(
    client, member, staff_client, protected_showcase
):
    MediatorFactory(display_name="Mira Membersonly", visibility="members")
    url = protected_showcase.get_absolute_url()

    assert "Mira Membersonly" not in page(client, ROSTER)
    member_client = client_for(member)
    assert "Mira Membersonly" in page(member_client, ROSTER)
    assert "Mira Membersonly" not in page(client, ROSTER)

    # The protected profile: members and staff see her name, the public her pseudonym only,
    # in whichever order the pages were first rendered.
    assert "Petra Protected" in page(staff_client, url)
    assert "Petra Protected" in page(member_client, url)
    assert "Petra Protected" not in page(client, url)
    assert "Petra Protected" in page(staff_client, url)
    assert "Petra Protected" not in page(client, ROSTER)
    assert "Petra Protected" in page(member_client, ROSTER)


def test_a_signed_in_visitor_never_gets_the_cached_page(client, member):
    page(client, ROSTER)
    html = page(client_for(member), ROSTER)
    assert "Sign out" in html
    assert "Sign out" not in page(client, ROSTER)


def test_a_page_with_a_message_is_neither_served_from_nor_stored_in_the_cache(client, member):
    profile = member.mediator.get_absolute_url()
    page(client, profile)
    response = client.post(
        f"{profile}contact/",
        contact_data(),
        follow=True,
    )
    assert "Your message has been sent" in response.content.decode()
    assert "Your message has been sent" not in page(client, profile)


def test_the_contact_page_is_not_cached_so_every_visitor_gets_a_working_form(client, member):
    url = f"{member.mediator.get_absolute_url()}contact/"
    other = type(client)()
    assert client.get(url).status_code == 200
    response = other.get(url)
    assert response.status_code == 200
    data = contact_data()
    csrf_client = type(client)(enforce_csrf_checks=True)
    form = csrf_client.get(url)
    token = form.context["csrf_token"]
    assert csrf_client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code == 302
    assert "csrfmiddlewaretoken" not in page(client, member.mediator.get_absolute_url())


def test_public_pages_set_no_cookie(client, member):
    for url in ("/en/", ROSTER, member.mediator.get_absolute_url(), CATALOGUE):
        assert not client.get(url).cookies, url


def test_the_cache_can_be_switched_off(client, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    MediatorFactory()
    client.get(ROSTER)
    with pytest.raises(pytest.fail.Exception), django_assert_max_num_queries(PAGE_VERSION):
        client.get(ROSTER)


def test_a_deleted_profile_disappears_on_the_next_request(client, member):
    url = member.mediator.get_absolute_url()
    assert "Amina Member" in page(client, ROSTER)
    page(client, url)
    member.delete()
    assert "Amina Member" not in page(client, ROSTER)
    assert client.get(url).status_code == 404
