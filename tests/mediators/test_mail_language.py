"""The network's mails reach a mediator in the language she uses the site in, whatever the
language of the page that sent them: a visitor's, a requester's or staff's."""

import pytest
from django.core import mail

from appointments.models import Invitation
from mediators import portable
from mediators.models import Mediator
from tests.conftest import client_for
from tests.factories import MediatorFactory, RequestFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_her_language_is_the_one_she_last_worked_on_her_profile_in(newcomer):
    client = client_for(newcomer)
    client.post("/de/me/", {"display_name": "Nadia Neu", "headline": "Mediatorin"})
    mediator = Mediator.objects.get(user=newcomer)
    assert mediator.mail_language == "de"
    client.post("/en/me/edit/profile/", {"display_name": "Nadia Neu", "headline": "Mediator"})
    mediator.refresh_from_db()
    assert mediator.mail_language == "en"
    # A form she sends wrong changes nothing, her language neither.
    client.post("/de/me/edit/profile/", {"display_name": " ", "headline": "Mediatorin"})
    mediator.refresh_from_db()
    assert mediator.mail_language == "en"


def test_a_profile_started_from_a_file_takes_the_language_she_imports_it_in(showcase):
    from tests.mediators.test_portable import exported, upload

    data = exported(showcase.user)
    newcomer = UserFactory(email="newcomer@example.net")
    client = client_for(newcomer)
    client.post("/de/me/import/", {"file": upload(data)})
    client.post("/de/me/import/review/", {"parts": portable.PARTS})
    assert Mediator.objects.get(user=newcomer).mail_language == "de"


def test_a_visitor_s_message_reaches_her_in_her_language(client):
    mediator = MediatorFactory(mail_language="de")
    response = client.post(
        f"/en/mediators/{mediator.slug}/contact/",
        {
            "name": "Dora Diplomat",
            "email": "dora@ministry.example",
            "purpose": "mediation",
            "message": "Would you advise on a ceasefire process?",
        },
        follow=True,
    )
    assert "Thank you. Your message has been sent" in response.content.decode()
    (message,) = mail.outbox
    assert message.subject == "[WPM] Eine Nachricht von Dora Diplomat"


def test_staff_s_decision_reaches_her_in_her_language(superuser_client, applicant):
    Mediator.objects.filter(user=applicant).update(mail_language="de")
    superuser_client.post(
        "/admin/mediators/mediator/",
        {
            "action": "approve",
            "_selected_action": [applicant.mediator.pk],
            "apply": "1",
            "message": "",
        },
    )
    (message,) = mail.outbox
    assert message.subject == "[WPM] Ihr Profil ist freigegeben"


def test_an_invitation_and_a_requester_s_message_reach_her_in_her_language(requester, focal_point):
    request = RequestFactory(requester=requester.requester, status="sent")
    mediator = MediatorFactory(mail_language="de")
    invitation = request.invite(mediator, "", focal_point)
    (invited,) = mail.outbox
    assert invited.subject == "[WPM] Sie sind eingeladen, als Mediatorin vorgeschlagen zu werden"
    invitation.accept(["profile"])
    client_for(focal_point).post(f"/admin/appointments/request/{request.pk}/propose/")
    mail.outbox.clear()
    response = client_for(requester).post(
        f"/en/requests/{request.pk}/proposal/{invitation.pk}/write/",
        {"message": "Could we speak on Monday?"},
    )
    assert response.status_code == 302
    (relayed,) = mail.outbox
    assert relayed.to == [mediator.user.email]
    assert relayed.subject.startswith("[WPM] Eine Nachricht")
    assert Invitation.objects.get().in_proposal
