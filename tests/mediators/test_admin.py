"""The back office of profiles: reviews, reverification, filters, renamed areas."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mediators.models import Audience, ExpertiseArea, Mediator
from tests.conftest import client_for, profile_admin_form
from tests.factories import MediatorFactory

pytestmark = pytest.mark.django_db


def test_staff_review_actions_email_the_member(superuser_client, applicant):
    mediator = applicant.mediator
    response = superuser_client.post(
        "/admin/mediators/mediator/",
        {"action": "request_changes", "_selected_action": [mediator.pk]},
    )
    assert response.status_code == 200
    assert "Message to the member" in response.content.decode()
    superuser_client.post(
        "/admin/mediators/mediator/",
        {
            "action": "request_changes",
            "_selected_action": [mediator.pk],
            "apply": "1",
            "message": "Please add a training.",
        },
    )
    mediator.refresh_from_db()
    assert mediator.status == Mediator.Status.CHANGES_REQUESTED
    assert mediator.staff_feedback == "Please add a training."
    assert mail.outbox[-1].to == [applicant.email]
    assert "Please add a training." in mail.outbox[-1].body
    page = client_for(applicant).get("/en/me/").content.decode()
    assert "Please add a training." in page

    superuser_client.post(
        "/admin/mediators/mediator/",
        {"action": "approve", "_selected_action": [mediator.pk], "apply": "1", "message": ""},
    )
    mediator.refresh_from_db()
    assert mediator.status == Mediator.Status.APPROVED
    assert mediator.verified_on is not None


def test_admin_lists_profiles_needing_reverification(superuser_client):
    import datetime

    stale = MediatorFactory(verified_on=datetime.date(2020, 1, 1), display_name="Stale Person")
    fresh = MediatorFactory(display_name="Fresh Person")
    Mediator.objects.filter(pk=fresh.pk).update(verified_on=timezone.localdate())
    html = superuser_client.get("/admin/mediators/mediator/?verification=due").content.decode()
    assert stale.display_name in html
    assert fresh.display_name not in html


def test_admin_filters_and_search_answer(superuser_client, roster):
    for query in ["?status__exact=approved", "?language=ar", "?region=145", "?track=1", "?q=Olsen"]:
        assert superuser_client.get("/admin/mediators/mediator/" + query).status_code == 200


def test_renaming_an_area_in_the_admin_refreshes_each_profile_once(superuser_client, monkeypatch):
    chosen = ExpertiseArea.objects.first()
    mediators = [MediatorFactory(display_name=name) for name in ("Ana One", "Bea Two")]
    for mediator in mediators:
        mediator.expertise.add(chosen)
    refreshed = []
    update = Mediator._update_search

    def counted(mediator):
        refreshed.append(mediator.pk)
        update(mediator)

    monkeypatch.setattr(Mediator, "_update_search", counted)
    response = superuser_client.post(
        f"/admin/mediators/expertisearea/{chosen.pk}/change/",
        {
            "name_en": "Renamed area",
            "name_de": "Umbenannter Bereich",
            "slug": chosen.slug,
            "position": chosen.position,
        },
    )

    assert response.status_code == 302
    assert sorted(refreshed) == sorted(mediator.pk for mediator in mediators)
    mediators[0].refresh_from_db()
    assert ["Renamed area", "Umbenannter Bereich"] in mediators[0].summary["expertise"]


def test_a_form_opened_before_she_changed_her_profile_saves_nothing(superuser_client, member):
    """Staff's form, opened before she took a pseudonym and hid her biography from all but
    staff, put her name and biography back before the public when staff saved a note."""
    mediator = member.mediator
    url, _form, data = profile_admin_form(superuser_client, mediator)
    privacy = {"visibility": "protected"} | {
        field: str(getattr(mediator, field)) for field in Mediator.AUDIENCE_FIELDS
    }
    privacy["bio_audience"] = str(Audience.STAFF)
    assert client_for(member).post("/en/me/edit/privacy/", privacy).status_code == 302

    response = superuser_client.post(url, data | {"availability_note": "From May"})
    assert response.status_code == 200
    assert "This profile was changed after you opened this page" in response.content.decode()
    mediator.refresh_from_db()
    assert (mediator.visibility, mediator.bio_audience) == ("protected", Audience.STAFF)
    assert mediator.availability_note != "From May"

    url, _form, data = profile_admin_form(superuser_client, mediator)
    again = superuser_client.post(url, data | {"availability_note": "From May"})
    assert again.status_code == 302, again.context["adminform"].form.errors
    mediator.refresh_from_db()
    assert mediator.availability_note == "From May"
    assert (mediator.visibility, mediator.bio_audience) == ("protected", Audience.STAFF)


@pytest.mark.parametrize("with_submitted", [False, True])
def test_approving_leaves_out_a_draft_she_never_submitted(superuser_client, with_submitted):
    """A draft, its privacy not yet chosen, was listed and she was mailed that it was approved."""
    draft = MediatorFactory(display_name="Dana Draft", status="draft")
    chosen = [draft.pk]
    if with_submitted:
        chosen.append(MediatorFactory(status="submitted").pk)
    data = {"action": "approve", "_selected_action": chosen, "apply": "1", "message": ""}
    response = superuser_client.post("/admin/mediators/mediator/", data, follow=True)
    draft.refresh_from_db()
    assert draft.status == Mediator.Status.DRAFT
    told = [str(message) for message in response.context["messages"]]
    assert "1 profile left out: its member has not submitted it yet." in told
    assert len(mail.outbox) == int(with_submitted)
    assert Mediator.objects.filter(status="approved").count() == int(with_submitted)


@pytest.mark.parametrize("action", ["approve", "request_changes", "decline"])
def test_a_review_s_mail_leads_to_her_area(superuser_client, applicant, settings, action):
    """It named her member area, with no address to reach it by."""
    settings.SITE_URL = "https://wpm.example.org"
    Mediator.objects.filter(user=applicant).update(mail_language="de")
    data = {"action": action, "_selected_action": [applicant.mediator.pk], "apply": "1"}
    superuser_client.post("/admin/mediators/mediator/", data | {"message": ""})
    (message,) = mail.outbox
    assert message.body.strip().endswith("https://wpm.example.org/de/me/")


def test_approving_in_the_change_form_is_a_review_as_the_actions_are(superuser_client, member):
    """Choosing "Approved" in her form left her joining undated, so the roster's feed and the
    digests never told of her, and her profile unverified."""
    from wpm.alerts import send_digests
    from wpm.models import SavedSearch

    SavedSearch.objects.create(user=member, feed="mediators:roster_feed", query="", title="All")
    SavedSearch.objects.update(checked_at=timezone.now() - datetime.timedelta(days=8))
    applicant = MediatorFactory(display_name="Fatima Formapproved", status="submitted")
    url, _form, data = profile_admin_form(superuser_client, applicant)
    response = superuser_client.post(url, data | {"status": "approved"})
    assert response.status_code == 302, response.context["adminform"].form.errors

    applicant.refresh_from_db()
    assert applicant.reviewed_at is not None
    assert applicant.verified_on == timezone.localdate()
    send_digests(timezone.now() + datetime.timedelta(days=1))  # the next day's digest
    assert "Fatima Formapproved" in " ".join(message.body for message in mail.outbox)


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("request_changes", "changes"), ("decline", "declined")],
)
def test_a_review_leaves_out_profiles_it_would_not_change(superuser_client, action, status):
    """Approving a selection mailed members approved long ago "Your profile is approved"
    again, replaced the message staff had sent her, and took her edits waiting for staff's
    look as verified."""
    decided = MediatorFactory(display_name="Long Decided", status=status)
    edited = timezone.now() - datetime.timedelta(days=2)
    Mediator.objects.filter(pk=decided.pk).update(
        staff_feedback="Welcome, see you at the retreat", changed_at=edited
    )
    waiting = MediatorFactory(display_name="New Comer", status="submitted")
    chosen = {"action": action, "_selected_action": [decided.pk, waiting.pk]}

    asked = superuser_client.post("/admin/mediators/mediator/", chosen).content.decode()
    assert "1 profile left out: it has this status already." in asked
    assert "New Comer" in asked and "Long Decided" not in asked

    applied = superuser_client.post(
        "/admin/mediators/mediator/", chosen | {"apply": "1", "message": "Thank you"}, follow=True
    )
    told = [str(message) for message in applied.context["messages"]]
    assert "1 profile left out: it has this status already." in told
    assert "1 profile updated." in told
    assert [message.to for message in mail.outbox] == [[waiting.user.email]]
    decided.refresh_from_db()
    assert decided.staff_feedback == "Welcome, see you at the retreat"
    assert decided.changed_at == edited


def test_a_review_of_profiles_it_would_not_change_asks_for_nothing(superuser_client):
    decided = MediatorFactory(status="declined")
    chosen = {"action": "decline", "_selected_action": [decided.pk]}
    response = superuser_client.post("/admin/mediators/mediator/", chosen, follow=True)
    assert "Message to the member" not in response.content.decode()
    told = [str(message) for message in response.context["messages"]]
    assert told == ["1 profile left out: it has this status already."]
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("action", "writes"), [("approve", 3), ("decline", 3), ("mark_verified", 1)]
)
def test_a_review_of_many_profiles_reads_them_once(superuser_client, settings, action, writes):
    """Five hundred profiles chosen across the list took 28 seconds on PostgreSQL, close to
    the server's timeout: each was read one at a time, her content to verify and her search
    documents, and her mail queued alone. Now only the writes of her own row, and her mail's
    delivery, come with each."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # production's
    queries = {}
    for count in (1, 2, 8):  # the first warms what a server keeps between requests
        chosen = [MediatorFactory(status="submitted") for _ in range(count)]
        for mediator in chosen:
            mediator.languages.create(code="fr", level=5)
        data = {"action": action, "_selected_action": [m.pk for m in chosen], "apply": "1"}
        with CaptureQueriesContext(connection) as captured:
            superuser_client.post("/admin/mediators/mediator/", data | {"message": ""})
        queries[count] = [query["sql"] for query in captured.captured_queries]
    reads = {count: [sql for sql in queries[count] if sql.startswith("SELECT")] for count in (2, 8)}
    assert len(reads[8]) == len(reads[2]), "\n".join(s[:200] for s in reads[8])
    # Her row written, and for a decision her search documents too, her mail's delivery queued.
    assert len(queries[8]) - len(queries[2]) == (8 - 2) * writes
