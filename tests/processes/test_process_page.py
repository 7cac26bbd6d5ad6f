"""A process's own page: what it shows, and its cost in queries."""

import datetime

import pytest
from django.utils import translation

from processes.models import Agreement, Engagement, ProcessLink
from processes.record import ParticipationFigure, Party, ProcessParty
from tests.conftest import PAGE_VERSION
from tests.factories import MediatorFactory, ProcessFactory, add_country

pytestmark = pytest.mark.django_db


def test_detail_shows_parties_instruments_links_both_ways(client, catalogue):
    north, coast, draft = catalogue["north"], catalogue["coast"], catalogue["draft"]
    ProcessLink.objects.create(source=coast, target=north, kind="accompanies")
    ProcessLink.objects.create(source=draft, target=north, kind="feeds-into")
    government = Party.objects.create(name="Government of Sudan", kind="government")
    movement = Party.objects.create(name="Highland Movement", kind="armed-group")
    union = Party.objects.create(name="African Union", kind="regional")
    for party, role in [
        (government, "conflict-party"),
        (movement, "conflict-party"),
        (union, "mediator"),
    ]:
        ProcessParty.objects.create(process=north, party=party, role=role)
    html = client.get(north.get_absolute_url()).content.decode()
    assert (
        "Conflict party" in html and "Government of Sudan" in html and "Highland Movement" in html
    )
    assert "Mediator or third party" in html and "African Union" in html
    assert "Good offices" in html
    assert "is accompanied by" in html and coast.get_absolute_url() in html
    assert "Secret draft talks" not in html, "a link to a draft stays hidden"
    back = client.get(coast.get_absolute_url()).content.decode()
    assert "This process accompanies" in back and north.get_absolute_url() in back


@pytest.mark.parametrize("size", [1, 12])
def test_detail_runs_in_a_fixed_number_of_queries(client, size, django_assert_max_num_queries):
    process = ProcessFactory()
    for number in range(size):
        add_country(
            process,
            ["SD", "CO", "AM", "KE", "ML", "NE", "TD", "SO", "ET", "ER", "UG", "RW"][number],
        )
        other = ProcessFactory(track="2")
        ProcessLink.objects.create(source=other, target=process, kind="accompanies")
        party = Party.objects.create(name=f"Party {number}")
        ProcessParty.objects.create(process=process, party=party, role="conflict-party")
        agreement = Agreement.objects.create(
            process=process, name=f"Agreement {number}", date=datetime.date(2016, 1, 1 + number)
        )
        ParticipationFigure.objects.create(
            agreement=agreement,
            role="signatories",
            total=5,
            women=1,
            source="s",
            as_of=datetime.date(2016, 1, 1),
        )
        Engagement.objects.create(
            mediator=MediatorFactory(), process=process, role="lead", confidentiality="named"
        )
    ProcessLink.objects.create(source=process, target=ProcessFactory(track="3"), kind="feeds-into")
    # The process with its six kinds of related rows, the figures of the process and of its
    # agreements, the engagements, the links both ways.
    with django_assert_max_num_queries(10 + PAGE_VERSION):
        response = client.get(process.get_absolute_url())
    page = response.content.decode()
    assert page.count("is accompanied by") == size
    assert page.count("<td>Signatories</td>") == size
    assert "feeds into" in page


# A process with agreements alone: the process, its countries, sources and agreements, and the
# engagements and links the visitor may see.
PROCESS_ALONE = 6


def test_a_process_with_only_agreements_asks_for_little_else(client, django_assert_num_queries):
    """Most processes (those of PA-X) have no milestones, parties, instruments or figures: the
    page asks for the process, its countries, sources and agreements, and the engagements and
    links the visitor may see."""
    process = ProcessFactory()
    Agreement.objects.create(process=process, name="Accord", date=datetime.date(2016, 1, 1))
    with django_assert_num_queries(PROCESS_ALONE + PAGE_VERSION):
        page = client.get(process.get_absolute_url()).content.decode()
    assert 'id="agreements-title"' in page and "Accord" in page
    assert 'id="timeline-title"' in page, "the agreement's day is on the timeline"
    for section in ("parties", "instruments", "network", "figures", "links"):
        assert f'id="{section}-title"' not in page


@pytest.mark.parametrize("kind", ["own", "of an agreement"])
def test_figures_are_shown_whether_the_process_or_an_agreement_has_them(client, kind):
    process = ProcessFactory()
    agreement = Agreement.objects.create(process=process, name="Accord")
    owner = {"process": process} if kind == "own" else {"agreement": agreement}
    ParticipationFigure.objects.create(
        **owner, role="negotiators", total=8, women=2, source="UN", as_of=datetime.date(2016, 3, 5)
    )
    page = client.get(process.get_absolute_url()).content.decode()
    assert 'id="figures-title"' in page and "<td>8</td><td>2</td>" in page


def test_engagements_and_links_the_visitor_may_not_see_change_nothing_on_the_page(
    client, django_assert_num_queries
):
    """A process has an engagement and a link, but neither is for the public: the page asks what
    it asks of a process without them, so not even how long it takes tells of them."""
    process = ProcessFactory()
    hidden = MediatorFactory()
    Engagement.objects.create(
        mediator=hidden, process=process, role="lead", confidentiality="staff"
    )
    draft = ProcessFactory(track="2", status="draft")
    ProcessLink.objects.create(source=draft, target=process, kind="accompanies")
    with django_assert_num_queries(PROCESS_ALONE + PAGE_VERSION):
        page = client.get(process.get_absolute_url()).content.decode()
    assert 'id="network-title"' not in page and hidden.display_name not in page
    assert 'id="links-title"' not in page and draft.name not in page


