"""Hostile input: XSS payloads in every public free-text field never run, on any page.

Each payload in tests/xss_payloads.txt calls a global ``__xss(n)``, n being its line number, so a
payload that runs is caught and named. The payloads are stored straight through the models,
published and shown to everyone, and each page that renders a field is opened in Chromium.

The browser context bypasses the Content Security Policy on purpose: the policy forbids inline
scripts and would stop most payloads on its own, so with it on these tests would prove nothing
about escaping and sanitising. They test the layer below it; the policy is the second line.

Each page is checked four ways:
- no payload called ``__xss`` (after hovering and focusing everything in the page) and no
  dialog or page error appeared;
- the DOM holds no event-handler attribute, no script, frame, object, embed or base element,
  and no javascript:, vbscript: or data: URL in any link or source;
- every marker paragraph of a Markdown field is on the page, so no payload hid the ones after
  it from the test;
- template syntax stays text: ``{{7*7}}`` is shown as written, never as 49.

Several payloads share one value where the field is long enough; a payload longer than a
field's max_length is skipped for that field, because cut short it is no longer the payload.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.templatetags.static import static
from PIL import Image

from mediators import photos
from mediators.models import Mediator, MediatorLanguage, Training
from tests.factories import MediatorFactory, UserFactory
from wpm.markup import BIO_TAGS, render_markdown

CORPUS = Path(__file__).resolve().parent.parent / "xss_payloads.txt"
# Split on "\n" only: str.splitlines() would also split on the Unicode separators in payloads.
PAYLOADS = [line for line in CORPUS.read_text(encoding="utf-8").split("\n") if line]

# Template syntax that must reach the page as written (none of it contains a character HTML
# escapes, so it appears verbatim in the page source).
TEMPLATE_LITERALS = ("{{7*7}}", "{% debug %}", "${7*7}", "{{ csrf_token }}")

XSS_HOOK = (
    "window.__xss = (v) => { window.__xss_fired = (window.__xss_fired || 0) + 1;"
    " (window.__xss_args = window.__xss_args || []).push(String(v)); }"
)

# Fire every handler a payload could have smuggled in, then give asynchronous ones (toggle,
# media errors) a turn of the event loop to run.
POKE = """async () => {
  for (const element of document.querySelectorAll("body *")) {
    for (const type of ["mouseover", "mouseenter", "mousemove", "pointerover"]) {
      element.dispatchEvent(new MouseEvent(type, {bubbles: type !== "mouseenter"}));
    }
    element.dispatchEvent(new FocusEvent("focus"));
    element.dispatchEvent(new FocusEvent("focusin", {bubbles: true}));
  }
  await new Promise((done) => setTimeout(done, 0));
}"""

# What sanitising must have removed, whether or not it ran.
SCAN = """([literals, nonce, ownScripts]) => {
  const found = [];
  const show = (element) => element.outerHTML.slice(0, 200);
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "data",
    "poster", "background", "codebase", "cite", "ping"]);
  for (const element of document.querySelectorAll("*")) {
    const tag = element.localName;
    // The site's own scripts carry this response's nonce, which no stored text can know, or
    // are its own script files.
    const own = tag === "script" && ((nonce && element.nonce === nonce)
      || ownScripts.includes(element.getAttribute("src")));
    if (["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base"]
        .includes(tag) && !own) {
      found.push(`<${tag}> element: ${show(element)}`);
    }
    if (tag === "meta" && /refresh|set-cookie/i.test(element.httpEquiv)) {
      found.push(`meta http-equiv: ${show(element)}`);
    }
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") || name === "srcdoc" || name === "formaction") {
        found.push(`${name} attribute: ${show(element)}`);
      } else if (urlAttributes.has(name)) {
        let protocol;
        try { protocol = new URL(attribute.value.trim(), document.baseURI).protocol; }
        catch { continue; }
        if (["javascript:", "vbscript:", "data:"].includes(protocol)) {
          found.push(`${protocol} URL in ${name}: ${show(element)}`);
        }
      }
    }
  }
  return {
    fired: window.__xss_fired ?? null,
    args: window.__xss_args ?? [],
    found,
    text: document.body.innerText,
    literals: literals.filter((literal) => document.documentElement.outerHTML.includes(literal)),
  };
}"""


def own_scripts():
    """The addresses of the site's own script files (static/js), which its pages load."""
    folder = Path(settings.BASE_DIR) / "static" / "js"
    return [static(f"js/{path.name}") for path in sorted(folder.glob("*.js"))]


