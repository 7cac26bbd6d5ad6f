"""A requester's own requests: drafting with criteria, her list and pages, sending."""

import pytest
from django.core import mail

from appointments.models import Invitation, Request, RequestExpertise, RequestLanguage
from mediators.models import ExpertiseArea
from tests.appointments.conftest import days, form_data, management
from tests.conftest import admin_form_data, client_for
from tests.factories import MediatorFactory, ProcessFactory, RequestFactory

pytestmark = pytest.mark.django_db

NEW = "/en/requests/new/"


def _send(user, request):
    return client_for(user).post(f"/en/requests/{request.pk}/send/")


def test_a_requester_drafts_a_request_with_criteria(requester):
    process = ProcessFactory(name="Saltmarsh talks")
    area = ExpertiseArea.objects.get(slug="process-design")
    client = client_for(requester)
    page = client.get(NEW).content.decode()
    assert 'name="languages-TOTAL_FORMS"' in page
    assert "Saltmarsh talks" in page
    data = form_data(
        process=str(process.pk),
        **management("expertise", 1),
        **{"expertise-0-area": str(area.pk), "expertise-0-need": "preferred"},
        **management("regions", 1),
        **{"regions-0-country": "KE", "regions-0-need": "required"},
    )
    response = client.post(NEW, data)
    assert response.status_code == 302
    request = Request.objects.get()
    assert response["Location"] == f"/en/requests/{request.pk}/"
    assert (request.requester.user, request.status, request.process) == (
        requester,
        "draft",
        process,
    )
    assert request.languages.get().code == "fr"
    assert request.expertise.get().need == "preferred"
    assert request.regions.get().region == "002"
    detail = client.get(response["Location"]).content.decode()
    assert "Adviser for the Saltmarsh talks" in detail
    assert "French" in detail
    assert "Kenya" in detail


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"proposals_due": days(-2).isoformat()}, "The date for proposals cannot be in the past."),
        (
            {"proposals_due": days(30).isoformat(), "start_date": days(10).isoformat()},
            "The start cannot be before the date for proposals.",
        ),
        ({"process_description": ""}, "Choose the process from the catalogue or describe it."),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"process_description": "x" * 2001}, "at most 2000 characters"),
        ({"duration": "x" * 101}, "at most 100 characters"),
        ({"title": "Two\nlines"}, "line"),
        ({"languages-0-code": "xx"}, "Select a valid choice."),
        ({"role": ""}, "This field is required."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(requester, overrides, message):
    response = client_for(requester).post(NEW, form_data(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing has been saved yet" in page
    assert message in page
    assert not Request.objects.exists()
    assert not RequestLanguage.objects.exists()


def test_a_bad_criterion_saves_nothing_of_the_request(requester):
    """The request and its criteria are one: a duplicate language refuses the whole form."""
    data = form_data(
        **management("languages", 2),
        **{"languages-1-code": "fr", "languages-1-level": "3", "languages-1-need": "preferred"},
    )
    response = client_for(requester).post(NEW, data)
    assert response.status_code == 400
    assert not Request.objects.exists()


def test_an_unverified_requester_drafts_but_cannot_send(unverified_requester):
    client = client_for(unverified_requester)
    assert client.post(NEW, form_data()).status_code == 302
    request = Request.objects.get()
    assert "once staff have verified you" in client.get(request.get_absolute_url()).content.decode()
    response = _send(unverified_requester, request)
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.sent_at) == ("draft", None)
    assert mail.outbox == []


def test_a_verified_requester_sends_and_the_focal_points_hear(
    draft, focal_point, restricted_focal_point, staff
):
    response = _send(draft.requester.user, draft)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "sent"
    assert draft.sent_at is not None
    told = sorted(address for sent in mail.outbox for address in sent.to)
    assert told == sorted([focal_point.email, restricted_focal_point.email])
    for sent in mail.outbox:
        assert "Driftwood ceasefire adviser" in sent.body
        assert f"/admin/appointments/request/{draft.pk}/change/" in sent.body
    # Sent once only.
    _send(draft.requester.user, draft)
    assert len(mail.outbox) == 2


def test_the_focal_points_read_of_a_request_in_the_network_s_language(draft, focal_point):
    """Sent from a German page, the request reaches the focal points as every other does: in
    the site's default language, which the back office speaks, not in the requester's."""
    response = client_for(draft.requester.user).post(f"/de/requests/{draft.pk}/send/", follow=True)
    assert "Ihre Anfrage ist gesendet" in response.content.decode()
    (sent,) = mail.outbox
    assert sent.subject == "[WPM] A new request for mediators"
    assert "has sent a request for mediators" in sent.body


def test_the_proposal_reaches_her_in_the_language_she_last_drafted_in(requester, focal_point):
    """She applied in English, then wrote her request on a German page: the network's mails
    follow her there."""
    client_for(requester).post("/de/requests/new/", form_data())
    request = Request.objects.get()
    requester.requester.refresh_from_db()
    assert requester.requester.language == "de"
    Request.objects.filter(pk=request.pk).update(status="sent")
    invitation = Invitation.objects.create(request=request, mediator=MediatorFactory())
    invitation.accept(["profile"])
    client_for(focal_point).post(f"/admin/appointments/request/{request.pk}/propose/")
    (proposed,) = mail.outbox
    assert proposed.subject == "[WPM] Das Netzwerk schlägt Mediatorinnen für Ihre Anfrage vor"


def test_a_restricted_request_reaches_only_those_who_may_see_it(
    draft, focal_point, restricted_focal_point
):
    Request.objects.filter(pk=draft.pk).update(confidentiality="restricted")
    _send(draft.requester.user, draft)
    (sent,) = mail.outbox
    assert sent.to == [restricted_focal_point.email]
    assert "Driftwood" not in sent.body, "the mail names nothing of a restricted request"


def test_without_a_focal_point_who_may_see_it_the_superusers_hear(draft, focal_point, superuser):
    Request.objects.filter(pk=draft.pk).update(confidentiality="restricted")
    _send(draft.requester.user, draft)
    (sent,) = mail.outbox
    assert sent.to == [superuser.email]


def test_a_request_without_criteria_is_not_sent(requester):
    request = RequestFactory(requester=requester.requester)
    client = client_for(requester)
    response = client.post(f"/en/requests/{request.pk}/send/", follow=True)
    assert "Add at least one criterion" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "draft"
    assert mail.outbox == []


def test_a_request_whose_deadline_passed_is_not_sent(draft):
    Request.objects.filter(pk=draft.pk).update(proposals_due=days(-2))
    response = client_for(draft.requester.user).post(f"/en/requests/{draft.pk}/send/", follow=True)
    assert "The date for proposals cannot be in the past." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_sending_takes_a_post(draft):
    response = client_for(draft.requester.user).get(f"/en/requests/{draft.pk}/send/")
    assert response.status_code == 405


@pytest.mark.parametrize("persona", ["other_requester", "member", "focal_point", "superuser"])
def test_nobody_else_reaches_her_request(draft, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(f"/en/requests/{draft.pk}/").status_code == 404
    assert client.post(f"/en/requests/{draft.pk}/send/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_anonymous_visitors_are_asked_to_sign_in(client, draft):
    for path in ("/en/requests/", NEW, f"/en/requests/{draft.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")
    assert client.post(f"/en/requests/{draft.pk}/send/").status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_her_list_shows_her_own_requests_only(requester, other_requester):
    RequestFactory(requester=requester.requester, title="Mine: Juniper talks")
    RequestFactory(requester=other_requester.requester, title="Theirs: Hawthorn talks")
    page = client_for(requester).get("/en/requests/").content.decode()
    assert "Mine: Juniper talks" in page
    assert "Theirs: Hawthorn talks" not in page


def test_her_list_takes_the_same_queries_however_many_requests(
    requester, django_assert_num_queries
):
    client = client_for(requester)
    process = ProcessFactory()
    RequestFactory(requester=requester.requester, process=process)
    client.get("/en/requests/")  # the session warm
    # The session and sign-in (7), her requester, her requests with role and process.
    with django_assert_num_queries(9):
        client.get("/en/requests/")
    for _n in range(10):
        RequestFactory(requester=requester.requester, process=process)
    with django_assert_num_queries(9):
        page = client.get("/en/requests/")
    assert page.content.decode().count("/en/requests/") > 10


def test_her_request_page_takes_the_same_queries_however_many_criteria(
    draft, django_assert_num_queries
):
    client = client_for(draft.requester.user)
    areas = list(ExpertiseArea.objects.all()[:6])
    RequestExpertise.objects.create(request=draft, area=areas[0], need="required")
    client.get(draft.get_absolute_url())
    # The session and sign-in (7), the request, and its languages, expertise, areas, regions.
    with django_assert_num_queries(12):
        client.get(draft.get_absolute_url())
    for area in areas[1:]:
        RequestExpertise.objects.create(request=draft, area=area, need="preferred")
    with django_assert_num_queries(12):
        page = client.get(draft.get_absolute_url())
    assert page.content.decode().count("Preferred") == 5


def test_the_form_works_in_german(requester):
    page = client_for(requester).get("/de/requests/new/")
    assert page.status_code == 200
    assert 'lang="de"' in page.content.decode()


def test_two_sends_at_once_send_the_request_once(draft, focal_point, monkeypatch):
    client = client_for(draft.requester.user)
    url = f"/en/requests/{draft.pk}/send/"
    original = Request.check_sendable
    calls = []

    def checked_then_the_other_tab_sends(self):
        calls.append(1)
        if len(calls) == 1:  # a second tab's send lands between this one's check and write
            client.post(url)
        return original(self)

    monkeypatch.setattr(Request, "check_sendable", checked_then_the_other_tab_sends)
    first_sent_at = None
    response = client.post(url, follow=True)
    assert len(calls) == 2
    assert "This request has been sent already." in response.content.decode()
    assert len(mail.outbox) == 1
    draft.refresh_from_db()
    first_sent_at = draft.sent_at
    assert draft.status == "sent" and first_sent_at is not None


def _edit_data(request, **overrides):
    """Her draft as its form posts it back, with its one language criterion."""
    language = request.languages.get()
    return form_data(
        **{
            "title": request.title,
            "languages-INITIAL_FORMS": "1",
            "languages-0-id": str(language.pk),
            "languages-0-code": language.code,
            "languages-0-level": str(language.level),
            "languages-0-need": language.need,
            **overrides,
        }
    )


def test_a_requester_changes_her_draft_and_its_criteria(draft):
    client = client_for(draft.requester.user)
    url = f"/en/requests/{draft.pk}/edit/"
    detail = client.get(draft.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail
    page = client.get(url).content.decode()
    assert 'value="Driftwood ceasefire adviser"' in page
    assert 'name="languages-0-DELETE"' in page
    data = _edit_data(
        draft,
        title="Driftwood ceasefire: senior adviser",
        **{"languages-0-DELETE": "on"},
        **management("regions", 1),
        **{"regions-0-country": "KE", "regions-0-need": "required"},
    )
    response = client.post(url, data, follow=True)
    assert response.redirect_chain == [(draft.get_absolute_url(), 302)]
    assert "Your draft is saved." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Driftwood ceasefire: senior adviser", "draft")
    assert not draft.languages.exists()
    assert draft.regions.get().country == "KE"
    assert Request.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"proposals_due": days(-2).isoformat()}, "The date for proposals cannot be in the past."),
        ({"title": ""}, "This field is required."),
        ({"languages-0-code": "xx"}, "Select a valid choice."),
    ],
)
def test_bad_input_on_her_draft_changes_nothing(draft, overrides, message):
    response = client_for(draft.requester.user).post(
        f"/en/requests/{draft.pk}/edit/", _edit_data(draft, **overrides)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing has been changed." in page and message in page
    draft.refresh_from_db()
    assert draft.title == "Driftwood ceasefire adviser"
    assert draft.languages.get().code == "ar"


def test_a_requester_discards_her_draft(draft, requester):
    client = client_for(requester)
    kept = RequestFactory(requester=requester.requester, title="Another draft")
    url = f"/en/requests/{draft.pk}/discard/"
    assert f'href="{url}"' in client.get(draft.get_absolute_url()).content.decode()
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Driftwood ceasefire adviser" in confirm.content.decode()
    assert Request.objects.filter(pk=draft.pk).exists()  # asking is not discarding
    response = client.post(url, follow=True)
    assert response.redirect_chain == [("/en/requests/", 302)]
    assert "The draft “Driftwood ceasefire adviser” is discarded." in response.content.decode()
    assert list(Request.objects.all()) == [kept]
    assert not RequestLanguage.objects.filter(request_id=draft.pk).exists()
    # Nothing of what she wrote is kept behind her back.
    assert not Request.history.filter(id=draft.pk).exists()


def test_a_declined_requester_is_told_so_on_her_draft_and_may_discard_it(draft, requester):
    """Her draft's page offered to change it, which she may not, and said she could send once
    verified, which staff had decided against; and her draft could not be discarded."""
    from appointments.models import Requester

    Requester.objects.filter(pk=requester.requester.pk).update(status="declined")
    client = client_for(requester)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "once staff have verified you" not in page
    assert "Staff of the network could not verify you as a requester" in page
    assert f"/en/requests/{draft.pk}/edit/" not in page
    assert client.get(f"/en/requests/{draft.pk}/edit/").status_code == 404
    url = f"/en/requests/{draft.pk}/discard/"
    assert f'href="{url}"' in page
    assert client.post(url).status_code == 302
    assert not Request.objects.filter(pk=draft.pk).exists()


def test_a_sent_request_is_neither_changed_nor_discarded(draft):
    client = client_for(draft.requester.user)
    assert draft.send()
    for method, path in [
        ("get", "edit"),
        ("post", "edit"),
        ("get", "discard"),
        ("post", "discard"),
    ]:
        url = f"/en/requests/{draft.pk}/{path}/"
        data = _edit_data(draft, title="Changed after sending") if method == "post" else None
        response = getattr(client, method)(url, data, follow=True)
        assert response.redirect_chain == [(draft.get_absolute_url(), 302)], (method, path)
        assert "This request has been sent: it can no longer be changed or discarded." in (
            response.content.decode()
        )
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Driftwood ceasefire adviser", "sent")
    detail = client.get(draft.get_absolute_url()).content.decode()
    assert "/edit/" not in detail and "/discard/" not in detail


def test_a_change_that_a_send_in_another_tab_overtook_is_not_written(draft, monkeypatch):
    """Her change was checked while the request was a draft, but the other tab's send came
    first: the sent request stays as the focal points received it."""
    client = client_for(draft.requester.user)
    original = Request.lock_draft

    def sent_meanwhile(self):
        Request.objects.get(pk=self.pk).send()
        return original(self)

    monkeypatch.setattr(Request, "lock_draft", sent_meanwhile)
    response = client.post(
        f"/en/requests/{draft.pk}/edit/", _edit_data(draft, title="Late change"), follow=True
    )
    assert "it can no longer be changed" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Driftwood ceasefire adviser", "sent")


@pytest.mark.parametrize("persona", ["other_requester", "member", "focal_point", "superuser"])
def test_nobody_else_changes_or_discards_her_draft(draft, persona, request):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(f"/en/requests/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/en/requests/{draft.pk}/edit/", _edit_data(draft)).status_code == 404
    assert client.get(f"/en/requests/{draft.pk}/discard/").status_code == 404
    assert client.post(f"/en/requests/{draft.pk}/discard/").status_code == 404
    draft.refresh_from_db()
    assert draft.title == "Driftwood ceasefire adviser"


def test_her_draft_s_form_reaches_no_criterion_of_another_request(draft, other_requester):
    """A criterion's key is hers to post: another request's, posted in its place, is neither
    changed nor deleted, and her own stays as it was."""
    other = RequestFactory(requester=other_requester.requester, title="Other request")
    theirs = RequestLanguage.objects.create(request=other, code="fr", level=3, need="required")
    client = client_for(draft.requester.user)
    for extra in ({}, {"languages-0-DELETE": "on"}):
        data = _edit_data(draft, **{"languages-0-id": str(theirs.pk), "languages-0-code": "de"})
        client.post(f"/en/requests/{draft.pk}/edit/", {**data, **extra})
    theirs.refresh_from_db()
    assert (theirs.request, theirs.code) == (other, "fr")
    assert list(draft.languages.values_list("code", flat=True)) == ["ar"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"languages-TOTAL_FORMS": "100000"},
        {"languages-TOTAL_FORMS": "abc"},
        {"languages-0-id": "abc"},
        {"title": "Nul\x00"},
    ],
)
def test_a_broken_form_for_her_draft_is_refused_and_changes_nothing(draft, overrides):
    response = client_for(draft.requester.user).post(
        f"/en/requests/{draft.pk}/edit/", _edit_data(draft, **{"title": "Changed", **overrides})
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.title == "Driftwood ceasefire adviser"
    assert list(draft.languages.values_list("code", flat=True)) == ["ar"]


@pytest.mark.parametrize("process_deleted", [False, True])
def test_a_focal_point_is_told_a_request_needs_its_process(focal_point, process_deleted):
    """The check named the process, which the back office shows but does not change: a server
    error there, on every save of a request whose catalogue process was deleted since too."""
    process = ProcessFactory()
    if process_deleted:
        request = RequestFactory(process=process, process_description="")
        process.delete()
    else:
        request = RequestFactory(process=None, process_description="Talks in the hills.")
    client = client_for(focal_point)
    url = f"/admin/appointments/request/{request.pk}/change/"
    response = client.post(url, admin_form_data(client.get(url)) | {"process_description": ""})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["process_description"] == [
        "Choose the process from the catalogue or describe it."
    ]
    response = client.post(url, admin_form_data(client.get(url)) | {"process_description": "Hills"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.process_description == "Hills"
