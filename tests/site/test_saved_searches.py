"""Saved searches: kept from a list, read in the account, told of weekly by email through the
mail queue, stopped from the email itself; never telling of what their owner may not see."""

import datetime
import re
import threading
import zoneinfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import Client
from django.utils import timezone

from mediators.models import Mediator, MediatorLanguage
from processes.models import Agreement
from tests.conftest import client_for
from tests.factories import MediatorFactory, ProcessFactory, UserFactory
from wpm.alerts import send_digests
from wpm.forms import SaveSearchForm
from wpm.models import SavedSearch

pytestmark = pytest.mark.django_db

ROSTER_FEED = "mediators:roster_feed"


def save(client, query, feed=ROSTER_FEED, **extra):
    return client.post(
        "/en/me/searches/save/", {"feed": feed, "query": query, **extra}, follow=True
    )


def listed(name, visibility="public", language="ar"):
    """A profile staff approve now: it joins the roster."""
    mediator = MediatorFactory(display_name=name, visibility=visibility, status="submitted")
    MediatorLanguage.objects.create(mediator=mediator, code=language, level=6)
    mediator.review("approved")
    mediator.refresh_search()
    return mediator


def week_later():
    return timezone.now() + datetime.timedelta(days=7, minutes=1)


def links(body):
    return re.findall(r"https?://\S+", body)


def test_a_signed_in_person_saves_a_search_from_the_list_and_finds_it_in_her_account(member):
    client = client_for(member)
    roster = client.get("/en/mediators/", {"language": "ar", "page": "1"}).content.decode()
    assert "Email me new matches weekly" in roster
    page = save(client, "language=ar&page=1&ordering=name", next="/en/mediators/?language=ar")
    assert page.redirect_chain[-1][0] == "/en/mediators/?language=ar"
    assert "Search saved" in page.content.decode()
    (search,) = member.saved_searches.all()
    assert search.query == "language=ar"  # neither the page nor the order
    assert search.title == "Roster of mediators · Languages (all of): Arabic"
    assert search.language == "en"
    mine = client.get("/en/me/searches/").content.decode()
    assert search.title in mine
    assert 'href="/en/mediators/?language=ar"' in mine


def test_a_search_saved_in_german_is_named_and_told_of_in_german(member):
    client = client_for(member)
    client.post("/de/me/searches/save/", {"feed": ROSTER_FEED, "query": "language=ar"}, follow=True)
    (search,) = member.saved_searches.all()
    assert search.language == "de"
    assert search.title == "Verzeichnis der Mediatorinnen · Sprachen (alle davon): Arabisch"
    assert search.get_absolute_url() == "/de/mediators/?language=ar"
    listed("Amira Neu")
    send_digests(week_later())
    (message,) = mail.outbox
    assert "Neue Treffer" in message.subject
    assert "Amira Neu" in message.body


def test_a_saved_search_reads_in_the_language_of_the_page_that_shows_it(member):
    """Saved in English, read in German: her list of searches names it and links it in German,
    and so does the page that stops its emails."""
    client = client_for(member)
    save(client, "language=ar")
    (search,) = member.saved_searches.all()
    mine = client.get("/de/me/searches/").content.decode()
    assert "Verzeichnis der Mediatorinnen · Sprachen (alle davon): Arabisch" in mine
    assert 'href="/de/mediators/?language=ar"' in mine
    assert "Roster of mediators" not in mine
    token = SavedSearch.unsubscribe_token(search)
    stop = Client().get(f"/de/searches/stop/{token}/").content.decode()
    assert "Verzeichnis der Mediatorinnen · Sprachen (alle davon): Arabisch" in stop
    deleted = client.post(f"/de/me/searches/{search.pk}/delete/", follow=True).content.decode()
    assert "Verzeichnis der Mediatorinnen · Sprachen (alle davon): Arabisch" in deleted


