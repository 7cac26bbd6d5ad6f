"""Checking one persona against the whole matrix: statuses, redirects and leaked markers."""

import re
from unittest import mock
from urllib.parse import parse_qs, quote, urlsplit

from django.utils import translation

from tests.access.expectations import Probe
from tests.access.matrix import MATRIX
from tests.access.world import REMOTE_ADDRESSES
from tests.site.test_pdf import text_of

TEXT_TYPES = ("text/", "json", "xml", "javascript", "calendar", "csv")
# Where a country's name says nothing of anyone: the lists to choose from, and the chips and a
# feed's own title that echo the visitor's own choice.
SELECT = re.compile(
    r"<(select|datalist)\b.*?</\1>|<ul class=\"chips\".*?</ul>|<feed\b[^>]*><title>.*?</title>",
    re.DOTALL | re.IGNORECASE,
)


def _no_template_records(*args, **kwargs):
    """The test client copies the context of every template it renders (each option of a
    country list...) for response.context, which this suite never reads: skip that."""


def _send(client, probe):
    with mock.patch("django.test.client.store_rendered_templates", _no_template_records):
        return _send_now(client, probe)


def _send_now(client, probe):
    if probe.method == "post":
        number = next(REMOTE_ADDRESSES)
        address = f"10.{number // 62500 % 250}.{number // 250 % 250}.{number % 250}"
        return client.post(probe.path, probe.data or {}, REMOTE_ADDR=address)
    return client.get(probe.path)


def _body(response):
    """The response as text (a PDF's too), with its Location header; None for images and
    other binaries."""
    # Reading a streamed file to the end closes it, the test client's way; closing it again
    # would fire request_finished and close the test's database connection (PostgreSQL).
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    location = response.get("Location", "")
    if content and "pdf" in content_type:
        return f"{location}\n{text_of(content)}"
    if content and not any(kind in content_type for kind in TEXT_TYPES):
        return location or None
    text = content.decode("utf-8", errors="replace")
    if "calendar" in content_type:
        text = text.replace("\r\n ", "").replace("\r\n\t", "")  # unfold iCalendar lines
    return f"{location}\n{text}"


def _echoes(path):
    """The request's own address, as the page repeats it (language switch, next=...)."""
    bare = path.split("?")[0]
    variants = {path, bare}
    for a, b in (("/en/", "/de/"), ("/de/", "/en/")):
        if bare.startswith(a):
            variants.add(b + bare[len(a) :])
    variants |= {quote(v, safe=safe) for v in list(variants) for safe in ("", "/")}
    return sorted(variants, key=len, reverse=True)


def find_leaks(persona, body, world, path, *, pairs=True, seen=None):
    """What this persona must not see in a body; what she may see is added to seen."""
    if body is None:
        return []
    text = body.lower()
    for echo in _echoes(path):
        text = text.replace(echo.lower(), " ")
    outside_lists = SELECT.sub(" ", text)
    leaks = []
    for marker in world.markers:
        if marker.text.lower() not in (outside_lists if marker.country else text):
            continue
        if persona in marker.audience:
            if seen is not None:
                seen.add(marker.text)
        else:
            leaks.append(f"leaks {marker.what}: {marker.text!r}")
    for pair in world.pairs if pairs else ():
        if persona in pair.audience:
            continue
        if any(word in text for word in pair.left) and any(word in text for word in pair.right):
            leaks.append(f"leaks {pair.what}: {pair.left + pair.right}")
    return leaks


def _status_problem(response, expected, probe):
    if isinstance(expected, int):
        if response.status_code != expected:
            where = response.get("Location", "")
            where = f" to {where}" if where else ""
            return f"status {response.status_code}{where}, expected {expected}"
        return None
    location = response.get("Location", "")
    if response.status_code != expected.code:
        return f"status {response.status_code}, expected {expected}"
    lang = probe.lang
    if expected.to in ("login", "admin_login"):
        login = f"/{lang}/accounts/login/" if expected.to == "login" else "/admin/login/"
        parts = urlsplit(location)
        following = parse_qs(parts.query).get("next", [""])[0]
        if parts.path != login or following != probe.path:
            return f"redirects to {location!r}, expected {login}?next={probe.path}"
        return None
    wanted = expected.to.format(lang=lang)
    if not location.startswith(wanted):
        return f"redirects to {location!r}, expected {wanted!r}"
    return None


def check_persona(persona, client, world, names=None, seen=None):
    """Request every address of the matrix as one persona; return every failure found.

    The markers she may see and did see are added to seen.
    """
    failures = []
    for name, build in MATRIX.items():
        if names is not None and name not in names:
            continue
        with translation.override("en"):  # a request leaves its language active
            probes = build(world)
        for probe in probes:
            label = f"{name}: {probe.method.upper()} {probe.path}"
            try:
                response = _send(client, probe)
            except Exception as error:  # one broken page must not hide the others
                failures.append(f"{label}: raised {error.__class__.__name__}: {error}")
                continue
            problem = _status_problem(response, probe.expect[persona], probe)
            if problem:
                failures.append(f"{label}: {problem}")
            body = _body(response)
            for leak in find_leaks(
                persona, body, world, probe.path, pairs=not probe.is_list, seen=seen
            ):
                failures.append(f"{label} [{response.status_code}]: {leak}")
            for check in probe.checks:
                if problem := check(persona, body):
                    failures.append(f"{label} [{response.status_code}]: {problem}")
            if probe.method == "post" and response.status_code in (301, 302):
                # A form's confirmation shows on the page it redirects to.
                target = response["Location"]
                after = _body(_send(client, Probe(target, {})))
                for leak in find_leaks(persona, after, world, target, seen=seen):
                    failures.append(f"{label}, then GET {target}: {leak}")
    return failures
