"""Every list's search as an Atom feed of its newest matches, as its reader may see them."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from mediators.models import Mediator, RegionalExperience
from processes.models import Agreement
from tests.conftest import client_for
from tests.factories import MediatorFactory, ProcessFactory, add_country

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(path, params=None, user=None):
    response = client_for(user).get(path, params or {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")], feed


def test_the_roster_feed_follows_the_search_newest_first_and_hides_what_the_list_hides(member):
    now = timezone.now()
    for days, name, fields in (
        (3, "Older Kenya", {}),
        (1, "Newer Kenya", {}),
        (2, "Protected Kenya", {"visibility": "protected"}),
        (0, "Hidden Kenya", {"visibility": "hidden"}),
    ):
        mediator = MediatorFactory(display_name=name, regions_audience=0, **fields)
        RegionalExperience(mediator=mediator, country="KE").save()
        Mediator.objects.filter(pk=mediator.pk).update(reviewed_at=now - datetime.timedelta(days))
        mediator.refresh_search()
    MediatorFactory(display_name="Elsewhere")
    titles, feed = entries("/en/mediators/feed.atom", {"region": "014"})
    assert titles == ["Newer Kenya", "Older Kenya"]
    assert "Hidden" not in ET.tostring(feed, encoding="unicode")
    link = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert link.endswith("/en/mediators/?region=014")
    member_titles, _feed = entries("/en/mediators/feed.atom", {"region": "014"}, member)
    assert member_titles == ["Newer Kenya", "Protected Kenya", "Older Kenya"]
    page = client_for(None).get("/en/mediators/", {"region": "014"}).content.decode()
    assert 'href="/en/mediators/feed.atom?region=014"' in page


def test_the_public_feed_leaves_out_a_protected_profile_which_the_roster_shows(client):
    """The feed dates each entry to the day she was listed, and anyone may poll it: for a
    protected profile, that day joined with anything public about her could link her
    pseudonym to her name. The roster still shows her pseudonymous card."""
    protected = MediatorFactory(display_name="Protected Kenya", visibility="protected")
    protected.refresh_search()
    titles, feed = entries("/en/mediators/feed.atom")
    assert titles == []
    text = ET.tostring(feed, encoding="unicode")
    assert protected.pseudonym not in text
    assert protected.slug not in text
    roster = client.get("/en/mediators/").content.decode()
    assert protected.pseudonym in roster


def test_the_catalogue_and_agreements_feeds(client):
    older = ProcessFactory(name="Older talks")
    add_country(older, "SO")
    newer = ProcessFactory(name="Newer talks")
    add_country(newer, "SO")
    ProcessFactory(name="Secret talks", status="draft")
    titles, _feed = entries("/en/processes/feed.atom", {"region": "horn-of-africa"})
    assert titles == ["Newer talks", "Older talks"]
    Agreement.objects.create(process=older, name="Truce", date=datetime.date(2010, 1, 1))
    Agreement.objects.create(process=newer, name="Accord", date=datetime.date(2020, 1, 1))
    titles, _feed = entries("/en/processes/agreements/feed.atom")
    assert titles == ["Accord", "Truce"]


def test_the_agreements_feed_tells_of_those_added_last_as_the_digest_does():
    """By their signing dates, the agreements a PA-X release adds, most signed years ago, never
    reached the feed, while the digest of the same search told of them."""
    process = ProcessFactory(name="Long talks")
    long_ago = timezone.now() - datetime.timedelta(days=30)
    for number in range(1, 26):
        signed = datetime.date(2020, 1, number)
        Agreement.objects.create(process=process, name=f"Old {number}", date=signed)
    Agreement.objects.update(added_at=long_ago)
    Agreement.objects.create(process=process, name="Newly added", date=datetime.date(2006, 11, 9))
    titles, feed = entries("/en/processes/agreements/feed.atom")
    assert titles[0] == "Newly added"
    assert "Long talks, signed on Nov. 9, 2006" in feed.find(f"{ATOM}entry/{ATOM}summary").text


@pytest.mark.parametrize(
    "path",
    [
        "/en/mediators/feed.atom",
        "/en/processes/feed.atom",
        "/en/processes/agreements/feed.atom",
        "/en/advocacy/feed/atom/",
    ],
)
def test_every_feed_has_its_author_and_every_entry_its_date(path):
    """Atom (RFC 4287) asks for both: the list feeds gave no entry an updated date, an agreement
    without a date had none at all, and no feed named an author; validators refused them."""
    process = ProcessFactory(name="Dated talks")
    Agreement.objects.create(process=process, name="Undated accord")
    MediatorFactory(display_name="Listed Lena")
    from tests.factories import ArticleFactory

    ArticleFactory(title="An article by nobody in particular")
    titles, feed = entries(path)
    assert titles, path
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Women in Peace Mediation Network"
    for entry in feed.iter(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}updated"), (path, entry.findtext(f"{ATOM}title"))


@pytest.mark.parametrize(
    "path",
    [
        "/en/mediators/feed.atom?region=atlantis",
        "/en/processes/feed.atom?track=9",
        "/en/processes/agreements/feed.atom?year_from=2020&year_to=2000",
    ],
)
def test_a_feed_of_filters_it_cannot_read_is_refused(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()


@pytest.mark.parametrize("count", [2, 25])
def test_each_feed_reads_a_fixed_number_of_queries(count, django_assert_max_num_queries):
    for number in range(count):
        mediator = MediatorFactory(display_name=f"Feed mediator {number}", regions_audience=0)
        RegionalExperience(mediator=mediator, country="KE").save()
        process = ProcessFactory(name=f"Feed talks {number}")
        add_country(process, "KE")
        Agreement.objects.create(process=process, name=f"Feed accord {number}")
    for path in (
        "/en/mediators/feed.atom?region=014",
        "/en/processes/feed.atom?region=014",
        "/en/processes/agreements/feed.atom?region=014",
    ):
        # The rows with what the entries show (no query per entry).
        with django_assert_max_num_queries(2):
            titles, _feed = entries(path)
        assert len(titles) == min(count, 20), path


def test_hostile_names_stay_text_in_every_feed():
    """Names holding markup and template syntax reach a feed reader as the text they are."""
    from tests.e2e.hostile import PAYLOADS

    names = [payload[:200] for payload in PAYLOADS[:20]]
    for number, name in enumerate(names):
        process = ProcessFactory(name=name, slug=f"hostile-{number}")
        add_country(process, "KE")
        Agreement.objects.create(process=process, name=name)
        mediator = MediatorFactory(display_name=name, regions_audience=0)
        RegionalExperience(mediator=mediator, country="KE").save()
    for path in (
        "/en/mediators/feed.atom",
        "/en/processes/feed.atom",
        "/en/processes/agreements/feed.atom",
    ):
        titles, _feed = entries(path, {"country": "KE"})
        assert sorted(titles) == sorted(names), path


FEEDS = [
    "/en/mediators/feed.atom",
    "/en/processes/feed.atom",
    "/en/processes/agreements/feed.atom",
    "/en/advocacy/feed/atom/",
    "/en/advocacy/feed/rss/",
]


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_is_kept_briefly_and_asked_for_again_by_its_etag(client, settings, path):
    """A feed is the public's, as a cached page is: shared caches may keep it for a minute,
    then ask again with its ETag, and the reader who has it gets a 304 without a body."""
    MediatorFactory(display_name="Listed Lena")
    for response in (client.get(path), client.get(path)):  # rendered, then from the cache
        assert response.status_code == 200
        assert response["ETag"].startswith('W/"')
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert directives == {"public", f"max-age={settings.PAGE_MAX_AGE_SECONDS}"}
        assert "Cookie" in response["Vary"]
    again = client.get(path, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_a_profile_withdrawn_from_the_public_leaves_the_feed_its_readers_hold():
    """Dated by the day of its newest entry, the roster's feed kept its Last-Modified when a
    mediator left it for the members' roster, and said nothing of how long it could be kept:
    browsers and proxies could keep a copy that named her for days, and answer a reader's
    If-Modified-Since with a 304. Now it lives a minute, and its ETag follows its bytes."""
    long_ago = timezone.now() - datetime.timedelta(days=60)
    amina = MediatorFactory(display_name="Amina Early")
    MediatorFactory(display_name="Other Early")
    Mediator.objects.update(reviewed_at=long_ago)
    reader = client_for(None)
    before = reader.get("/en/mediators/feed.atom")
    assert "Amina Early" in before.content.decode()
    assert "max-age" in before["Cache-Control"]
    assert "Last-Modified" not in before
    amina.visibility = Mediator.Visibility.MEMBERS
    amina.save()
    after = reader.get("/en/mediators/feed.atom", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    assert "Amina Early" not in after.content.decode()
    assert "Other Early" in after.content.decode()
    assert after["ETag"] != before["ETag"]
    assert "Last-Modified" not in after


@pytest.mark.parametrize("path", FEEDS[:3])
def test_a_signed_in_readers_feed_stays_in_her_browser(path, member):
    """A member's feed names members-only profiles: no shared cache may keep it, and the
    public's ETag does not stand for it."""
    MediatorFactory(display_name="Members Mona", visibility="members")
    public = client_for(None).get(path)
    for response in (client_for(member).get(path), client_for(member).get(path)):
        assert response.status_code == 200
        assert "ETag" not in response
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    assert "Members Mona" in client_for(member).get("/en/mediators/feed.atom").content.decode()
    answer = client_for(member).get(path, HTTP_IF_NONE_MATCH=public["ETag"])
    assert answer.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/en/mediators/feed.atom?track=1",
        "/en/processes/feed.atom?track=1&region=014",
        "/en/processes/agreements/feed.atom?gender=on",
    ],
)
def test_a_filtered_feed_names_itself_by_the_address_subscribed_to(client, path):
    """A filtered feed's rel="self" named the list's whole feed: a reader that follows it, as
    readers do when a feed moves, lost the search."""
    _titles, feed = entries(path)
    (own,) = [link.get("href") for link in feed.iter(f"{ATOM}link") if link.get("rel") == "self"]
    assert own == "http://testserver" + path