@pytest.mark.parametrize(("language", "shown"), [("en", "March 5, 2016"), ("de", "5. März 2016")])
def test_the_timeline_and_the_agreements_give_each_day_as_the_language_writes_it(
    client, language, shown
):
    process = ProcessFactory()
    process.milestones.create(
        date=datetime.date(2016, 3, 5), title="Talks open", description="In Nairobi."
    )
    Agreement.objects.create(process=process, name="Ceasefire", date=datetime.date(2016, 3, 5))
    Agreement.objects.create(process=process, name="Undated understanding", date=None)
    page = client.get(f"/{language}{process.get_absolute_url()[3:]}").content.decode()
    assert page.count(f'<time datetime="2016-03-05">{shown}</time>') == 2
    assert f"Ceasefire</a> ({shown})" in page
    assert "Undated understanding</a></li>" in page


@pytest.mark.parametrize(
    ("language", "day", "share"),
    [("en", "March 5, 2016", "25%"), ("de", "5. März 2016", "25\N{NO-BREAK SPACE}%")],
)
def test_the_figures_read_in_the_pages_language(client, language, day, share):
    process = ProcessFactory()
    ParticipationFigure.objects.create(
        process=process,
        role="negotiators",
        total=8,
        women=2,
        source="UN",
        as_of=datetime.date(2016, 3, 5),
    )
    page = client.get(f"/{language}{process.get_absolute_url()[3:]}").content.decode()
    with translation.override(language):
        role = str(ParticipationFigure.Role.NEGOTIATORS.label)
    assert f"<tr><td>{role}</td><td>8</td><td>2</td><td>{share}</td><td>{day}</td>" in page


def test_the_timeline_and_the_agreements_escape_their_words_and_mark_english_names(client):
    process = ProcessFactory()
    process.milestones.create(
        date=datetime.date(2016, 3, 5), title="Talks <open>", description="In Nairobi & Mombasa."
    )
    agreement = Agreement.objects.create(
        process=process, name="Accord <b>", date=datetime.date(2016, 3, 5), gender_provisions=True
    )
    with translation.override("de"):
        page = client.get(process.get_absolute_url()).content.decode()
        address = agreement.get_absolute_url()
        badge = translation.gettext("provisions on women and gender")
    assert badge != "provisions on women and gender"
    assert 'Talks &lt;open&gt;<br><span class="muted">In Nairobi &amp; Mombasa.</span></li>' in page
    assert (
        f'<li><a href="{address}" lang="en">Accord &lt;b&gt;</a> (5. März 2016)'
        f' <span class="badge badge--gender">{badge}</span></li>'
    ) in page


def test_the_agreements_are_listed_by_day_each_marked_where_it_has_gender_provisions(client):
    process = ProcessFactory()
    later = Agreement.objects.create(
        process=process, name="Final accord", date=datetime.date(2019, 6, 1), gender_provisions=True
    )
    earlier = Agreement.objects.create(
        process=process, name="Ceasefire", date=datetime.date(2016, 3, 5)
    )
    Agreement.objects.create(process=ProcessFactory(), name="Another process's accord")
    page = client.get(process.get_absolute_url()).content.decode()
    section = page[page.index('id="agreements-title"') :]
    assert section.index("Ceasefire") < section.index("Final accord")
    assert f'<li><a href="{earlier.get_absolute_url()}">Ceasefire</a> (March 5, 2016)</li>' in page
    assert (
        f'<li><a href="{later.get_absolute_url()}">Final accord</a> (June 1, 2019)'
        ' <span class="badge badge--gender">provisions on women and gender</span></li>'
    ) in page
    assert "Another process" not in page
    bare = client.get(ProcessFactory().get_absolute_url()).content.decode()
    assert 'id="agreements-title"' not in bare


@pytest.mark.parametrize(
    ("language", "countries", "regions"),
    [
        ("en", "Kenya, Somalia, Yemen", "Eastern Africa, Western Asia"),
        ("de", "Kenia, Somalia, Jemen", "Ostafrika, Westasien"),
    ],
)
def test_the_page_names_its_countries_regions_and_sources_in_its_language(
    client, language, countries, regions
):
    process = ProcessFactory()
    for country in ("YE", "SO", "KE"):
        add_country(process, country)
    process.sources.create(title="UN report <2019>", url="https://example.org/report")
    process.sources.create(title="Interview notes")
    with translation.override(language):
        page = client.get(process.get_absolute_url()).content.decode()
    assert f"<dd>{countries}</dd>" in page
    assert f"<dd>{regions}</dd>" in page
    assert (
        '<li><a href="https://example.org/report" rel="noopener">UN report &lt;2019&gt;</a></li>'
        in page
    )
    assert "<li>Interview notes</li>" in page
    bare = client.get(ProcessFactory().get_absolute_url()).content.decode()
    assert 'id="sources-title"' not in bare and "<dt>Countries</dt>" not in bare
