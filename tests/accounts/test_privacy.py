"""Members' rights over their data, and the protections around staff accounts."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from mediators.models import ContactMessage, Mediator, MediatorLanguage, Training
from processes.models import Engagement
from tests.conftest import client_for
from tests.factories import PASSWORD, ProcessFactory, UserFactory
from wpm.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_member(showcase):
    """A member with every section filled, an engagement and a message received."""
    user = showcase.user
    Engagement.objects.create(
        mediator=showcase,
        process=ProcessFactory(name="Lakeside talks"),
        role="adviser",
        description="Advised on the ceasefire text.",
        confidentiality="anonymised",
    )
    ContactMessage.objects.create(
        mediator=showcase,
        name="Dora Diplomat",
        email="dora@example.net",
        purpose="mediation",
        message="Could we talk about the lakeside process?",
    )
    user.privacy_consent_at = timezone.now()
    user.save()
    return user


def test_export_holds_every_personal_field(rich_member):
    response = client_for(rich_member).get("/en/me/data/?download=1")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    mediator = rich_member.mediator
    profile = data["profile"]
    assert data["account"]["email"] == rich_member.email
    assert data["account"]["privacy_consent_at"]
    for field in ("display_name", "headline", "bio", "pronouns", "availability_note", "pseudonym"):
        assert profile[field] == getattr(mediator, field)
    assert profile["nationalities"] == ["DE", "SY"] and profile["country"] == "DE"
    assert profile["photo"] == mediator.photo.name
    assert {row["code"] for row in profile["languages"]} == {"ar", "fr"}
    assert profile["trainings"][0]["title"] == "Mediation course"
    assert profile["regional_experience"] == ["SY"]
    assert profile["engagements"][0]["process__name"] == "Lakeside talks"
    assert profile["contact_messages_received"][0]["message"].startswith("Could we talk")
    assert "search_text_public" not in profile


def test_export_holds_her_sessions(member, other_member):
    """The sessions the site records, with the address and browser of each, as she reviews
    them: her download left them out."""
    client = Client(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox on the lake")
    client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    client_for(other_member).get("/en/me/")
    data = json.loads(client.get("/en/me/data/?download=1").content)
    (session,) = data["account"]["sessions"]
    assert (session["ip"], session["user_agent"]) == ("203.0.113.7", "Firefox on the lake")
    assert session["created_at"] and session["last_seen_at"]


def test_export_is_only_ever_the_members_own(rich_member, other_member):
    data = json.loads(client_for(other_member).get("/en/me/data/?download=1").content)
    assert data["account"]["email"] == other_member.email
    assert rich_member.mediator.display_name not in json.dumps(data)


def test_the_audit_log_filters_by_the_staff_who_acted_only(superuser, staff, member):
    for user in (staff, superuser):
        LogEntry.objects.log_actions(
            user.pk, [member.mediator], CHANGE, change_message="Approved", single_object=True
        )
    others = UserFactory.create_batch(3)
    page = client_for(superuser).get("/admin/admin/logentry/").content.decode()
    for user in (staff, superuser):
        assert f"?user__id__exact={user.pk}" in page
    for user in [member, *others]:
        assert f"?user__id__exact={user.pk}" not in page


def test_deleting_the_account_removes_her_data_everywhere(rich_member, superuser, settings):
    mediator = rich_member.mediator
    name, email, photo = mediator.display_name, rich_member.email, mediator.photo.name
    LogEntry.objects.log_actions(
        superuser.pk, [mediator], CHANGE, change_message="Approved", single_object=True
    )
    client = client_for(rich_member)
    response = client.post("/en/me/delete/", {"password": "wrong"})
    assert response.status_code == 400 and "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=rich_member.pk).exists()

    response = client.post("/en/me/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email=email).exists()
    assert not Mediator.objects.filter(display_name=name).exists()
    assert not MediatorLanguage.objects.exists() and not Training.objects.exists()
    assert not ContactMessage.objects.exists()
    assert not Engagement.history.filter(mediator_id=mediator.pk).exists()
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Mediator))
    assert name not in entry.object_repr and entry.change_message == ""
    files = [p.name for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()]
    assert photo not in files and files == []
    for model in apps.get_models():
        for row in model._default_manager.values():
            text = json.dumps(row, default=str)
            assert name not in text and email not in text and photo not in text, model


@pytest.mark.parametrize("in_bulk", [False, True], ids=["her page", "the list's action"])
def test_staff_deleting_her_account_in_the_back_office_removes_her_data_everywhere(
    rich_member, other_member, superuser_client, in_bulk
):
    """Staff deleting an account in the admin left the messages she wrote, the mails to her,
    and the admin's log naming her, which her own deletion removes."""
    from django.core.mail import send_mail

    mediator = rich_member.mediator
    name, email = rich_member.name, rich_member.email
    ContactMessage.objects.create(
        mediator=other_member.mediator,
        sender=rich_member,
        name=name,
        email=email,
        purpose="mediation",
        message="Shall we talk?",
    )
    send_mail("[WPM] Your profile", "Text", None, [email])
    # Staff had changed her address and the messages to and from her: the log named each by
    # what it held, her address, her name.
    from allauth.account.models import EmailAddress

    staff = User.objects.get(is_superuser=True)
    changed = [
        *EmailAddress.objects.filter(user=rich_member),
        *ContactMessage.objects.filter(sender=rich_member),
        *ContactMessage.objects.filter(mediator=mediator),
    ]
    assert len(changed) == 3
    LogEntry.objects.log_actions(staff.pk, changed, CHANGE, "Checked")
    if in_bulk:
        response = superuser_client.post(
            "/admin/wpm/user/",
            {"action": "delete_selected", "_selected_action": [rich_member.pk], "post": "yes"},
        )
    else:
        response = superuser_client.post(
            f"/admin/wpm/user/{rich_member.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    assert not User.objects.filter(pk=rich_member.pk).exists()
    assert not Mediator.objects.filter(pk=mediator.pk).exists()
    (entry,) = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User))
    assert entry.object_repr == f"deleted user #{rich_member.pk}"
    for model in apps.get_models():
        for row in model._default_manager.values():
            text = json.dumps(row, default=str)
            assert name not in text and email not in text, model


