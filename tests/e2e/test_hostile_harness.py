"""The hostile-input harness itself: it catches what gets through, its corpus is sound, and no
script URL passes a link field's checks (see hostile.py)."""

import re

import pytest

from processes.models import Agreement
from processes.record import Source
from tests.e2e.hostile import PAYLOADS, url_values
from wpm.models import Event

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_harness_catches_what_gets_through(visitor):
    """A page that lets payloads through, served in place of a real one, fails every check."""
    leaky = (
        "<!DOCTYPE html><html><head><title>Leaky</title></head><body><main>"
        "<p>49</p><img src=x onerror=__xss(16)><div onmouseover=__xss(37)>hover me</div>"
        '<details open ontoggle=__xss(31)></details><a href="javascript:__xss(50)">link</a>'
        "</main></body></html>"
    )
    visitor.page.route(
        "**/leaky/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body=leaky,
            headers={"Content-Security-Policy": "script-src 'self'"},
        ),
    )
    visitor.visit("/leaky/", stored=["{{7*7}}"])
    findings = "\n".join(visitor.findings)
    ran = re.search(r"payload ran: __xss\(([\d, ]+)\)", findings)
    # The handler on load, the one on hover and the one on an asynchronous event all ran.
    assert ran and set(ran.group(1).split(", ")) == {"16", "31", "37"}, findings
    assert "onerror attribute" in findings
    assert "onmouseover attribute" in findings
    assert "javascript: URL in href" in findings
    assert "template syntax '{{7*7}}' was not shown as text" in findings
    with pytest.raises(AssertionError, match="XSS: hostile input got through"):
        visitor.assert_safe()


def test_the_corpus_is_large_and_every_payload_is_detectable():
    assert len(PAYLOADS) >= 60
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    calls = [int(n) for payload in PAYLOADS for n in re.findall(r"__xss\((\d+)\)", payload)]
    assert len(set(calls)) >= 60
    # Some spell the call in escapes or entities (\x5f\x5fxss, &#95;&#95;xss, base64); only
    # template syntax and Markdown reference links (defined on lines of their own) call nothing.
    silent = [p for p in PAYLOADS if "xss" not in p and "base64" not in p]
    assert all("{" in p or "%" in p or re.match(r"!?\[", p) for p in silent), silent


@pytest.mark.parametrize(
    ("model", "name"),
    [(Source, "url"), (Agreement, "source_url"), (Event, "registration_url")],
)
def test_no_script_url_passes_url_validation(model, name):
    """The links the tests above cannot store: no script URL passes a link field's checks."""
    accepted = [
        url
        for url in url_values(model, name)
        if re.match(r"\s*(javascript|vbscript|data):", url, re.IGNORECASE)
    ]
    assert accepted == []