def test_a_digest_speaks_one_language_whatever_its_searches_were_saved_in(member):
    """Her newest search was saved in German, an older one in English: the one email names both,
    and links both and what they found, in German."""
    client = client_for(member)
    save(client, "language=ar")
    client.post("/de/me/searches/save/", {"feed": ROSTER_FEED, "query": "language=fr"})
    listed("Amira Neu", language="ar")
    listed("Francine Neu", language="fr")
    send_digests(week_later())
    (message,) = mail.outbox
    assert "Verzeichnis der Mediatorinnen · Sprachen (alle davon): Arabisch" in message.body
    assert "Verzeichnis der Mediatorinnen · Sprachen (alle davon): Französisch" in message.body
    assert "Roster of mediators" not in message.body
    assert all("/en/" not in link for link in links(message.body)), links(message.body)
    assert "http://127.0.0.1:8000/de/mediators/?language=ar" in message.body


def test_a_search_its_list_can_no_longer_read_keeps_the_name_it_was_saved_with(member):
    """A choice withdrawn since (an area of expertise staff deleted): the search is still named,
    as it was when saved, not emptied nor an error."""
    search = SavedSearch.objects.create(
        user=member, feed=ROSTER_FEED, query="expertise=gone-area", title="Roster · Gone area"
    )
    mine = client_for(member).get("/de/me/searches/").content.decode()
    assert search.title in mine


