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

import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from mediators import photos
from mediators.models import Mediator, MediatorLanguage, Training
from processes.models import DESCRIPTION_TAGS, Agreement, Engagement, Process, ProcessLink
from processes.record import (
    Instrument,
    Milestone,
    ParticipationFigure,
    Party,
    ProcessInstrument,
    ProcessParty,
    Source,
)
from tests.factories import (
    ArticleFactory,
    EventFactory,
    MediatorFactory,
    ProcessFactory,
    UserFactory,
    VoiceFactory,
    add_country,
)
from wpm.markup import BIO_TAGS, render_markdown
from wpm.models import ARTICLE_TAGS, Article, ArticleAuthor, Event, Page, Voice

pytestmark = pytest.mark.django_db(transaction=True)

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
SCAN = """([literals, nonce]) => {
  const found = [];
  const show = (element) => element.outerHTML.slice(0, 200);
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "data",
    "poster", "background", "codebase", "cite", "ping"]);
  for (const element of document.querySelectorAll("*")) {
    const tag = element.localName;
    // The site's own scripts carry this response's nonce, which no stored text can know.
    const own = tag === "script" && nonce && element.nonce === nonce;
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
        state = self.page.evaluate(SCAN, [TEMPLATE_LITERALS, nonce and nonce.group(1)])
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


def test_mediator_profiles_roster_cards_and_search(visitor):
    mediators = hostile_mediators()
    assert {m.markers for m in mediators if m.markers}, "no biography held payloads"
    for mediator in mediators:
        visitor.visit(
            mediator.get_absolute_url(),
            markers=mediator.markers,
            stored=mediator_texts(mediator),
        )
    visitor.visit_list(
        [f"/en/mediators/?page={page}" for page in range(1, len(mediators) // 24 + 2)],
        stored=[m.display_name for m in mediators],
    )
    # Every payload in the query, and a few queries that find a hostile name, so that the
    # results hold cards as well. The box takes 200 characters: a longer query is refused
    # (400) and shown again.
    queries = packed(200) + [m.display_name for m in mediators[:5]]
    for query in queries:
        visitor.visit("/en/mediators/?" + urlencode({"q": query}), stored=[query])
        shown = visitor.page.locator("#id_q").input_value()
        assert shown == query, f"the query box shows {shown!r}, not {query!r}"
    too_long = " ".join(PAYLOADS)[:400]
    visitor.visit("/en/mediators/?" + urlencode({"q": too_long}), status=400, stored=[too_long])
    # The search in the header, with every payload as the query, then finding the profiles.
    for query in packed(200):  # at most 200 characters, as on the roster
        visitor.visit("/en/search/?" + urlencode({"q": query}), stored=[query])
    # Refused or answered, the page must stay safe (the site search is still being built).
    visitor.visit("/en/search/?" + urlencode({"q": too_long}), status=None)
    search_hostile(visitor)
    visitor.assert_safe()


def search_hostile(visitor):
    """The site search finding the hostile content: "hostile" is in every marker paragraph."""
    for language in ("en", "de"):
        visitor.visit(f"/{language}/search/?q=hostile")


def test_contact_form_shows_hostile_values_again(visitor):
    mediator = public_mediator(0, display_name="Contact Target", accepts_contact=True)
    # A visitor types anything: each field gets every payload, several at a time, and the
    # purpose is no choice at all, so the form always fails and renders what was sent.
    values = packed(300)
    fields = ["name", "email", "organisation", "message", "website", "purpose"]
    visitor.visit(f"{mediator.get_absolute_url()}contact/")
    for number in range(len(values)):
        sent = {name: values[(number + shift) % len(values)] for shift, name in enumerate(fields)}
        cache.clear()  # five messages an hour per address: this is about validation, not limits
        # The form comes back with each failure, ready to be sent again.
        visitor.page.evaluate(
            """(sent) => {
              const form = document.querySelector("form[action$='/contact/']");
              for (const [name, value] of Object.entries(sent)) {
                const input = form.elements[name];
                if (input.localName === "select") input.add(new Option(value, value));
                input.value = value;
              }
            }""",
            sent,
        )
        with visitor.page.expect_navigation() as navigation:
            visitor.page.get_by_role("button", name="Send message").click()
        assert navigation.value.status == 400
        shown_again = [sent[name] for name in fields if name != "purpose"]
        visitor.inspect(
            f"{mediator.get_absolute_url()}contact/ (POST #{number})",
            navigation.value,
            stored=shown_again,
        )
        for name in ("name", "email", "organisation", "message"):
            shown = visitor.page.locator(f"#id_{name}").input_value()
            assert shown.strip() == sent[name].strip(), f"{name} came back as {shown!r}"
    assert not mediator.contact_messages.exists()
    visitor.assert_safe()


def test_processes_and_catalogue(visitor):
    names = packed(200)  # name max_length=200
    summaries = packed(400)  # summary max_length=400
    descriptions = markdown_values(frozenset(DESCRIPTION_TAGS))  # no max_length
    count = max(len(names), len(summaries), len(descriptions))
    engaged = public_mediator(0, display_name="Engaged Mediator")
    instrument = Instrument.objects.first()
    processes = []
    for number in range(count):
        description = spread(descriptions, number, None)
        process = ProcessFactory(
            name=spread(names, number, f"Plain process {number}"),
            slug=f"hostile-{number}",
            summary=spread(summaries, number),
            description=description.text if description else "",
            track="1" if number % 2 else "2",
            start_year=2015,
        )
        process.markers = description.markers if description else ()
        add_country(process, "SD")
        if processes:
            ProcessLink.objects.create(source=process, target=processes[-1], kind="accompanies")
        processes.append(process)

    def owner(number):
        return processes[number % len(processes)]

    for number, name in enumerate(packed(200)):  # Party name max_length=200
        party = Party.objects.create(name=name, kind="armed-group")
        ProcessParty.objects.create(process=owner(number), party=party, role="conflict-party")
    for number, provider in enumerate(packed(200)):  # provider max_length=200
        ProcessInstrument.objects.create(
            process=owner(number), instrument=instrument, provider=provider
        )
    links = url_values(Agreement, "source_url")  # max_length=500, URL validators
    agreement_names = packed(600)  # max_length=600
    for number in range(max(len(agreement_names), len(links))):
        agreement = Agreement.objects.create(
            process=owner(number),
            name=spread(agreement_names, number, "Ceasefire"),
            date=datetime.date(2016, 3, 1),
            source_url=spread(links, number),
        )
        ParticipationFigure.objects.create(
            agreement=agreement,
            role="signatories",
            total=8,
            women=2,
            source=spread(packed(300), number, "PADD"),  # max_length=300
            as_of=datetime.date(2016, 3, 1),
        )
    titles, notes = packed(200), packed(2000)  # Milestone title 200, description 2000
    for number in range(max(len(titles), len(notes))):
        Milestone.objects.create(
            process=owner(number),
            date=datetime.date(2015, 1, 1),
            title=spread(titles, number, "Talks open"),
            description=spread(notes, number),
        )
    links, titles = url_values(Source, "url"), packed(300)  # url 500 validated, title 300
    for number in range(max(len(links), len(titles))):
        Source.objects.create(
            process=owner(number),
            title=spread(titles, number, "Report"),
            url=spread(links, number),
        )
    # Engagement descriptions (max_length=2000) are stored but no public page renders them.
    for number, note in enumerate(packed(2000)):
        Engagement.objects.create(
            mediator=engaged,
            process=owner(number),
            role="adviser",
            confidentiality="named",
            description=note,
        )

    for process in Process.objects.prefetch_related(
        "party_roles__party",
        "instrument_uses",
        "agreements__figures",
        "milestones",
        "sources",
        "links_in__source",
        "links_out__target",
    ):
        stored = [
            process.name,
            process.summary,
            process.description,
            *(row.party.name for row in process.party_roles.all()),
            *(row.provider for row in process.instrument_uses.all()),
            *(row.name for row in process.agreements.all()),
            *(row.title for row in process.milestones.all()),
            *(row.description for row in process.milestones.all()),
            *(row.title for row in process.sources.all()),
            *(row.source.name for row in process.links_in.all()),
            *(row.target.name for row in process.links_out.all()),
        ]
        markers = next(p.markers for p in processes if p.pk == process.pk)
        visitor.visit(process.get_absolute_url(), markers=markers, stored=stored)
    visitor.visit_list(
        [f"/en/processes/?page={page}" for page in range(1, len(processes) // 24 + 2)],
        stored=[p.name for p in processes],
    )
    # The profile of the engaged mediator lists her processes by name.
    named = Process.objects.filter(engagements__mediator=engaged).distinct()
    visitor.visit(engaged.get_absolute_url(), stored=[p.name for p in named])
    search_hostile(visitor)
    visitor.assert_safe()


def test_articles_advocacy_and_home(visitor):
    titles = packed(200)  # title max_length=200
    summaries = packed(400)  # summary max_length=400
    bodies = markdown_values(frozenset(ARTICLE_TAGS))  # no max_length
    alts = packed(200)  # image_alt max_length=200, shown in an attribute
    authors = packed(120)  # ArticleAuthor name max_length=120
    author_profile = public_mediator(0, display_name="Authoring Mediator")
    count = max(len(titles), len(summaries), len(bodies), len(alts), len(authors))
    articles = []
    for number in range(count):
        body = spread(bodies, number, None)
        alt = spread(alts, number)
        article = ArticleFactory(
            title=spread(titles, number, f"Plain article {number}"),
            slug=f"hostile-{number}",
            summary=spread(summaries, number, "A summary."),
            body=body.text if body else "Plain text.",
            image=SimpleUploadedFile("a.jpg", jpeg()) if alt else "",
            image_alt=alt,
            published_on=timezone.localdate() - datetime.timedelta(days=number),
        )
        article.markers = body.markers if body else ()
        name = spread(authors, number, None)
        if name:
            # Linked to a public profile on even rows: the name then sits inside a link.
            ArticleAuthor.objects.create(
                article=article, name=name, mediator=author_profile if number % 2 else None
            )
        articles.append(article)
    for article in Article.objects.prefetch_related("authors"):
        stored = [
            article.title,
            article.summary,
            article.body,
            article.image_alt,
            *(author.name for author in article.authors.all()),
        ]
        markers = next(a.markers for a in articles if a.pk == article.pk)
        visitor.visit(article.get_absolute_url(), markers=markers, stored=stored)
    visitor.visit_list(
        [f"/en/advocacy/?page={page}" for page in range(1, len(articles) // 12 + 2)],
        stored=[a.title for a in articles],
    )
    # The home page shows the three latest.
    visitor.visit("/en/", stored=[a.title for a in articles[:3]])
    search_hostile(visitor)
    visitor.assert_safe()


def test_events_list_and_home(visitor):
    titles = packed(200)  # title max_length=200
    places = packed(200)  # place max_length=200
    descriptions = markdown_values(frozenset(ARTICLE_TAGS))  # no max_length
    links = url_values(Event, "registration_url")  # URL validators (max_length=200)
    count = max(len(titles), len(places), len(descriptions), len(links))
    now = timezone.now()
    events = []
    for number in range(count):
        description = spread(descriptions, number, None)
        # Every third event is past: the list shows past events under their own heading.
        starts = now + datetime.timedelta(days=-10 if number % 3 == 2 else number + 1)
        event = EventFactory(
            title=spread(titles, number, f"Plain event {number}"),
            slug=f"hostile-{number}",
            place=spread(places, number),
            description=description.text if description else "A day on process design.",
            registration_url=spread(links, number),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=3),
        )
        event.markers = description.markers if description else ()
        events.append(event)
    for event in events:
        visitor.visit(
            event.get_absolute_url(),
            markers=event.markers,
            stored=[event.title, event.place, event.description],
        )
    visitor.visit("/en/events/", stored=[e.title for e in events])
    visitor.visit("/en/", stored=[e.title for e in Event.objects.upcoming()[:3]])
    visitor.visit("/de/events/", stored=[e.title for e in events])
    visitor.visit("/de/", stored=[e.title for e in Event.objects.upcoming()[:3]])
    search_hostile(visitor)
    visitor.assert_safe()


def test_voices_page_and_home(visitor):
    quotes = packed(1200, sep="\n")  # quote max_length=1200, shown with line breaks
    names = packed(120)  # name max_length=120
    roles = packed(200)  # role max_length=200
    organisations = packed(200)  # organisation max_length=200
    count = max(len(quotes), len(names), len(roles), len(organisations))
    voices = [
        VoiceFactory(
            quote=spread(quotes, number, "Women mediators change the table."),
            name=spread(names, number, f"Plain voice {number}"),
            role=spread(roles, number, "Adviser"),
            organisation=spread(organisations, number),
            is_featured=number < 3,
            position=number,
        )
        for number in range(count)
    ]
    stored = [f"{v.quote} {v.name} {v.role} {v.organisation}" for v in voices]
    visitor.visit("/en/voices/", stored=stored)
    visitor.visit("/de/voices/", stored=stored)
    visitor.visit("/en/", stored=stored[:3])
    assert Voice.objects.published().count() == count
    visitor.assert_safe()


def test_pages_in_both_languages(visitor):
    titles = packed(200)  # title_en and title_de max_length=200
    bodies = markdown_values(frozenset(ARTICLE_TAGS))  # body_en and body_de: no max_length
    count = max(len(titles), len(bodies))
    for number in range(count):
        body = spread(bodies, number, None)
        # The German fields hold the same payloads in another order.
        other = count - 1 - number
        german = spread(bodies, other, None)
        page = Page.objects.create(
            slug=f"hostile-{number}",
            title_en=spread(titles, number, f"Plain page {number}"),
            title_de=spread(titles, other, f"Einfache Seite {number}"),
            body_en=body.text if body else "Plain text.",
            body_de=german.text if german else "Einfacher Text.",
            status="published",
        )
        visitor.visit(
            f"/en/pages/{page.slug}/",
            markers=body.markers if body else (),
            stored=[page.title_en, page.body_en],
        )
        visitor.visit(
            f"/de/pages/{page.slug}/",
            markers=german.markers if german else (),
            stored=[page.title_de, page.body_de],
        )
    search_hostile(visitor)
    visitor.assert_safe()


# Guards on the harness, the corpus and the data the tests above store.


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
