"""Page weight on a first visit: what a browser with an empty cache downloads and waits for.

The live server sends static files uncompressed and HTML as it renders it, so the totals measured
here are an upper bound of what production (gzip from WhiteNoise) transfers.
"""

import re
from dataclasses import dataclass
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image, ImageFilter

from mediators.views import RosterView
from tests.factories import (
    ArticleFactory,
    EventFactory,
    MediatorFactory,
    ProcessFactory,
    VoiceFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The live server shares one in-memory SQLite connection among its threads, and a browser
    # fetches a roster's thumbnails at once: their queries interleave. CI runs these tests on
    # PostgreSQL, where each request has its own connection.
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="concurrent requests need a server database"
    ),
]

KB = 1024
HOME_BUDGET = 300 * KB
ROSTER_BUDGET = 200 * KB  # thumbnails come on top
ROSTER_SIZE = 30  # more than one page of cards
DESKTOP = {"width": 1280, "height": 800}
THUMBNAIL = re.compile(r"/photos/[^/]+-160\.jpg$")


@dataclass
class Transfer:
    url: str
    status: int
    kind: str
    size: int  # response headers and body as they came over the wire

    def __str__(self):
        return f"{self.size:>8} B  {self.status}  {self.kind:<10} {self.url}"


def report(transfers):
    return "\n".join(str(transfer) for transfer in sorted(transfers, key=lambda t: -t.size))


def total(transfers):
    return sum(transfer.size for transfer in transfers)


def portrait_jpeg(seed):
    """A camera-sized portrait with a photo's texture, so that its JPEG sizes are realistic."""
    edge = 1200
    grain = Image.effect_noise((edge, edge), 48).filter(ImageFilter.GaussianBlur(1.5))
    light = Image.linear_gradient("L").resize((edge, edge)).rotate(seed * 37)
    glow = Image.radial_gradient("L").resize((edge, edge))
    buffer = BytesIO()
    Image.merge("RGB", (grain, light, glow)).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture
def crowded_roster(db):
    """A full first page of public profiles, each with a photo, expertise and languages."""
    from mediators import photos
    from mediators.models import Audience, ExpertiseArea, MediatorLanguage

    areas = list(ExpertiseArea.objects.all())
    languages = ["ar", "fr", "es", "ru", "sw", "de"]
    mediators = []
    for index in range(ROSTER_SIZE):
        mediator = MediatorFactory(
            display_name=f"Mediator Number {index}",
            headline="Senior adviser on ceasefires, power-sharing and constitution-making",
            photo_audience=Audience.PUBLIC,
        )
        mediator.expertise.set(areas[index % 5 : index % 5 + 4])
        for offset, level in ((0, 7), (1, 5), (2, 4)):
            code = languages[(index + offset) % len(languages)]
            MediatorLanguage.objects.create(mediator=mediator, code=code, level=level)
        upload = SimpleUploadedFile("portrait.jpg", portrait_jpeg(index))
        photos.replace_photo(mediator, photos.open_photo(upload))
        mediators.append(mediator)
    return mediators


@pytest.fixture
def full_home(showcase_content, crowded_roster):
    """Everything the home page can show: three voices, articles and events, and the figures."""
    for _ in range(2):
        VoiceFactory(is_featured=True, quote="Women mediators change what is on the table. " * 4)
        ArticleFactory(summary="Why peace needs women mediators, and how to get there. " * 3)
        EventFactory()
        ProcessFactory()


@pytest.fixture
def first_visit(browser, live_server):
    """Opens a page as an anonymous visitor's first visit, with every response the page caused."""
    contexts = []

    def visit(path, device_scale_factor=1):
        # A new context starts with an empty cache.
        context = browser.new_context(
            locale="en-GB", viewport=DESKTOP, device_scale_factor=device_scale_factor
        )
        contexts.append(context)
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(live_server.url + path)
        # A visitor who scrolls to the end also loads the lazy images.
        for image in page.locator("img").all():
            image.scroll_into_view_if_needed()
        page.wait_for_function("[...document.images].every((image) => image.complete)")
        page.wait_for_load_state("networkidle")
        transfers = []
        for response in responses:
            response.finished()
            sizes = response.request.sizes()
            transfers.append(
                Transfer(
                    url=response.url.removeprefix(live_server.url),
                    status=response.status,
                    kind=response.request.resource_type,
                    size=sizes["responseHeadersSize"] + sizes["responseBodySize"],
                )
            )
        return page, transfers

    yield visit
    for context in contexts:
        context.close()


def assert_all_arrived(transfers):
    """A missing stylesheet or image would make a page look lighter than it is."""
    failed = [transfer for transfer in transfers if transfer.status >= 400]
    assert not failed, f"failed responses:\n{report(failed)}"


def test_the_home_page_weighs_at_most_300_kb_on_a_first_visit(full_home, first_visit):
    page, transfers = first_visit("/en/")

    assert page.get_by_role("heading", name="Latest advocacy").is_visible()
    assert_all_arrived(transfers)
    assert {transfer.kind for transfer in transfers} >= {"document", "stylesheet", "image"}
    weight = total(transfers)
    assert weight <= HOME_BUDGET, (
        f"the home page transferred {weight} B, over {HOME_BUDGET} B:\n{report(transfers)}"
    )


@pytest.mark.parametrize("device_scale_factor", [1, 2], ids=["standard", "high-density"])
def test_the_roster_weighs_at_most_200_kb_plus_small_thumbnails(
    crowded_roster, first_visit, device_scale_factor
):
    page, transfers = first_visit("/en/mediators/", device_scale_factor)

    assert page.get_by_role("heading", name=f"{ROSTER_SIZE} mediators").is_visible()
    assert_all_arrived(transfers)
    photos = [transfer for transfer in transfers if transfer.url.startswith("/photos/")]
    rest = [transfer for transfer in transfers if transfer not in photos]
    weight = total(rest)
    assert weight <= ROSTER_BUDGET, (
        f"the roster transferred {weight} B without thumbnails, over {ROSTER_BUDGET} B "
        f"(with thumbnails {total(transfers)} B):\n{report(transfers)}"
    )

    # Every card's photo came, and only in the small size.
    chosen = page.locator("img.mediator-card__photo").evaluate_all(
        "(images) => images.map((image) => image.currentSrc)"
    )
    assert len(chosen) == RosterView.paginate_by
    large = [url for url in chosen if not THUMBNAIL.search(url)]
    assert not large, f"cards chose a large photo: {large}"
    assert len(photos) == len(chosen), f"expected {len(chosen)} thumbnails:\n{report(photos)}"
    large = [transfer for transfer in photos if not THUMBNAIL.search(transfer.url)]
    assert not large, f"the roster fetched large photos:\n{report(large)}"


BLOCKING_SCRIPTS = """() => [...document.head.querySelectorAll("script")]
    .filter((script) => {
        const type = script.type.trim().toLowerCase();
        const classic = ["", "text/javascript", "application/javascript"].includes(type);
        if (!classic) return false;  // modules are deferred, data blocks do not run
        return !script.src || !(script.hasAttribute("async") || script.hasAttribute("defer"));
    })
    .map((script) => script.outerHTML.slice(0, 200))"""


@pytest.mark.parametrize("path", ["/en/", "/en/mediators/", "profile"])
def test_no_script_blocks_rendering(path, showcase, first_visit):
    if path == "profile":
        path = showcase.get_absolute_url()
    page, transfers = first_visit(path)

    assert_all_arrived(transfers)
    assert page.evaluate(BLOCKING_SCRIPTS) == []
