"""The insights' charts read on a phone and on a desktop: their words are text of at least
12 pixels, whatever the width, and nothing spills out of the screen."""

import datetime

import pytest

from processes.models import Agreement
from processes.record import ParticipationFigure
from tests.factories import ProcessFactory, add_country

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 768)])
@pytest.mark.parametrize("language", ["en", "de"])
def test_chart_words_are_at_least_12_pixels(page, live_server, width, height, language):
    process = ProcessFactory(name="Charted talks")
    add_country(process, "SO")
    for year, role, women in (
        (2001, "mediators", 1),
        (2012, "mediators", 3),
        (2012, "signatories", 2),
    ):
        ParticipationFigure.objects.create(
            process=process,
            role=role,
            total=10,
            women=women,
            source="s",
            as_of=datetime.date(year, 1, 1),
        )
    for year, gendered in ((2015, True), (2015, False), (2016, True)):
        Agreement.objects.create(
            process=process,
            name=f"Accord {year}",
            date=datetime.date(year, 1, 1),
            gender_provisions=gendered,
        )
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/{language}/processes/insights/")

    words = page.locator(
        ".bars__label, .bars__value, .trend__axis li, .trend__periods li, .trend__legend li"
    )
    assert words.count() >= 10
    sizes = words.evaluate_all(
        "(items) => items.map((item) => parseFloat(getComputedStyle(item).fontSize))"
    )
    assert min(sizes) >= 12, sizes
    # The chart fits the screen: no word starts or ends beyond its edges.
    edges = words.evaluate_all(
        "(items) => items.map((item) => item.getBoundingClientRect())"
        ".map((box) => [box.left, box.right])"
    )
    assert all(left >= 0 and right <= width for left, right in edges), edges
    assert page.evaluate("document.documentElement.scrollWidth") <= width
