import re
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import CHROMIUM, client_for
from tests.e2e.hostile import XSS_HOOK, Visitor, jpeg
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
    """Pick a value in one of the admin's autocomplete (select2) fields, and see it picked.

    Opening the field asks for the first choices, typing asks again for the words: the choice is
    clicked once the answer for the words has come, not in the list it replaces, where a click
    could land as the list was redrawn and pick nothing."""
    page.locator(f"#{select_id} + .select2").click()

    def answers_the_words(response):
        query = parse_qs(urlparse(response.url).query)
        return "/autocomplete/" in response.url and query.get("term") == [text]

    with page.expect_response(answers_the_words):
        page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()
    expect(page.locator(f"#{select_id} + .select2 .select2-selection")).to_contain_text(text)


@pytest.fixture
def demo_data(db):
    """The fictional demo data the site is shown with (demo/): mediators, processes, figures."""
    call_command("seed_demo", stdout=StringIO())


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


@pytest.fixture
def visitor(browser, live_server):
    context = browser.new_context(locale="en-GB", bypass_csp=True)
    # Only pages come from the live server; the rest comes from the test, which keeps a few
    # hundred page loads fast. Two dozen thumbnails at once are also too many for the live
    # server's single shared SQLite connection. Photos and static files load; other images
    # and media fail as they would on the server, so onerror handlers still get their chance.
    photo = jpeg()
    static = re.compile(re.escape(live_server.url + settings.STATIC_URL) + r"([^?#]+)")

    def assets(route):
        request = route.request
        if match := static.match(request.url):
            found = finders.find(match.group(1))
            if found:
                route.fulfill(path=found)
            else:
                route.fulfill(status=404, content_type="text/plain", body="")
        elif request.resource_type not in {"image", "media"}:
            route.continue_()
        elif "/photos/" in request.url:
            route.fulfill(status=200, content_type="image/jpeg", body=photo)
        else:
            route.fulfill(status=404, content_type="text/plain", body="")

    context.route(re.compile(r".*"), assets)
    page = context.new_page()
    page.add_init_script(XSS_HOOK)
    found = Visitor(page, live_server.url)

    def on_dialog(dialog):
        found.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: found.errors.append(str(error)))
    page.on("console", lambda message: found.console.append(f"{message.type}: {message.text}"))
    yield found
    context.close()
