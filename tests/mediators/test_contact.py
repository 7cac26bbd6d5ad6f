"""Writing to a mediator through her profile."""

import pytest
from django.core import mail
from django.urls import reverse

from mediators.models import ContactMessage, Mediator
from tests.factories import MediatorFactory

pytestmark = pytest.mark.django_db


def contact_data(**overrides):
    return {
        "name": "Dora Diplomat",
        "email": "dora@ministry.example",
        "organisation": "Ministry",
        "purpose": "mediation",
        "message": "Would you advise on a ceasefire process?",
        "website": "",
        **overrides,
    }


def test_contact_relays_the_message_without_revealing_her_address(client, member):
    mediator = member.mediator
    response = client.post(reverse("mediators:contact", args=[mediator.slug]), contact_data())
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [member.email]
    assert sent.reply_to == ["dora@ministry.example"]
    assert "Would you advise" in sent.body
    assert ContactMessage.objects.filter(mediator=mediator).count() == 1
    page = client.get(mediator.get_absolute_url()).content.decode()
    assert "Your message has been sent" in page
    assert member.email not in page


def test_a_second_click_on_send_is_not_a_second_message(client, member):
    """She would get the same message twice: a repeat within the hour is refused, and says why;
    another message, or the same one from someone else, goes."""
    url = reverse("mediators:contact", args=[member.mediator.slug])
    assert client.post(url, contact_data()).status_code == 302
    again = client.post(url, contact_data(email="DORA@ministry.example"))
    assert again.status_code == 400
    assert "You have sent her this message already." in again.content.decode()
    assert (len(mail.outbox), ContactMessage.objects.count()) == (1, 1)
    assert client.post(url, contact_data(message="And on mediation support?")).status_code == 302
    assert client.post(url, contact_data(email="eda@un.example")).status_code == 302
    assert len(mail.outbox) == 3


def test_contact_honeypot_sends_nothing(client, member):
    response = client.post(
        reverse("mediators:contact", args=[member.mediator.slug]),
        contact_data(website="http://spam.example"),
    )
    assert response.status_code == 302
    assert mail.outbox == []
    assert not ContactMessage.objects.exists()


def test_contact_rejects_bad_input(client, member):
    response = client.post(
        reverse("mediators:contact", args=[member.mediator.slug]),
        contact_data(email="not-an-address", message=""),
    )
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert mail.outbox == []


def test_contact_is_rate_limited(client, member):
    url = reverse("mediators:contact", args=[member.mediator.slug])
    for number in range(5):
        assert client.post(url, contact_data(message=f"Question {number}")).status_code == 302
    response = client.post(url, contact_data(message="Question 5"))
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert len(mail.outbox) == 5


def test_contact_can_be_switched_off(client, member):
    Mediator.objects.filter(user=member).update(accepts_contact=False)
    assert "Send message" not in client.get(member.mediator.get_absolute_url()).content.decode()
    url = reverse("mediators:contact", args=[member.mediator.slug])
    assert client.post(url, contact_data()).status_code == 404


def test_contact_to_a_hidden_profile_is_not_found(client):
    hidden = MediatorFactory(visibility="hidden")
    url = reverse("mediators:contact", args=[hidden.slug])
    assert client.post(url, contact_data()).status_code == 404
    assert mail.outbox == []


def test_a_name_on_two_lines_cannot_add_a_header_to_the_mail(client, member):
    response = client.post(
        reverse("mediators:contact", args=[member.mediator.slug]),
        contact_data(name="Eve\r\nBcc: everyone@evil.example"),
    )
    assert response.status_code == 400
    assert "Enter this on a single line." in response.content.decode()
    assert not ContactMessage.objects.exists() and mail.outbox == []
