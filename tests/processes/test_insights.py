"""The insights: charts, tables and their downloads, counted right and cheaply."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from processes.models import Agreement
from processes.record import ParticipationFigure
from tests.factories import ProcessFactory, add_country

pytestmark = pytest.mark.django_db


def test_insights_show_charts_tables_and_csv(client, catalogue):
    north = catalogue["north"]
    Agreement.objects.create(
        process=north, name="Ceasefire", date=datetime.date(2015, 5, 1), gender_provisions=True
    )
    Agreement.objects.create(process=north, name="Protocol", date=datetime.date(2015, 9, 1))
    Agreement.objects.create(
        process=catalogue["draft"],
        name="Draft accord",
        date=datetime.date(2015, 9, 1),
        gender_provisions=True,
    )
    ParticipationFigure.objects.create(
        process=catalogue["draft"],
        role="negotiators",
        total=10,
        women=9,
        source="x",
        as_of=datetime.date(2016, 1, 1),
    )
    response = client.get(reverse("processes:insights"))
    html = response.content.decode()
    assert response.status_code == 200
    # Four charts, each with its table: three of bars, and the shares by role as lines.
    assert html.count('<ol class="bars">') == 3 and html.count('<div class="trend">') == 1
    assert html.count("<table") == 4
    # A year's share of agreements with gender provisions, drawn as a share, its counts beside.
    assert '<rect class="bars__bar" width="50" height="10">' in html
    assert "1 of 2 (50%)" in html
    # One line per role, its latest share in the legend.
    assert html.count('<polyline class="trend__line') == 1
    assert "Mediators: 25%" in html
    # Its axis in the page's language: "100%", where it read "100 %" in German's way.
    assert '<ul class="trend__axis" aria-hidden="true"><li>100%</li><li>50%</li><li>0%</li>' in html
    assert "1 of 2 agreements (50%)" in html, "drafts are not counted"
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("processes:insights_csv", args=["gender-provisions"])
                ).content.decode()
            )
        )
    )
    assert rows == [
        ["Year", "Agreements", "With gender provisions", "Share (%)"],
        ["2015", "2", "1", "50"],
    ]
    share = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("processes:insights_csv", args=["share-by-role"])
                ).content.decode()
            )
        )
    )
    assert share[1:] == [["2015\N{EN DASH}2019", "Mediators", "4", "1", "25"]]
    assert client.get("/en/processes/insights/nothing.csv").status_code == 404


@pytest.mark.parametrize("size", [1, 20])
def test_insights_run_in_a_fixed_number_of_queries(
    client, size, settings, django_assert_max_num_queries
):
    for number in range(size):
        process = ProcessFactory()
        add_country(process, "SD")
        ParticipationFigure.objects.create(
            process=process,
            role="mediators",
            total=5,
            women=1,
            source="s",
            as_of=datetime.date(2000 + number, 1, 1),
        )
        Agreement.objects.create(process=process, name="A", date=datetime.date(2000 + number, 1, 1))
    settings.PAGE_CACHE_SECONDS = 0
    # The first visit counts the tables (after reading the content's version)...
    with django_assert_max_num_queries(9):
        first = client.get(reverse("processes:insights"))
    # ...the next reads them as counted: the version and the PA-X release it cites.
    with django_assert_max_num_queries(2):
        again = client.get(reverse("processes:insights"))
    assert again.content == first.content and first.status_code == 200


def test_a_figure_counts_once_per_region_however_many_countries(client):
    process = ProcessFactory()
    add_country(process, "AM")
    add_country(process, "AZ")  # both in Western Asia
    ParticipationFigure.objects.create(
        process=process,
        role="negotiators",
        total=10,
        women=3,
        source="s",
        as_of=datetime.date(2010, 1, 1),
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("processes:insights_csv", args=["share-by-region"])
                ).content.decode()
            )
        )
    )
    assert rows[1:] == [["Asia", "10", "3", "30"]]


def test_a_trend_draws_each_role_across_the_periods_it_has():
    from processes.insights import Trend

    trend = Trend(
        ["2000-2004", "2005-2009", "2010-2014"],
        [("Mediators", {"2000-2004": 10, "2010-2014": 30}), ("Signatories", {"2005-2009": 0})],
    )
    (mediators, signatories) = trend.lines()
    # A period's x is the middle of its column; 100 % is at the top of the box.
    assert mediators == ("Mediators", "30%", "16.67,90.00 83.33,70.00")
    assert signatories == ("Signatories", "0%", "50.00,100.00")


def test_each_table_links_its_rows_to_what_they_count_in_the_readers_language(client, catalogue):
    north = catalogue["north"]
    Agreement.objects.create(
        process=north, name="Ceasefire", date=datetime.date(2015, 5, 1), gender_provisions=True
    )
    listed = escape(f"{reverse('processes:agreements')}?gender=on&year_from=2015&year_to=2015")
    english = client.get(reverse("processes:insights")).content.decode()
    german = client.get("/de/processes/insights/").content.decode()

    assert f'<tr><td><a href="{listed}">2015</a></td><td>1</td><td>1</td><td>100</td></tr>' in (
        english
    )
    assert '<th scope="col">Year</th>' in english and '<th scope="col">Jahr</th>' in german
    assert "<caption>Agreements with gender provisions per year</caption>" in english
    assert '<a href="/de/processes/agreements/?gender=on&amp;year_from=2015' in german


def _figure(process, total, women, year):
    return ParticipationFigure.objects.create(
        process=process,
        role="negotiators",
        total=total,
        women=women,
        source="count",
        as_of=datetime.date(year, 1, 1),
    )


def test_a_half_share_is_rounded_up_as_readers_round_it(client):
    """1 of 8 (12.5 %) read 12 % beside 3 of 8 (37.5 %) as 38 %: Python rounds a half to the
    even number, and the open data says 12.5."""
    low = ProcessFactory(name="Low")
    _figure(low, 8, 1, 2012)
    _figure(ProcessFactory(name="High"), 8, 3, 2016)
    table = client.get(reverse("processes:insights_csv", args=["share-by-role"]))
    rows = list(csv.reader(io.StringIO(table.content.decode())))[1:]
    assert [(row[0], row[-1]) for row in rows] == [
        ("2010\N{EN DASH}2014", "13"),
        ("2015\N{EN DASH}2019", "38"),
    ]
    page = client.get(low.get_absolute_url()).content.decode()
    assert "<td>13%</td>" in page


def test_nobody_counted_is_no_share_of_women(client):
    """A figure of nobody (0 of 0) read as 0 % women in the insights' table, bar and line,
    where the process's page shows none: a period without figures looked like one without
    women."""
    process = ProcessFactory(name="Uncounted")
    add_country(process, "SD")
    _figure(process, 0, 0, 2019)
    page = client.get(reverse("processes:insights")).content.decode()
    assert "<td>0</td><td>0</td><td>\N{EN DASH}</td>" in page
    assert 'bars__value">0%' not in page and 'bars__value">\N{EN DASH}' in page
    assert "Negotiators" not in page.split('class="trend')[1].split("</figure>")[0]
    assert "The figures published yet count nobody at the table." in page
    table = client.get(reverse("processes:insights_csv", args=["share-by-role"]))
    assert list(csv.reader(io.StringIO(table.content.decode())))[1][-1] == ""


def test_the_gender_provisions_summary_counts_what_the_list_shows(client):
    """Undated agreements, which no year counts, were left out of the summary too: 1 of 1
    where the list and its filter counted 2 of 3."""
    process = ProcessFactory()
    Agreement.objects.create(
        process=process, name="Dated", date=datetime.date(2015, 3, 1), gender_provisions=True
    )
    Agreement.objects.create(process=process, name="Undated with", gender_provisions=True)
    Agreement.objects.create(process=process, name="Undated without")
    page = client.get(reverse("processes:insights")).content.decode()
    assert "2 of 3 agreements (67%) contain provisions on women, girls and gender." in page


def test_the_insights_say_so_when_nothing_is_counted_yet(client):
    page = client.get(reverse("processes:insights")).content.decode()
    assert "The figures published yet count nobody at the table." in page
    assert "No agreements of the catalogue&#x27;s processes are published yet." in page
