"""Agreements as data: a list to filter, count and download, and a page for each."""

import csv
import datetime
import io

import pytest

from processes.models import Agreement
from processes.record import ParticipationFigure
from tests.conftest import PAGE_VERSION, client_for
from tests.factories import ProcessFactory, add_country

pytestmark = pytest.mark.django_db

LIST = "/en/processes/agreements/"


@pytest.fixture
def agreements():
    somalia = ProcessFactory(name="Mogadishu talks", slug="mogadishu")
    add_country(somalia, "SO")
    colombia = ProcessFactory(name="Havana talks", slug="havana")
    add_country(colombia, "CO")
    draft = ProcessFactory(name="Secret talks", slug="secret", status="draft")
    add_country(draft, "SO")

    def agreement(process, name, year, **fields):
        return Agreement.objects.create(
            process=process, name=name, date=datetime.date(year, 6, 1), **fields
        )

    made = {
        "truce": agreement(somalia, "Mogadishu truce", 2012, stage="ceasefire"),
        "charter": agreement(
            somalia, "Mogadishu charter", 2018, stage="framework", gender_provisions=True
        ),
        "havana": agreement(
            colombia,
            "Final agreement",
            2016,
            stage="comprehensive",
            conflict_level="intra",
            gender_provisions=True,
            source_url="https://www.peaceagreements.org/view/1845",
            pax_id=1845,
        ),
        "secret": agreement(draft, "Secret accord", 2020),
    }
    ParticipationFigure.objects.create(
        agreement=made["havana"],
        role="signatories",
        total=10,
        women=3,
        source="PA-X",
        as_of=datetime.date(2016, 11, 24),
    )
    return made


def names(params, user=None):
    response = client_for(user).get(LIST, params)
    assert response.status_code == 200
    return {agreement.name for agreement in response.context["agreements"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Mogadishu truce", "Mogadishu charter", "Final agreement"}),
        ({"q": "mogadishu"}, {"Mogadishu truce", "Mogadishu charter"}),
        ({"year_from": "2015"}, {"Mogadishu charter", "Final agreement"}),
        ({"year_to": "2016"}, {"Mogadishu truce", "Final agreement"}),
        ({"region": "horn-of-africa"}, {"Mogadishu truce", "Mogadishu charter"}),
        ({"region": "005"}, {"Final agreement"}),  # South America
        ({"country": ["CO"]}, {"Final agreement"}),
        ({"stage": ["ceasefire", "comprehensive"]}, {"Mogadishu truce", "Final agreement"}),
        ({"level": "intra"}, {"Final agreement"}),
        ({"gender": "on"}, {"Mogadishu charter", "Final agreement"}),
        ({"process": "mogadishu"}, {"Mogadishu truce", "Mogadishu charter"}),
    ],
)
def test_the_filters(agreements, params, expected):
    assert names(params) == expected


def test_a_draft_process_keeps_its_agreements_from_the_public(agreements, staff):
    assert "Secret accord" not in names({})
    assert "Secret accord" in names({}, staff)
    url = agreements["secret"].get_absolute_url()
    assert client_for(None).get(url).status_code == 404
    assert client_for(staff).get(url).status_code == 200


def test_counts_and_bad_filters(agreements, client):
    response = client.get(LIST, {"gender": "on"})
    assert response.context["paginator"].count == 2
    assert response.context["facets"]["stage"] == {"framework": 1, "comprehensive": 1}
    assert "2 agreements" in response.content.decode()
    bad = client.get(LIST, {"year_from": "2020", "year_to": "2010"})
    assert bad.status_code == 400 and not bad.context["agreements"]