def test_mail_to_any_of_her_addresses_is_in_her_data_and_goes_with_her_account(member):
    """Mail to an address she added, or had before a change, was neither in her download nor
    deleted with her account: the confirmation of an added address holds a link."""
    from allauth.account.models import EmailAddress
    from django.core.mail import send_mail

    from wpm.outbox.models import Mail
    from wpm.privacy import erase, personal_data

    EmailAddress.objects.create(user=member, email="Second@Example.net", verified=False)
    send_mail("[WPM] Please confirm", "A link", None, ["second@example.net"])
    send_mail("[WPM] Someone else's", "Another", None, ["second@example.net.evil.org"])
    subjects = [mail["subject"] for mail in personal_data(member)["mails"]]
    assert subjects == ["[WPM] Please confirm"]
    erase(member)
    assert list(Mail.objects.values_list("subject", flat=True)) == ["[WPM] Someone else's"]


def test_a_message_she_wrote_signed_in_is_in_her_data_and_goes_with_her_account(
    member, other_member
):
    client = client_for(member)
    response = client.post(
        other_member.mediator.get_absolute_url() + "contact/",
        {
            "name": "Amina",
            "email": member.email,
            "purpose": "mediation",
            "message": "Shall we work together?",
        },
    )
    assert response.status_code == 302
    from wpm.outbox.models import Mail
    from wpm.privacy import erase, personal_data

    (sent,) = personal_data(member)["contact_messages_sent"]
    assert sent["message"] == "Shall we work together?"
    (relayed,) = Mail.objects.filter(recipients=other_member.email)
    assert "Amina" in relayed.subject
    erase(member)
    assert not ContactMessage.objects.filter(message="Shall we work together?").exists()
    # The mail log kept her name in the relayed mail's subject for its 30 days, and while the
    # mail waited or had failed, her whole message.
    assert not Mail.objects.filter(pk=relayed.pk).exists()


