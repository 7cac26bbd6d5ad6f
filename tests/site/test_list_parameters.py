"""A list keeps, from the address it was read from, only what it reads: its filters and its
order. A campaign's link (utm_source=newsletter) or any other parameter followed the reader from
page to page, into the feed she subscribed to and the search she saved, and made the whole list
count as a search."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import client_for
from tests.factories import MediatorFactory, ProcessFactory
from tests.site.test_saved_searches import save

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CAMPAIGN = "utm_source=newsletter&utm_campaign=dec"


@pytest.fixture
def roster():
    for number in range(30):
        MediatorFactory(display_name=f"Person {number:02}", headline="Adviser on talks")


def test_a_list_s_links_keep_its_search_and_nothing_else(member, roster):
    """Its pages, its feed, its chips and the form that saves it. The links to the same page in
    another language and back from signing in keep the address as it came, as they should."""
    response = client_for(member).get(f"/en/mediators/?q=talks&{CAMPAIGN}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'rel="next" href="?q=talks&amp;page=2"' in html
    assert 'href="/en/mediators/feed.atom?q=talks"' in html
    assert 'name="query" value="q=talks"' in html
    (chip,) = response.context["chips"]
    assert chip["url"] == "/en/mediators/?"
    assert re.findall(r'href="(?:\?|/en/mediators/)[^"]*utm_', html) == []


def test_a_campaign_s_link_to_a_list_is_the_whole_list(client, roster):
    whole = client.get("/en/mediators/")
    campaign = client.get(f"/en/mediators/?{CAMPAIGN}")
    assert campaign.context["is_filtered"] is False
    assert campaign.context["chips"] == []
    assert [card.name for card in campaign.context["cards"]] == [
        card.name for card in whole.context["cards"]
    ]
    html = campaign.content.decode()
    assert 'rel="next" href="?page=2"' in html
    assert 'href="/en/mediators/feed.atom"' in html


@pytest.mark.parametrize(
    ("path", "search"),
    [
        ("/en/mediators/feed.atom", "track=1"),
        ("/en/processes/feed.atom", "track=1"),
        ("/en/processes/agreements/feed.atom", "gender=on"),
    ],
)
def test_a_feed_names_itself_and_its_list_by_their_search_alone(client, path, search):
    ProcessFactory()
    response = client.get(f"{path}?{search}&{CAMPAIGN}")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == f"http://testserver{path}?{search}"
    assert links["alternate"].endswith(f"?{search}")


def test_a_search_saved_from_a_campaign_s_link_is_the_search(member):
    client = client_for(member)
    save(client, f"language=ar&{CAMPAIGN}")
    (search,) = member.saved_searches.all()
    assert search.query == "language=ar"
    again = save(client, "language=ar").content.decode()
    assert "You have saved this search already." in again
    assert member.saved_searches.count() == 1