def test_the_download_follows_the_filters(agreements, client):
    response = client.get("/en/processes/agreements/export.csv", {"gender": "on"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Name", "Address", "Date"]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Mogadishu charter", "Final agreement"}
    final = by_name["Final agreement"]
    assert final[2:7] == [
        "2016-06-01",
        "Comprehensive agreement",
        "Intra-state",
        "yes",
        "Havana talks",
    ]
    assert final[7:] == ["Colombia", "1845", "https://www.peaceagreements.org/view/1845"]
    bad = client.get("/en/processes/agreements/export.csv", {"stage": "nothing"})
    assert bad.status_code == 400


def test_an_agreement_has_its_page(agreements, client):
    page = client.get(agreements["havana"].get_absolute_url()).content.decode()
    for text in (
        "Final agreement",
        "Havana talks",
        "Colombia",
        "Comprehensive agreement",
        "https://www.peaceagreements.org/view/1845",
        "PA-X agreement 1845",
        "<td>3</td>",  # women among the signatories
    ):
        assert text in page
    # A screen reader names the table of figures, as on the process's page.
    table = page[page.index("<table") : page.index("</table>")]
    assert '<caption class="visually-hidden">Participation figures</caption>' in table
    process = client.get("/en/processes/havana/").content.decode()
    assert agreements["havana"].get_absolute_url() in process
    assert "/en/processes/agreements/?process=havana" in process


def test_a_hostile_name_is_text(client):
    process = ProcessFactory(name="<b>Talks</b>", slug="bold")
    agreement = Agreement.objects.create(process=process, name='<script>alert("x")</script>')
    for url in (LIST, agreement.get_absolute_url()):
        body = client.get(url).content.decode()
        assert '<script>alert("x")' not in body and "&lt;script&gt;" in body


def test_a_card_gives_day_stage_and_process_and_marks_english_names_on_german_pages(client):
    process = ProcessFactory(name="Juba talks", slug="juba")
    agreement = Agreement.objects.create(
        process=process,
        name="Juba accord",
        date=datetime.date(2020, 10, 3),
        stage="comprehensive",
        gender_provisions=True,
    )
    english = client.get(LIST).content.decode()
    assert (
        f'<a href="{agreement.get_absolute_url()}">Juba accord</a></h3><p>Oct. 3, 2020 &middot; '
        'Comprehensive agreement &middot; <a href="/en/processes/juba/">Juba talks</a> '
        '<span class="badge badge--gender">provisions on women and gender</span></p>'
    ) in english
    german = client.get("/de" + LIST[3:]).content.decode()
    assert "<p>3. Oktober 2020 &middot; " in german
    assert '<a href="/de/processes/juba/" lang="en">Juba talks</a>' in german


def test_cards_sharing_a_page_each_name_their_own_stage_and_process(client):
    """The cards of a page write each stage and process once and share them: each card still
    names its own, and one without a stage names none."""
    juba, doha = ProcessFactory(name="Juba talks", slug="juba"), ProcessFactory(name="Doha talks")
    for day, process, name, stage in [
        (4, juba, "Juba truce", "ceasefire"),
        (3, doha, "Doha truce", "ceasefire"),
        (2, juba, "Juba accord", "comprehensive"),
        (1, doha, "Doha note", ""),
    ]:
        Agreement.objects.create(
            process=process, name=name, date=datetime.date(2020, 10, day), stage=stage
        )
    body = client.get(LIST).content.decode()
    cards = [card.split("</li>")[0] for card in body.split('<li class="card">')[1:]]
    shown = [(card.split("</a></h3>")[0].rsplit(">", 1)[1], card.split("<p>")[1]) for card in cards]
    assert shown == [
        (
            "Juba truce",
            'Oct. 4, 2020 &middot; Ceasefire &middot; <a href="/en/processes/juba/">'
            "Juba talks</a></p>",
        ),
        (
            "Doha truce",
            f'Oct. 3, 2020 &middot; Ceasefire &middot; <a href="{doha.get_absolute_url()}">'
            "Doha talks</a></p>",
        ),
        (
            "Juba accord",
            "Oct. 2, 2020 &middot; Comprehensive agreement &middot; <a href="
            '"/en/processes/juba/">Juba talks</a></p>',
        ),
        (
            "Doha note",
            f'Oct. 1, 2020 &middot; <a href="{doha.get_absolute_url()}">Doha talks</a></p>',
        ),
    ]


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_reads_a_fixed_number_of_queries(count, client, django_assert_num_queries):
    process = ProcessFactory(name="Many accords")
    add_country(process, "KE")
    for number in range(count):
        Agreement.objects.create(process=process, name=f"Accord {number}", stage="ceasefire")
    # The page cache's version, the count with the facets, the page of agreements, the PA-X
    # release it cites.
    with django_assert_num_queries(PAGE_VERSION + 3):
        response = client.get(LIST, {"region": "horn-of-africa", "stage": "ceasefire"})
    assert response.context["paginator"].count == count


def test_every_figure_of_the_insights_opens_the_list_it_counts(agreements, client):
    from processes.models import Engagement
    from tests.factories import MediatorFactory

    Engagement.objects.create(
        mediator=MediatorFactory(),
        process=agreements["havana"].process,
        role="adviser",
        confidentiality="named",
    )
    page = client.get("/en/processes/insights/").content.decode()
    gendered_2016 = "/en/processes/agreements/?gender=on&amp;year_from=2016&amp;year_to=2016"
    assert f'<a href="{gendered_2016}">2016</a>' in page
    assert '<a href="/en/processes/?women_in=signatories">' in page
    assert '<a href="/en/processes/?region=019">' in page  # the Americas, by Colombia's figure
    assert '<a href="/en/processes/?track=1&amp;network=on">' in page
    listed = client.get(gendered_2016.replace("&amp;", "&"))
    assert {agreement.name for agreement in listed.context["agreements"]} == {"Final agreement"}


@pytest.mark.parametrize("figures", [1, 12])
def test_an_agreement_s_page_reads_a_fixed_number_of_queries(
    figures, client, django_assert_max_num_queries
):
    process = ProcessFactory(name="Figured talks")
    for code in ("KE", "SO", "ET"):
        add_country(process, code)
    agreement = Agreement.objects.create(process=process, name="Figured accord")
    for number in range(figures):
        ParticipationFigure.objects.create(
            agreement=agreement,
            role="signatories",
            total=10 + number,
            women=number,
            source="PA-X",
            as_of=datetime.date(2000 + number, 1, 1),
        )
    # The page cache's version, the agreement with its process, its countries, its parties,
    # its figures.
    with django_assert_max_num_queries(PAGE_VERSION + 4):
        response = client.get(agreement.get_absolute_url())
    assert response.status_code == 200


def test_agreements_without_a_date_come_after_the_dated_ones(client):
    """Newest first: on PostgreSQL an agreement without a date came before every dated one, in
    the list and in its feed."""
    process = ProcessFactory(name="Ordered talks")
    Agreement.objects.create(process=process, name="Undated accord")
    Agreement.objects.create(process=process, name="Older accord", date=datetime.date(2001, 1, 1))
    Agreement.objects.create(process=process, name="Newer accord", date=datetime.date(2020, 1, 1))
    listed = [agreement.name for agreement in client.get(LIST).context["agreements"]]
    assert listed == ["Newer accord", "Older accord", "Undated accord"]
    feed = client.get("/en/processes/agreements/feed.atom").content.decode()
    assert feed.index("Newer accord") < feed.index("Older accord") < feed.index("Undated accord")
