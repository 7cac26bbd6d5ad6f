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


def _sent_from(client, url, number, **addresses):
    return client.post(url, contact_data(message=f"Question {number}"), **addresses).status_code


def test_behind_the_proxy_each_visitor_has_her_own_limit(client, member, settings):
    """Behind the proxy every request comes from the proxy's address: six visitors writing once
    each were five too many, the sixth refused. The proxy says who asked, in the last entry
    of X-Forwarded-For it adds; one the visitor wrote herself changes nothing."""
    settings.TRUSTED_PROXY_COUNT = 1
    url = reverse("mediators:contact", args=[member.mediator.slug])
    proxied = {"REMOTE_ADDR": "127.0.0.1"}
    codes = [
        _sent_from(client, url, n, **proxied, HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}")
        for n in range(6)
    ]
    assert codes == [302] * 6
    # One visitor claiming other addresses: the proxy appends hers, which is counted.
    forged = [
        _sent_from(client, url, 10 + n, **proxied, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.9")
        for n in range(6)
    ]
    assert forged == [302] * 5 + [429]


def test_without_a_trusted_proxy_a_forwarded_address_is_not_believed(client, member):
    url = reverse("mediators:contact", args=[member.mediator.slug])
    codes = [
        _sent_from(client, url, n, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
        for n in range(6)
    ]
    assert codes == [302] * 5 + [429]


def test_one_ipv6_network_is_one_visitor(client, member):
    """An IPv6 visitor holds a whole /64 network: a new address for each message went past
    the limit."""
    url = reverse("mediators:contact", args=[member.mediator.slug])
    codes = [_sent_from(client, url, n, REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}") for n in range(6)]
    assert codes == [302] * 5 + [429]


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
