# ruff: noqa: RUF001 (Django's words, typographic apostrophes included, exactly)
"""Words Django shows on our pages and in the back office that its German catalogue lacks.

Django 6.1 added or reworded them after its German translation was made. They are marked here
so that makemessages keeps them in our catalogue, which Django reads before its own
(LOCALE_PATHS); tests/site/test_translations.py finds any new gap after an upgrade.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_WORDS = [
    # The empty choice of a select box (the contact form's purpose, her languages' level...).
    gettext_noop("- Select an option -"),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    # The back office.
    gettext_noop(", "),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", "count"),
    gettext_noop('The app "%s" could not be found.'),
    gettext_noop("Run"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Logout"),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following "
        "protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the "
        "following related items will be deleted:"
    ),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On or "
        "LDAP."
    ),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    # simple-history's, on a history that cannot be reverted (a request's).
    gettext_noop("View history: %s"),
    gettext_noop("Changes"),
]

# The back office's sections of the apps that ship no German names for them: allauth's sessions
# and authenticators, and the task results.
APP_WORDS = [
    gettext_noop("User Sessions"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
]
