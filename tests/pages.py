"""The pages of the site that the whole-site checks visit, with who visits them."""

from django.urls import reverse
from django.utils import translation

LANGUAGES = ["en", "de"]

# (URL name, persona): None is an anonymous visitor, "member" a signed-in member.
PAGES = [
    ("home", None),
    ("about", None),
    ("impressum", None),
    ("privacy", None),
    ("account_login", None),
    ("account_signup", None),
    ("account_reset_password", None),
    ("account_reset_password_done", None),
    ("account_email_verification_sent", None),
    ("account_email", "member"),
    ("account_change_password", "member"),
    ("account_logout", "member"),
    ("mfa_index", "member"),
    ("account_reauthenticate", "member"),
]


def page_url(name, language):
    with translation.override(language):
        return reverse(name)


def page_ids():
    return [f"{name}-{language}" for name, _ in PAGES for language in LANGUAGES]


def page_params():
    return [(name, persona, language) for name, persona in PAGES for language in LANGUAGES]
