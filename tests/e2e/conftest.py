import pytest
from django.conf import settings

from tests.conftest import CHROMIUM, client_for
from tests.factories import PASSWORD
from tests.totp import totp


def sign_in_staff(page, email, secret):
    """Staff sign in with a password and the code from their authenticator app."""
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp(secret))
    page.get_by_role("button", name="Sign In").click()


def autocomplete(page, select_id, text):
    """Pick a value in one of the admin's autocomplete (select2) fields."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


# Playwright on the system Chromium.


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-GB"}


@pytest.fixture(scope="session")
def browser(live_server, browser):
    """Chromium starts after the live server and so closes before it: the server's threads
    serving its open connections end while they may still use the shared test database."""
    return browser


def login_in_browser(context, user, live_server):
    """Gives a browser context the session cookie of a signed-in user."""
    client = client_for(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