def test_a_message_from_a_visitor_keeps_its_relayed_mail_when_a_member_goes(
    client, member, other_member
):
    """The mail log's line of a message goes with the account that wrote it, not another's."""
    from wpm.outbox.models import Mail
    from wpm.privacy import erase

    response = client.post(
        other_member.mediator.get_absolute_url() + "contact/",
        {"name": "Dora", "email": member.email, "purpose": "mediation", "message": "Hello"},
    )
    assert response.status_code == 302
    erase(member)
    assert Mail.objects.filter(recipients=other_member.email, subject__contains="Dora").exists()


def test_deleting_needs_a_post(member_client, member):
    assert member_client.get("/en/me/delete/").status_code == 200
    assert User.objects.filter(pk=member.pk).exists()


def test_old_contact_messages_are_purged(member):
    old = ContactMessage.objects.create(
        mediator=member.mediator, name="Old", email="o@example.net", purpose="other", message="x"
    )
    ContactMessage.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=200)
    )
    ContactMessage.objects.create(
        mediator=member.mediator, name="New", email="n@example.net", purpose="other", message="y"
    )
    call_command("purge_contact_messages", stdout=StringIO())
    assert list(ContactMessage.objects.values_list("name", flat=True)) == ["New"]


def test_the_daily_purge_forgets_the_sessions_that_have_ended(member, other_member):
    """A session signed out of, or expired, kept her IP address and browser until she next
    opened her sessions page, which she may never do."""
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.models import Session

    def sign_in(user, address):
        client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT="Firefox")
        client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
        return client

    sign_in(member, "203.0.113.1").post("/en/accounts/logout/")
    expired = sign_in(other_member, "203.0.113.2")
    sign_in(UserFactory(), "203.0.113.3")
    Session.objects.filter(session_key=expired.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert UserSession.objects.count() == 3
    call_command("purge_contact_messages", stdout=StringIO())
    assert list(UserSession.objects.values_list("ip", flat=True)) == ["203.0.113.3"]
    assert not Session.objects.filter(session_key=expired.session.session_key).exists()
    assert not Session.objects.filter(expire_date__lt=timezone.now()).exists()


def test_staff_need_two_factor_authentication_for_the_back_office(db):
    bare = UserFactory(email="bare@example.org", is_staff=True, is_superuser=True)
    response = client_for(bare).get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/accounts/2fa/"
    assert "turn on two-factor authentication" in response.content.decode()


def test_staff_without_two_factor_authentication_see_no_more_than_the_public(db):
    """A staff password alone opened every staff-only part of the site outside the back
    office: draft articles, and each mediator's sections for staff, her phone among them."""
    from tests.factories import ArticleFactory, MediatorFactory

    bare = UserFactory(email="bare@example.org", is_staff=True)
    draft = ArticleFactory(status="draft", slug="embargoed")
    mediator = MediatorFactory(phone="+49 30 1234567", phone_audience=2)
    client = client_for(bare)
    for path in (draft.get_absolute_url(), mediator.get_absolute_url(), "/en/mediators/"):
        response = client.get(path, follow=True)
        assert response.redirect_chain[-1][0] == "/en/accounts/2fa/", path
        page = response.content.decode()
        assert "turn on two-factor authentication" in page
        assert "1234567" not in page.replace(" ", "")
    # Setting it up and signing out stay open to her.
    setup = client.get("/en/accounts/2fa/totp/activate/", follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain == [
        ("/en/accounts/reauthenticate/?next=%2Fen%2Faccounts%2F2fa%2Ftotp%2Factivate%2F", 302)
    ]
    assert client.post("/en/accounts/logout/").status_code == 302


def test_staff_sessions_are_shorter(staff_client, member_client, settings):
    staff_client.get("/en/")
    member_client.get("/en/")
    assert staff_client.session.get_expiry_age() == settings.STAFF_SESSION_AGE
    assert member_client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_members_see_and_end_their_sessions(member):
    client = client_for(member)
    client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    response = client.get("/en/accounts/sessions/")
    assert response.status_code == 200


def test_the_sessions_table_is_named_and_every_column_has_a_header(member):
    """A screen reader names the table and each cell, the one that marks this session too,
    and the table scrolls in its own box on a narrow screen."""
    client = client_for(member)
    client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    html = client.get("/en/accounts/sessions/").content.decode()
    box = html[html.index('<div class="table-scroll">') :]
    table = box[box.index("<table") : box.index("</table>")]
    assert re.search(r"<caption[^>]*>\s*\S", table)
    headers = re.findall(r'<th scope="col">([^<]*)</th>', table)
    assert len(headers) == len(re.findall(r"<th[ >]", table))
    assert all(header.strip() for header in headers)
    rows = re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody") :], re.DOTALL)
    assert rows and all(row.count("<td") == len(headers) for row in rows)
    assert any(re.search(r"<td><strong>Yes</strong></td>\s*$", row) for row in rows)


def test_staff_actions_are_in_a_read_only_audit_log(superuser_client, staff_client, applicant):
    superuser_client.post(
        "/admin/mediators/mediator/",
        {"action": "approve", "_selected_action": [applicant.mediator.pk], "apply": "1"},
    )
    entry = LogEntry.objects.get()
    assert entry.user.email == "root@example.org" and "approved" in entry.change_message
    assert superuser_client.get("/admin/admin/logentry/").status_code == 200
    assert superuser_client.get(f"/admin/admin/logentry/{entry.pk}/change/").status_code == 200
    assert superuser_client.post(f"/admin/admin/logentry/{entry.pk}/delete/").status_code == 403
    assert staff_client.get("/admin/admin/logentry/").status_code == 403


def test_a_failing_save_leaves_no_half_saved_profile(member):
    """Writes that span several rows are atomic: all of the languages, or none."""
    from unittest import mock

    client = client_for(member)
    data = {
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-0-code": "ar",
        "languages-0-level": "7",
        "languages-1-code": "sw",
        "languages-1-level": "4",
    }
    client.raise_request_exception = False
    with mock.patch.object(Mediator, "refresh_search", side_effect=RuntimeError("disk full")):
        response = client.post("/en/me/edit/languages/", data)
    assert response.status_code == 500
    assert not MediatorLanguage.objects.filter(mediator=member.mediator).exists()


def test_signing_in_sets_only_the_session_and_csrf_cookies(member):
    """The privacy policy names two cookies; Django's messages kept a third, "Successfully
    signed in as <her name>", readable by anyone with the browser."""
    from django.test import Client

    client = Client()
    seen = set(client.get("/en/accounts/login/").cookies)
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    seen |= set(response.cookies)
    page = client.get("/en/me/", follow=True)
    seen |= set(page.cookies)
    assert "Successfully signed in" in page.content.decode()
    assert seen <= {"sessionid", "csrftoken"}
    assert member.name not in "".join(morsel.value for morsel in client.cookies.values())


def test_her_data_page_says_how_long_each_thing_is_kept_as_the_site_is_set(member, settings):
    """The privacy policy is staff's text; her data page names the periods the site keeps."""
    settings.CONTACT_RETENTION_DAYS = 90
    settings.REQUEST_RETENTION_DAYS = 400
    settings.MAIL_RETENTION_DAYS = 1
    client = client_for(member)
    text = " ".join(client.get("/en/me/data/").content.decode().split())
    assert "Messages written to a mediator through the site: 90 days." in text
    assert "and what was released: 400 days after the request is closed" in text
    assert "their subject, recipients and time, 1 day;" in text
    german = " ".join(client.get("/de/me/data/").content.decode().split())
    assert "90 Tage" in german and "400 Tage" in german and "1 Tag;" in german
