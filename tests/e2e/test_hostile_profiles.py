"""Hostile input in profiles, the roster, search and the contact form never runs (hostile.py)."""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from tests.e2e.hostile import (
    PAYLOADS,
    hostile_mediators,
    mediator_texts,
    packed,
    public_mediator,
    search_hostile,
)

pytestmark = pytest.mark.django_db(transaction=True)


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


def test_the_staff_s_view_of_a_member_s_changes(visitor, superuser, live_server):
    """Staff compare hostile edits with what they verified: every payload stays text, before
    and after, and the put-back form that comes back after a refused submit as well."""
    from django.utils import timezone

    from tests.e2e.conftest import login_in_browser

    mediators = hostile_mediators()
    for number, mediator in enumerate(mediators):
        now = mediator.content()
        # What staff verified held the payloads too: they show on both sides.
        mediator.verified_content = {
            **now,
            "display_name": mediators[(number + 1) % len(mediators)].display_name,
            "headline": "Verified headline",
            "pronouns": "",
            "availability_note": "",
            "bio": mediators[(number + 2) % len(mediators)].bio,
            "trainings": [],
        }
        mediator.changed_at = timezone.now()
        mediator.save(update_fields=["verified_content", "changed_at"])
    login_in_browser(visitor.page.context, superuser, live_server)
    visitor.visit_list(
        ["/admin/mediators/mediator/?verification=changed"],
        stored=[m.display_name for m in mediators],
    )
    for mediator in mediators:
        path = f"/admin/mediators/mediator/{mediator.pk}/changes/"
        visitor.visit(path, stored=mediator_texts(mediator))
        # Sent with nothing ticked: refused, and shown again with the message typed.
        visitor.page.get_by_label("Message to the member").fill(mediator.headline)
        with visitor.page.expect_navigation() as navigation:
            visitor.page.get_by_role("button", name="Put the ticked parts back").click()
        assert navigation.value.status == 400
        visitor.inspect(f"{path} (POST)", navigation.value, stored=[mediator.headline])
    visitor.assert_safe()


def test_a_profile_file_full_of_payloads(visitor, newcomer, live_server, tmp_path):
    """Every text of a profile file holds payloads: the check of its parts shows them as text,
    and so does the refusal that quotes a bad value back."""
    import json

    from tests.e2e.conftest import login_in_browser

    login_in_browser(visitor.page.context, newcomer, live_server)
    names, headlines, notes = packed(120), packed(160), packed(200)
    titles, bios = packed(200), packed(5000, sep="\n")
    for number in range(max(len(names), len(headlines), len(notes), len(titles))):
        profile = {
            "display_name": names[number % len(names)],
            "pronouns": "",
            "headline": headlines[number % len(headlines)],
            "source": None,
            "bio": {"audience": "public", "text": bios[number % len(bios)]},
            "availability": {
                "audience": "public",
                "status": "available",
                "deploys_within_72h": False,
                "remote_only": False,
                "note": notes[number % len(notes)],
            },
            "trainings": {
                "audience": "members",
                "items": [{"title": titles[number % len(titles)], "provider": "P", "year": 2020}],
            },
        }
        del profile["source"]
        data = {
            "format": "mediator-profile",
            "version": "1.0",
            "source": {"name": names[(number + 1) % len(names)]},
            "profile": profile,
        }
        path = tmp_path / f"profile{number}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        visitor.visit("/en/me/import/")
        visitor.page.locator("input[type=file]").set_input_files(path)
        with visitor.page.expect_navigation() as navigation:
            visitor.page.get_by_role("button", name="Read the file").click()
        stored = [profile["display_name"], profile["headline"], profile["bio"]["text"]]
        visitor.inspect(f"review of file {number}", navigation.value, stored=stored)
        # A bad value is quoted back in the refusal.
        data["profile"]["languages"] = [{"code": "ar", "level": headlines[number % len(headlines)]}]
        path.write_text(json.dumps(data), encoding="utf-8")
        visitor.visit("/en/me/import/")
        visitor.page.locator("input[type=file]").set_input_files(path)
        with visitor.page.expect_navigation() as navigation:
            visitor.page.get_by_role("button", name="Read the file").click()
        assert navigation.value.status == 400
        visitor.inspect(f"refusal of file {number}", navigation.value)
    visitor.assert_safe()
