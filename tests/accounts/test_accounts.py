import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD, UserFactory
from tests.totp import totp
from wpm.models import User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-42"


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def sign_in(client, email, password=PASSWORD):
    return client.post("/en/accounts/login/", {"login": email, "password": password})


def test_signup_requires_a_verified_email_before_sign_in(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "Nadia@Example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = User.objects.get()
    assert user.email == "nadia@example.org"
    assert user.privacy_consent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nadia@example.org"]

    client.logout()
    response = sign_in(client, "nadia@example.org", NEW_PASSWORD)
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    confirm_url = link_in(mail.outbox[0])
    assert client.get(confirm_url).status_code == 200
    assert not EmailAddress.objects.get(user=user).verified, "a GET must not verify"
    client.post(confirm_url)
    assert EmailAddress.objects.get(user=user).verified

    response = sign_in(client, "nadia@example.org", NEW_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_rejects_a_weak_password_and_creates_nobody(client):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "weak@example.org",
            "password1": "12345678",
            "password2": "12345678",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_with_a_taken_address_creates_no_second_account(client, member):
    client.post(
        "/en/accounts/signup/",
        {
            "email": member.email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert User.objects.filter(email=member.email).count() == 1


def test_password_reset_end_to_end(client, member):
    response = client.post("/en/accounts/password/reset/", {"email": member.email})
    assert response["Location"] == "/en/accounts/password/reset/done/"
    assert len(mail.outbox) == 1

    response = client.get(link_in(mail.outbox[0]), follow=True)
    assert response.status_code == 200
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    client.logout()
    assert sign_in(client, member.email, PASSWORD).status_code == 200
    assert sign_in(client, member.email, NEW_PASSWORD).status_code == 302


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/en/accounts/password/reset/done/"


def test_repeated_wrong_passwords_are_rate_limited(client, member):
    for _ in range(5):
        response = sign_in(client, member.email, "wrong-password")
        assert "not correct" in response.content.decode()
    response = sign_in(client, member.email, PASSWORD)
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_behind_the_proxy_one_guesser_locks_out_no_one_else(member, settings):
    """Behind the proxy every request came from its address: eleven wrong passwords from one
    person locked every member and staff out of signing in."""
    from django.test import Client

    settings.TRUSTED_PROXY_COUNT = 1
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for number in range(11):
        sign_in(guesser, f"guess{number}@example.org", "wrong-password")
    assert "Too many failed" in sign_in(guesser, "other@example.org", "x").content.decode()
    her = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sign_in(her, member.email, PASSWORD).status_code == 302


def test_totp_protects_the_next_sign_in(client, member):
    sign_in(client, member.email)
    response = client.get("/en/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    response = client.get("/en/accounts/2fa/totp/activate/")
    secret = response.context["form"].secret
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": "000000"})
    assert "Incorrect code" in response.content.decode()
    assert not Authenticator.objects.filter(user=member).exists()

    response = client.post("/en/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()

    client.post("/en/accounts/logout/")
    response = sign_in(client, member.email)
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    client.post("/en/accounts/2fa/authenticate/", {"code": totp(secret, offset=1)})
    assert client.session["_auth_user_id"] == str(member.pk)


def test_admin_sign_in_goes_through_the_site_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/en/accounts/login/?next=")


def test_admin_is_for_staff_only(member_client, staff_client):
    assert member_client.get("/admin/", follow=True).status_code == 403
    assert staff_client.get("/admin/").status_code == 200


def test_users_are_found_by_any_spelling_of_their_address(client):
    UserFactory(email="case@example.org")
    assert sign_in(client, "CASE@example.org").status_code == 302


def test_signup_needs_consent_to_the_privacy_policy(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "nc@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("who", "landing"),
    [
        ("member", "/en/me/"),
        ("newcomer", "/en/me/"),  # where she starts her profile
        ("requester", "/en/requests/"),
    ],
)
def test_signing_in_leads_each_person_where_her_work_is(request, client, who, landing):
    user = request.getfixturevalue(who)
    response = sign_in(client, user.email)
    assert response.status_code == 302 and response["Location"] == landing


def test_signing_in_on_the_way_somewhere_goes_there(client, member):
    response = client.post(
        "/en/accounts/login/?next=/en/processes/",
        {"login": member.email, "password": PASSWORD},
    )
    assert response["Location"] == "/en/processes/"


def test_a_new_address_she_confirms_is_the_one_the_network_writes_to(member):
    """The network's mail (reviews, invitations, relayed messages) went on to the old address
    until she found how to make the new one primary, which nothing told her to do."""
    client = Client()
    client.force_login(member)
    client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    client.post("/en/accounts/email/", {"action_add": "", "email": "amina.new@example.org"})
    assert mail.outbox[-1].to == ["amina.new@example.org"]
    client.post(link_in(mail.outbox[-1]))
    member.refresh_from_db()
    assert member.email == "amina.new@example.org"
    addresses = EmailAddress.objects.filter(user=member)
    assert addresses.get(primary=True).email == "amina.new@example.org"
    assert addresses.count() == 2, "the old one stays for her to remove"


@pytest.mark.parametrize(
    ("going", "lands"),
    [("/en/requests/apply/", "/en/requests/apply/"), ("//evil.example/", "/en/me/")],
)
def test_signing_up_on_the_way_somewhere_leads_there_after_the_confirmation(client, going, lands):
    """From "Request mediators", she landed on the mediators' profile to start: the address's
    confirmation lost where she was going. Only an address of this site is followed."""
    client.post(
        f"/en/accounts/signup/?next={going}",
        {
            "email": "rita@example.org",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "privacy_consent": "on",
            "next": going,
        },
    )
    response = client.post(link_in(mail.outbox[-1]), follow=True)
    login = response.redirect_chain[-1][0]
    signed_in = client.post(
        login, {"login": "rita@example.org", "password": NEW_PASSWORD}, follow=True
    )
    assert signed_in.redirect_chain[-1][0] == lands


def test_the_profile_to_start_points_a_requester_to_her_application(client):
    user = UserFactory()
    client.force_login(user)
    main = client.get("/en/me/").content.decode().split("<main")[1].split("</main>")[0]
    assert '<a href="/en/requests/apply/">Apply to send requests</a>' in main


def test_her_address_is_changed_only_with_her_password_at_hand(member):
    """A session she left open was enough to put someone else's address on her account, and
    then to reset her password through it."""
    client = Client()
    client.force_login(member)  # a session signed in long ago
    response = client.post(
        "/en/accounts/email/", {"action_add": "", "email": "someone.else@example.org"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    assert mail.outbox == []
    assert not EmailAddress.objects.filter(email="someone.else@example.org").exists()
    client.post(response["Location"], {"password": PASSWORD})
    client.post("/en/accounts/email/", {"action_add": "", "email": "someone.else@example.org"})
    assert EmailAddress.objects.filter(email="someone.else@example.org").exists()
