import pytest
from django.contrib.auth.models import Group, Permission

from mediators.models import ExpertiseArea
from mediators.taxonomy import ensure_expertise_areas
from processes.models import Instrument
from processes.taxonomy import ensure_instruments
from wpm.models import Page
from wpm.pages import ensure_pages
from wpm.roles import ensure_roles

from ..factories import PASSWORD
from ..totp import totp


@pytest.fixture(autouse=True)
def _taxonomy(transactional_db):
    """Transactional tests empty every table; put back what the migrations seeded."""
    ensure_expertise_areas(ExpertiseArea)
    ensure_instruments(Instrument)
    ensure_pages(Page)
    ensure_roles(Group, Permission)


def sign_in_staff(page, email, secret):
    """Staff sign in with a password and the code from their authenticator app."""
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp(secret))
    page.get_by_role("button", name="Sign In").click()