# The payloads, shaped for each kind of field.


def packed(limit, sep=" "):
    """Values of at most `limit` characters, each holding as many payloads as fit.

    Payloads longer than the field's max_length are skipped for that field.
    """
    values, current = [], ""
    for payload in (p for p in PAYLOADS if len(p) <= limit):
        joined = f"{current}{sep}{payload}" if current else payload
        if len(joined) > limit:
            values.append(current)
            joined = payload
        current = joined
    return [*values, current] if current else values


def spread(values, index, default=""):
    """The index-th value, or a harmless default once the values run out."""
    return values[index] if index < len(values) else default


def marker(number):
    return f"hostile-{number}"


@dataclass(frozen=True)
class Markdown:
    text: str
    markers: tuple


@lru_cache
def markdown_values(tags, limit=100_000):
    """Markdown texts holding every payload, each after a marker paragraph.

    An unclosed <script>, <style> or raw HTML block swallows all that follows it, so payloads
    after it would never reach the page. A text therefore ends after a payload that swallows
    what comes next, and a payload that changes what came before it starts a new text.
    """
    end = "hostile-end"

    def intact(parts, numbers):
        html = str(render_markdown("\n\n".join([*parts, end]), tags=tags))
        return [f"<p>{marker(n)}</p>" in html for n in numbers], f"<p>{end}</p>" in html

    values, parts, numbers = [], [], []

    def close():
        if parts:
            values.append(Markdown("\n\n".join(parts), tuple(marker(n) for n in numbers)))
        parts.clear()
        numbers.clear()

    for number, payload in enumerate(PAYLOADS, start=1):
        if len(payload) + len(marker(number)) + 2 > limit:
            continue  # longer than the whole field: skipped for it
        if len("\n\n".join([*parts, marker(number), payload])) > limit:
            close()
        parts += [marker(number), payload]
        numbers.append(number)
        before, after = intact(parts, numbers)
        if not all(before):
            # This payload changed how earlier ones render: it gets a text of its own.
            del parts[-2:], numbers[-1]
            close()
            parts += [marker(number), payload]
            numbers.append(number)
            before, after = intact(parts, numbers)
        if not after:
            close()
    close()
    return values


def url_values(model, name):
    """Links carrying the payloads, where the field's own validation lets them through.

    The URL validators of the model field are its protection against javascript: links; the
    test stores what they accept (see test_no_script_url_passes_url_validation).
    """
    url_field = model._meta.get_field(name)
    values = []
    for payload in PAYLOADS:
        for candidate in (payload, "https://example.org/?q=" + payload):
            try:
                url_field.clean(candidate, None)
            except ValidationError:
                continue
            values.append(candidate)
    return values


def jpeg():
    buffer = BytesIO()
    Image.new("RGB", (200, 200), "teal").save(buffer, format="JPEG")
    return buffer.getvalue()


# The browser.