def test_a_filtered_feed_is_named_by_its_search_as_a_saved_search_is():
    """A reader lists feeds by their names: two searches of the roster were both "Roster of
    mediators", and could not be told apart."""
    _titles, whole = entries("/en/mediators/feed.atom")
    assert whole.findtext(f"{ATOM}title") == (
        "Roster of mediators · Women in Peace Mediation Network"
    )
    _titles, kenya = entries("/en/mediators/feed.atom", {"country": "KE"})
    assert kenya.findtext(f"{ATOM}title") == (
        "Roster of mediators · Countries of experience (any of): Kenya"
        " · Women in Peace Mediation Network"
    )
    _titles, german = entries("/de/processes/agreements/feed.atom", {"gender": "on"})
    assert german.findtext(f"{ATOM}title") == (
        "Friedensabkommen · Mit Bestimmungen zu Frauen, Mädchen und Gender: ja"
        " · Netzwerk Frauen in der Friedensmediation"
    )


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("path", [path for path in FEEDS if "rss" not in path])
def test_every_entry_is_known_by_its_full_address(path, language):
    """Atom (RFC 4287) asks for an entry's id to be a full IRI that stays the same: the
    roster's were the profile's path alone, which a reader cannot hold apart from another
    site's. Each entry is now known by its page's full address in the feed's language, as
    the other feeds' entries are; a mediator who takes a new name (or a pseudonym) has a new
    address, and a new entry, which does not tie her old name to her new one."""
    from tests.factories import ArticleFactory

    process = ProcessFactory(name="Known talks")
    Agreement.objects.create(process=process, name="Known accord")
    MediatorFactory(display_name="Known Kadi")
    ArticleFactory(title="A known article", language=language)
    _titles, feed = entries(path.replace("/en/", f"/{language}/"))
    known = [
        (entry.findtext(f"{ATOM}id"), entry.find(f"{ATOM}link").get("href"))
        for entry in feed.iter(f"{ATOM}entry")
    ]
    assert known
    for entry_id, link in known:
        assert entry_id == link
        assert entry_id.startswith(f"http://testserver/{language}/"), entry_id
