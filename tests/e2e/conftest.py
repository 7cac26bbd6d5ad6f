from ..factories import PASSWORD
from ..totp import totp


def sign_in_staff(page, email, secret):
    """Staff sign in with a password and the code from their authenticator app."""
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_label("Code").fill(totp(secret))
    page.get_by_role("button", name="Sign In").click()