@dataclass
class Visitor:
    page: object
    base: str
    findings: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    console: list = field(default_factory=list)
    pages: int = 0

    def visit(self, path, *, status=200, markers=(), stored=()):
        response = self.page.goto(self.base + path)
        assert status is None or response.status == status, f"{path}: {response.status}"
        return self.inspect(path, response, markers=markers, stored=stored)

    def inspect(self, path, response, *, markers=(), stored=()):
        """Check the page now shown; `stored` is the text of the fields it renders."""
        policy = response.headers.get("content-security-policy", "")
        nonce = re.search(r"'nonce-([^']+)'", policy)
        self.pages += 1
        self.page.mouse.move(640, 360)  # a real pointer over the main content, then the rest
        self.page.evaluate(POKE)
        state = self.page.evaluate(
            SCAN, [TEMPLATE_LITERALS, nonce and nonce.group(1), own_scripts()]
        )
        if state["fired"] is not None:
            self.findings.append(
                f"{path}: payload ran: __xss({', '.join(state['args'])}) "
                f"fired {state['fired']} time(s)"
            )
        self.findings += [f"{path}: unsanitised markup: {item}" for item in state["found"]]
        for dialog in self.dialogs:
            self.findings.append(f"{path}: a dialog opened: {dialog!r}")
        for error in self.errors:
            self.findings.append(f"{path}: page error (an injected script?): {error}")
        self.dialogs.clear()
        self.errors.clear()
        missing = [name for name in markers if name not in state["text"]]
        assert not missing, f"{path}: content after these markers never rendered: {missing}"
        self.check_literals(path, stored, state["literals"])
        return state

    def check_literals(self, path, stored, shown):
        for literal in TEMPLATE_LITERALS:
            if any(literal in value for value in stored) and literal not in shown:
                self.findings.append(f"{path}: template syntax {literal!r} was not shown as text")

    def visit_list(self, paths, *, stored=()):
        """A list over several pages: template syntax must show as written on one of them."""
        shown = set()
        for path in paths:
            shown.update(self.visit(path)["literals"])
        self.check_literals(paths[0], stored, shown)

    def assert_safe(self):
        assert self.pages, "no page was checked"
        assert not self.findings, "\n".join(
            ["XSS: hostile input got through:", *self.findings, "Console:", *self.console[-20:]]
        )


# The data.


def public_mediator(number, *, photo=True, **fields):
    """An approved public profile with every section shown to everyone, and a photo."""
    mediator = MediatorFactory(
        user=UserFactory(email=f"hostile{number}@example.org"),
        **{f"{section}_audience": 0 for section in Mediator.SECTIONS},
        **fields,
    )
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=7)
    if photo:
        photos.replace_photo(mediator, photos.open_photo(SimpleUploadedFile("p.jpg", jpeg())))
    return mediator


def hostile_mediators():
    names = packed(120)  # display_name max_length=120
    pronouns = packed(40)  # max_length=40: only the short payloads fit
    headlines = packed(160)  # max_length=160
    notes = packed(200)  # availability_note max_length=200
    bios = markdown_values(frozenset(BIO_TAGS), 5000)  # bio max_length=5000
    count = max(len(names), len(pronouns), len(headlines), len(notes), len(bios))
    mediators = []
    for number in range(count):
        bio = spread(bios, number, None)
        mediator = public_mediator(
            number,
            photo=number < len(names),  # its alt text holds her name
            display_name=spread(names, number, f"Plain Name {number}"),
            pronouns=spread(pronouns, number),
            headline=spread(headlines, number, "Mediation adviser"),
            availability_note=spread(notes, number),
            bio=bio.text if bio else "Works on **ceasefires**.",
        )
        mediator.markers = bio.markers if bio else ()
        mediators.append(mediator)
    # Training title and provider: max_length=200 each.
    titles, providers = packed(200), packed(200)
    for number in range(max(len(titles), len(providers))):
        Training.objects.create(
            mediator=mediators[number % len(mediators)],
            title=spread(titles, number, "Mediation course"),
            provider=spread(providers, number, "Academy"),
            year=2020,
            hours=40,
        )
    return mediators


def mediator_texts(mediator):
    return [
        mediator.display_name,
        mediator.pronouns,
        mediator.headline,
        mediator.availability_note,
        mediator.bio,
        *(f"{row.title} {row.provider}" for row in mediator.trainings.all()),
    ]


def search_hostile(visitor):
    """The site search finding the hostile content: "hostile" is in every marker paragraph."""
    for language in ("en", "de"):
        visitor.visit(f"/{language}/search/?q=hostile")
