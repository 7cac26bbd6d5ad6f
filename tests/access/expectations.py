"""How the matrix says what to expect: the personas and their groups, the status each gets, the
requests to send (probes) and the checks of a body beyond the markers."""

import csv
import io
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation

# Personas and who they stand for.

PERSONAS = (
    "anonymous",
    "applicant",  # submitted her profile; staff have not approved it
    "member",  # approved
    "other_member",
    "requester",  # staff of an appointing body, verified as a requester
    "other_requester",
    "staff",  # staff without any role or permission
    "editor",
    "curator",
    "focal_point",  # handles requests, but not restricted ones
    "restricted_focal_point",  # handles restricted requests too
    "superuser",
)
GROUPS = {
    "everyone": PERSONAS,
    # The public audience: requesters see the roster as the public does.
    "outsiders": ("anonymous", "applicant", "requester", "other_requester"),
    "members": ("member", "other_member"),
    "requesters": ("requester", "other_requester"),
    "signed_in": PERSONAS[1:],
    "non_staff": PERSONAS[:6],
    "staffers": (
        "staff",
        "editor",
        "curator",
        "focal_point",
        "restricted_focal_point",
        "superuser",
    ),
    "focal_points": ("focal_point", "restricted_focal_point"),
}
STAFFERS = frozenset(GROUPS["staffers"])
MEMBERS_UP = frozenset(GROUPS["members"]) | STAFFERS
SUPERUSER = frozenset({"superuser"})
LANGS = ("en", "de")


@dataclass(frozen=True)
class Redirect:
    """A redirect: to the site's login page, the admin's login page, or a path ("{lang}")."""

    to: str
    code: int = 302

    def __str__(self):
        return f"{self.code} to {self.to}"


LOGIN = Redirect("login")
ADMIN_LOGIN = Redirect("admin_login")


def S(default, **overrides):
    """The expected status of every persona: a default, then groups, then single personas."""
    unknown = set(overrides) - set(GROUPS) - set(PERSONAS)
    assert not unknown, unknown
    result = dict.fromkeys(PERSONAS, default)
    for key, value in overrides.items():
        for persona in GROUPS.get(key, ()):
            result[persona] = value
    for key, value in overrides.items():
        if key in PERSONAS:
            result[key] = value
    return result


PUBLIC = S(200)
MEMBER_AREA = S(200, anonymous=LOGIN)
# The member's own profile pages: staff and requesters have no profile of their own.
OWN_PROFILE = S(200, anonymous=LOGIN, staffers=404, requesters=404)
# A requester's own pages: nobody else has any.
OWN_REQUESTS = S(404, anonymous=LOGIN, requesters=200)
PROFILE_OF_MEMBERS = S(200, outsiders=404)  # members-only profile: the public gets a 404
STAFF_ONLY_OBJECT = S(404, staffers=200)  # hidden profiles, drafts
POST_ONLY = S(405)
# Where a signed-in person lands when she opens a sign-in page (wpm.adapters): her member area,
# a requester her requests, staff the back office.
LANDING = {
    "default": Redirect("/{lang}/me/"),
    "requesters": Redirect("/{lang}/requests/"),
    "staffers": Redirect("/admin/"),
}
# allauth's pages for a sign-in in progress, when none is: back to the login or her landing.
NOTHING_PENDING = S(**LANDING, anonymous=Redirect("/{lang}/accounts/login/"))
REAUTHENTICATE_FIRST = Redirect("/{lang}/accounts/reauthenticate/?next=")
REAUTHENTICATE = S(REAUTHENTICATE_FIRST, anonymous=LOGIN)


def admin_for(*allowed, **others):
    """Admin pages: non-staff go to the admin login, staff without permission get 403."""
    return S(ADMIN_LOGIN, staffers=403, superuser=200, **dict.fromkeys(allowed, 200), **others)


ADMIN_ANY_STAFF = S(ADMIN_LOGIN, staffers=200)


def admin_app(*allowed):
    """An app's index: staff who may see none of its models get a 404, as for no app at all."""
    return S(ADMIN_LOGIN, staffers=404, superuser=200, **dict.fromkeys(allowed, 200))


@dataclass
class Probe:
    """One request, with the status each persona must get and extra checks of the body."""

    path: str
    expect: dict
    lang: str = "en"
    method: str = "get"
    data: dict | None = None
    checks: tuple = ()
    # A list of unrelated public addresses (the sitemap): names there stand side by side
    # without being "next to" each other, so the pairs are not looked for.
    is_list: bool = False


def i18n(name, expect, *, kwargs=None, query="", langs=LANGS, checks=(), method="get", data=None):
    """A language-prefixed URL, by default under /en/ and /de/."""
    probes = []
    for lang in langs:
        with translation.override(lang):
            path = reverse(name, kwargs=kwargs)
        path += f"?{query}" if query else ""
        probes.append(Probe(path, expect, lang, method, data, tuple(checks)))
    return probes


def plain(name, expect, *, args=None, kwargs=None, query="", checks=(), method="get", data=None):
    """A URL without a language prefix (the admin, photos, sitemap...)."""
    path = reverse(name, args=args, kwargs=kwargs)
    path += f"?{query}" if query else ""
    return [Probe(path, expect, "en", method, data, checks=tuple(checks))]


# Checks of one body beyond the markers.


def absent(text, personas, what):
    """The body must not contain text for these personas (an address, a row...)."""

    def check(persona, body):
        if persona in personas and body is not None and text.lower() in body.lower():
            return f"shows {what} ({text!r})"
        return None

    return check


def present(text, personas, what):
    """The body must contain text for these personas: proof that an absent() check can fail."""

    def check(persona, body):
        if persona in personas and (body is None or text.lower() not in body.lower()):
            return f"does not show {what} ({text!r})"
        return None

    return check


# The catalogue CSV's column that says whether network mediators are engaged (the participation
# figures come after it).
NETWORK_COLUMN = 11


def csv_network(process_name, expected_by_persona):
    """The catalogue CSV's network column says whether network mediators are engaged."""
    words = {"yes": {"yes", "ja"}, "no": {"no", "nein"}}

    def check(persona, body):
        if body is None:
            return None
        rows = [row for row in csv.reader(io.StringIO(body)) if row and row[0] == process_name]
        if not rows:
            return f"has no CSV row for {process_name!r}"
        wanted = expected_by_persona[persona]
        said = rows[0][NETWORK_COLUMN]
        if said.lower() not in words[wanted]:
            return f"says {said!r} about network mediators on {process_name!r}"
        return None

    return check
