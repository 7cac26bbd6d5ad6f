from ..factories import PASSWORD
from ..totp import totp


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