def test_anonymous_visitors_are_asked_to_sign_in_and_nothing_is_saved(client):
    roster = client.get("/en/mediators/", {"language": "ar"}).content.decode()
    assert "Sign in to get new matches by email weekly" in roster
    assert "/en/accounts/login/?next=/en/mediators/%3Flanguage%3Dar" in roster
    response = client.post("/en/me/searches/save/", {"feed": ROSTER_FEED, "query": "language=ar"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    ("feed", "query", "message"),
    [
        ("mediators:roster", "", "Only a search of a list can be saved."),
        ("admin:index", "", "Only a search of a list can be saved."),
        ("nothing", "", "Only a search of a list can be saved."),
        (ROSTER_FEED, "region=atlantis", "Some filters could not be understood."),
        ("processes:catalogue_feed", "year_from=2020&year_to=2010", "could not be understood"),
        (ROSTER_FEED, "q=" + "a" * 2000, "This search could not be saved."),
    ],
)
def test_a_search_that_cannot_be_saved_says_why_and_saves_nothing(member, feed, query, message):
    page = save(client_for(member), query, feed=feed).content.decode()
    assert message in page
    assert not SavedSearch.objects.exists()


def test_the_same_search_twice_and_too_many_searches_are_refused(member, settings):
    client = client_for(member)
    save(client, "language=ar")
    assert "You have saved this search already." in save(client, "language=ar").content.decode()
    settings.SAVED_SEARCHES_PER_USER = 2
    save(client, "language=fr")
    page = save(client, "language=es").content.decode()
    assert "You can keep up to 2 saved searches" in page
    assert member.saved_searches.count() == 2


def test_the_weekly_digest_tells_of_new_matches_once(member):
    client = client_for(member)
    save(client, "language=ar")
    save(client, "language=fr")
    listed("Amira Neu", language="ar")
    listed("Francine Neu", language="fr")
    listed("Sofia Andere", language="es")
    # Not a week yet: nothing is due.
    call_command("send_search_alerts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []
    assert send_digests(week_later()) == (1, 2)
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Amira Neu" in message.body and "Francine Neu" in message.body
    assert "Sofia Andere" not in message.body
    assert "Roster of mediators · Languages (all of): Arabic" in message.body
    assert "http://127.0.0.1:8000/en/mediators/?language=ar" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/en/")
    # Told once: a week later, with nothing new, nothing is sent.
    mail.outbox.clear()
    assert send_digests(week_later() + datetime.timedelta(days=7, minutes=1)) == (0, 0)
    assert mail.outbox == []


def test_the_weekly_digest_keeps_its_weekday_across_the_change_to_summer_time(member):
    """The daily run, from cron on a server kept on Berlin's clock, at 03:00 and a few seconds:
    from 22 to 29 March 2026 is a week less an hour. The digest was not due on the 29th and came
    on the 30th, a day late, and on Mondays from then on."""
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")

    def run(day, second):
        return datetime.datetime(2026, 3, day, 3, 0, second, tzinfo=berlin).astimezone(datetime.UTC)

    search = SavedSearch.objects.create(
        user=member, feed=ROSTER_FEED, query="", title="Roster of mediators"
    )
    SavedSearch.objects.filter(pk=search.pk).update(checked_at=run(14, 0))
    first, second = listed("Amira Erste"), listed("Berta Zweite")
    Mediator.objects.filter(pk=first.pk).update(reviewed_at=run(20, 0))
    Mediator.objects.filter(pk=second.pk).update(reviewed_at=run(25, 0))
    assert send_digests(run(22, 5)) == (1, 1)
    assert send_digests(run(28, 5)) == (0, 0), "not a week yet"
    assert send_digests(run(29, 4)) == (1, 1), "the Sunday after, as the Sunday before"
    assert "Berta Zweite" in mail.outbox[-1].body


def test_a_digest_tells_the_public_no_more_than_the_roster_does(requester, member):
    """A requester reads the roster as the public does: a members-only profile not at all; a
    member reads it. A protected profile's joining is not told of to the public, not even by
    her pseudonym, as the public's feed does not: the week she joined could link the two. Read
    on the day of the digest."""
    for user in (requester, member):
        save(client_for(user), "")  # the whole roster
    listed("Olga Offen")
    protected = listed("Prudence Geheim", visibility="protected")
    listed("Mara Mitglied", visibility="members")
    gone = listed("Gitte Weg")
    gone.visibility = "hidden"
    gone.save()
    gone.refresh_search()
    send_digests(week_later())
    by_reader = {message.to[0]: message.body for message in mail.outbox}
    public, members = by_reader[requester.email], by_reader[member.email]
    assert "Olga Offen" in public and "Olga Offen" in members
    assert "Prudence Geheim" not in public and protected.public_name not in public
    assert protected.slug not in public
    assert "Mara Mitglied" not in public and "Mara Mitglied" in members
    assert "Prudence Geheim" in members
    assert "Gitte Weg" not in public and "Gitte Weg" not in members


def test_new_processes_and_agreements_are_told_of_too(member):
    client = client_for(member)
    save(client, "track=1", feed="processes:catalogue_feed")
    save(client, "gender=on", feed="processes:agreements_feed")
    process = ProcessFactory(name="Juniper valley talks")
    Agreement.objects.create(process=process, name="Juniper accord", gender_provisions=True)
    Agreement.objects.create(process=process, name="Juniper protocol", gender_provisions=False)
    send_digests(week_later())
    (message,) = mail.outbox
    assert "Juniper valley talks" in message.body
    assert "Juniper accord" in message.body and "Juniper protocol" not in message.body


def test_a_process_drafted_long_ago_is_told_of_when_it_is_published(member):
    """A process joins the catalogue when staff publish it: one begun as a draft weeks before
    was never told of, by the digest or the feed, as it was counted from its creation."""
    from processes.models import Process

    save(client_for(member), "track=1", feed="processes:catalogue_feed")
    drafted = ProcessFactory(name="Quillon talks", status="draft")
    Process.objects.filter(pk=drafted.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=60)
    )
    drafted.refresh_from_db()
    drafted.status = "published"
    drafted.save()
    send_digests(week_later())
    (message,) = mail.outbox
    assert "Quillon talks" in message.body
    feed = client_for(None).get("/en/processes/feed.atom", {"track": "1"}).content.decode()
    assert "Quillon talks" in feed


def test_the_link_in_the_email_stops_it_without_signing_in(member, client):
    save(client_for(member), "language=ar")
    save(client_for(member), "language=fr")
    listed("Amira Neu", language="ar")
    send_digests(week_later())
    (message,) = mail.outbox
    stop = next(link for link in links(message.body) if "/searches/stop/" in link)
    path = stop.removeprefix("http://127.0.0.1:8000")
    page = client.get(path).content.decode()
    assert "Roster of mediators · Languages (all of): Arabic" in page
    assert member.saved_searches.count() == 2, "opening the link deletes nothing"
    assert client.post(path).status_code == 200
    assert list(member.saved_searches.values_list("query", flat=True)) == ["language=fr"]
    # Used, forged or broken: no such page.
    assert client.get(path).status_code == 404
    assert client.get(path[:-3] + "xyz/").status_code == 404
    assert client.get("/en/searches/stop/1/").status_code == 404


def test_only_she_deletes_her_searches(member, client):
    save(client_for(member), "language=ar")
    (search,) = member.saved_searches.all()
    other = client_for(UserFactory())
    assert other.post(f"/en/me/searches/{search.pk}/delete/").status_code == 404
    assert client_for(member).get(f"/en/me/searches/{search.pk}/delete/").status_code == 405
    assert SavedSearch.objects.count() == 1
    page = client_for(member).post(f"/en/me/searches/{search.pk}/delete/", follow=True)
    assert "is no longer saved" in page.content.decode()
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize("count", [1, 10])
def test_the_page_and_the_digest_read_a_fixed_number_of_queries(
    member, count, django_assert_max_num_queries
):
    client = client_for(member)
    for number in range(count):
        save(client, f"q=word{number}")
    save(client, "")
    for number in range(count):
        listed(f"Neue Mediatorin {number}")
    # The session, her account, her session's record (read and kept up to date, in a
    # savepoint), her searches, and once whether she is a listed member: the lists' filters
    # that name each search are hers.
    with django_assert_max_num_queries(9):
        assert client.get("/en/me/searches/").status_code == 200
    # Per search: its new matches counted and read; the digest's mail queued, the searches
    # marked as checked, and the transaction around them.
    budget = 12 + 3 * (count + 1)
    with django_assert_max_num_queries(budget):
        assert send_digests(week_later())[0] == 1
    (message,) = mail.outbox
    assert "Neue Mediatorin 0" in message.body


@pytest.mark.parametrize("count", [1, 4])
def test_the_page_that_stops_the_emails_reads_a_fixed_number_of_queries(
    member, count, django_assert_max_num_queries
):
    client = client_for(member)
    for code in ("ar", "fr", "es", "ru")[:count]:
        save(client, f"language={code}")
    token = SavedSearch.unsubscribe_token(*member.saved_searches.all())
    # The searches, their owner, and once whether she is a listed member: the lists' filters
    # that name each search are hers.
    with django_assert_max_num_queries(3):
        page = Client().get(f"/en/searches/stop/{token}/").content.decode()
    assert page.count("Roster of mediators · Languages (all of)") == count


def test_a_match_is_told_of_once_even_when_it_joins_while_a_digest_is_made(member):
    """A digest counts up to the moment it marks its searches checked: a profile listed just
    after that moment waits for the next digest, and is told of there, once."""
    save(client_for(member), "language=ar")
    moment = week_later()
    listed("Amira Before")
    late = listed("Layla After")
    Mediator.objects.filter(pk=late.pk).update(reviewed_at=moment + datetime.timedelta(seconds=1))
    send_digests(moment)
    (first,) = mail.outbox
    assert "Amira Before" in first.body and "Layla After" not in first.body
    mail.outbox.clear()
    send_digests(moment + datetime.timedelta(days=7, minutes=1))
    (second,) = mail.outbox
    assert "Layla After" in second.body and "Amira Before" not in second.body


def test_a_match_written_while_a_digest_is_made_is_told_of_by_the_next(member):
    """A PA-X import stamps its agreements as it writes them and commits them all at its end,
    minutes later: a digest made meanwhile could not see them, and the next one counted from
    its moment, past them. They were never told of."""
    save(client_for(member), "", feed="processes:agreements_feed")
    moment = week_later()
    send_digests(moment)  # the import's agreements not yet committed: nothing to tell
    process = ProcessFactory(name="Juniper valley talks")
    agreement = Agreement.objects.create(process=process, name="Juniper accord")
    Agreement.objects.filter(pk=agreement.pk).update(
        added_at=moment - datetime.timedelta(minutes=10)
    )
    send_digests(moment + datetime.timedelta(days=7, minutes=1))
    (message,) = mail.outbox
    assert "Juniper accord" in message.body


def test_agreements_of_a_process_published_later_are_told_of_when_it_is_published():
    """Staff add a process's agreements, then publish it: by the day they were added, the
    agreements joined the public list before the last digest, and no digest told of them."""
    user = UserFactory(email="reader@example.org")
    search = SavedSearch.objects.create(
        user=user, feed="processes:agreements_feed", query="", title="Agreements"
    )
    SavedSearch.objects.filter(pk=search.pk).update(
        checked_at=timezone.now() - datetime.timedelta(days=8)
    )
    process = ProcessFactory(name="Juniper valley talks", status="draft")
    agreement = Agreement.objects.create(process=process, name="Juniper accord")
    Agreement.objects.filter(pk=agreement.pk).update(
        added_at=timezone.now() - datetime.timedelta(days=3)
    )
    send_digests(timezone.now())
    assert "Juniper accord" not in " ".join(message.body for message in mail.outbox)
    process.status = "published"
    process.save()
    send_digests(week_later())
    assert "Juniper accord" in " ".join(message.body for message in mail.outbox)
    # Its feed dates it from then, too, as a feed reader orders what is new.
    feed = client_for(user).get("/en/processes/agreements/feed.atom").content.decode()
    assert f"<updated>{process.published_at.isoformat()}</updated>" in feed


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two connections at once")
def test_an_agreement_imported_while_the_digest_is_made_is_told_of_by_the_next():
    """The same, with the import's transaction open on another connection as the digest runs."""
    user = UserFactory(email="reader@example.org")
    process = ProcessFactory(name="Juniper valley talks")
    search = SavedSearch.objects.create(
        user=user, feed="processes:agreements_feed", query="", title="Agreements"
    )
    SavedSearch.objects.filter(pk=search.pk).update(
        checked_at=timezone.now() - datetime.timedelta(days=8)
    )
    written, go_on = threading.Event(), threading.Event()

    def importing():
        try:
            with transaction.atomic():
                Agreement.objects.create(process=process, name="Juniper accord")
                written.set()
                go_on.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=importing)
    thread.start()
    assert written.wait(10)
    send_digests(timezone.now())
    go_on.set()
    thread.join(10)
    send_digests(week_later())
    assert "Juniper accord" in " ".join(message.body for message in mail.outbox)


def test_a_search_saved_twice_at_once_is_saved_once(member, monkeypatch):
    """A second click or tab, its check made before the first one's save: a server error."""
    checked = SaveSearchForm.clean

    def clean_then_other_tab_saves(form):
        data = checked(form)
        SavedSearch.objects.create(
            user=form.user, feed=data["feed"], query=data["query"], title=data["title"]
        )
        return data

    monkeypatch.setattr(SaveSearchForm, "clean", clean_then_other_tab_saves)
    data = {"feed": "mediators:roster_feed", "query": "language=ar"}
    response = client_for(member).post("/en/me/searches/save/", data, follow=True)
    assert "You have saved this search already." in response.content.decode()
    assert member.saved_searches.count() == 1
