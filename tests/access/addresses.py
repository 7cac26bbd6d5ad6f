"""The addresses of the pages that need the world to be built, and what each persona gets there."""

from tests.access.expectations import (
    GROUPS,
    MEMBERS_UP,
    PERSONAS,
    PROFILE_OF_MEMBERS,
    PUBLIC,
    STAFF_ONLY_OBJECT,
    STAFFERS,
    Probe,
    Redirect,
    S,
    absent,
    csv_network,
    i18n,
    plain,
    present,
)
from tests.access.world import CONTACT, SEARCH_KEYS
from wpm.urls import SITEMAPS


def _profile(mediator):
    return {"slug": mediator.slug}


def _roster_and_search(w):
    """Searches by words from private fields: a leak shows as the found profile's marker."""
    probes = []
    for key in ("hidden", "members_only", "submitted"):
        probes += i18n("mediators:roster", PUBLIC, query=f"q={SEARCH_KEYS[key]}", langs=("en",))
    pia_url = w.pia.get_absolute_url()
    prue_url = w.prue.get_absolute_url()
    outsiders = frozenset(GROUPS["outsiders"])
    # What a filter may not match for the public, it matches for those who may read it.
    cases = [
        (f"q={SEARCH_KEYS['pia_bio']}", pia_url, outsiders, "her members-only biography"),
        (f"q={SEARCH_KEYS['protected']}", prue_url, outsiders, "a protected biography"),
        ("country=BT", prue_url, outsiders, "a protected mediator's country of experience"),
    ]
    for query, url, kept_from, what in cases:
        probes += i18n(
            "mediators:roster",
            PUBLIC,
            query=query,
            checks=[
                absent(url, kept_from, f"a profile found by {what}"),
                present(url, frozenset(PERSONAS) - kept_from, f"a profile found by {what}"),
            ],
            langs=("en",),
        )
    probes += i18n("mediators:roster", S(400), query="track=9", langs=("en",))
    return probes


def _sitemap(w):
    everyone = frozenset(PERSONAS)
    never = [
        (w.hedda.slug, "a hidden profile"),
        (w.mara.slug, "a members-only profile"),
        (w.prue.slug, "a protected profile"),
        (w.sina.slug, "a submitted profile"),
        (w.p_draft.slug, "a draft process"),
        (w.art_draft.slug, "a draft article"),
        (w.art_future.slug, "a future article"),
        (w.page_draft.slug, "a draft page"),
        ("kettlethorn", "a draft event"),
    ]
    never += [
        (f"agreements/{w.draft_agreement.pk}", "a draft process's agreement"),
        (f"voices/{w.voice_draft.pk}", "a draft voice"),
    ]
    checks = [absent(f"/{slug}/", everyone, what) for slug, what in never]
    listed = {
        "profiles": (f"/{w.pia.slug}/", "a public profile"),
        "agreements": (f"/agreements/{w.agreement.pk}/", "a public process's agreement"),
        "voices": (f"/voices/{w.voice.pk}/", "a published voice"),
    }
    probes = []
    for section in SITEMAPS:
        shown = []
        if section in listed:
            address, what = listed[section]
            shown = [present(address, everyone, what)]
        probes += plain(
            "sitemap_section", PUBLIC, kwargs={"section": section}, checks=[*checks, *shown]
        )
    for probe in probes:
        probe.is_list = True
    return probes


def _sitemap_index(w):
    return plain(
        "sitemap",
        PUBLIC,
        checks=[present("/sitemap-profiles.xml", frozenset(PERSONAS), "the profiles' sitemap")],
    )


def _photos(w):
    probes = []
    cases = [
        (w.pia, PUBLIC),
        (w.mara, PROFILE_OF_MEMBERS),
        (w.hedda, STAFF_ONLY_OBJECT),
        (w.prue, PROFILE_OF_MEMBERS),  # the public sees her pseudonym, not her face
        # Not approved: only she herself (through her own area) sees her photo. Staff review
        # a profile in the admin, which does not show photos, so theirs is a 404 too.
        (w.sina, S(404)),
        (w.applicant_profile, S(404, applicant=200)),
        (w.member_profile, S(200, outsiders=404)),  # her photo's audience is members
    ]
    for mediator, expect in cases:
        for name in (mediator.photo.name, mediator.photo_small.name):
            probes += plain("photos:photo", expect, args=[name])
    probes += plain("photos:photo", S(404), args=["0123456789abcdef-640.jpg"])
    return probes


def _contact(w):
    """The contact page relays a message to any profile the visitor may see; else a 404."""
    cases = [
        (w.pia, PERSONAS),
        (w.mara, MEMBERS_UP),
        (w.hedda, STAFFERS),
        (w.prue, PERSONAS),  # the public writes to her pseudonym
        (w.sina, ()),  # not approved: staff review her in the admin
    ]
    probes = []
    for mediator, visible in cases:

        def seen(status, visible=visible):
            return {persona: status if persona in visible else 404 for persona in PERSONAS}

        slug = _profile(mediator)
        probes += i18n("mediators:contact", seen(200), kwargs=slug, langs=("en",))
        probes += i18n("mediators:contact", seen(400), kwargs=slug, method="post", data={})
        probes += i18n(
            "mediators:contact",
            seen(Redirect(mediator.get_absolute_url())),
            kwargs=slug,
            method="post",
            data=CONTACT,
            langs=("en",),
        )
    return probes


def _articles(w):
    en_published = "/en/advocacy/bellweather-brief/"
    en_draft = "/en/advocacy/cobblestrand-draft/"
    outsiders = frozenset(GROUPS["outsiders"])
    # Authors are named as the editors wrote; a link to her profile only where it is visible.
    link = w.prue.get_absolute_url()
    author_links = (
        absent(link, outsiders, "a protected author's profile link"),
        present(link, MEMBERS_UP, "a protected author's profile link"),
    )
    return [
        Probe(en_published, PUBLIC, "en", checks=author_links),
        Probe("/de/advocacy/bellweather-brief/", S(Redirect(en_published, 301)), "de"),
        Probe(en_draft, STAFF_ONLY_OBJECT, "en"),
        Probe("/de/advocacy/cobblestrand-draft/", S(404, staffers=Redirect(en_draft, 301)), "de"),
        Probe("/en/advocacy/duskmantle-preview/", STAFF_ONLY_OBJECT, "en"),
        Probe("/de/advocacy/eschenwald-aufruf/", PUBLIC, "de"),
        Probe(
            "/en/advocacy/eschenwald-aufruf/",
            S(Redirect("/de/advocacy/eschenwald-aufruf/", 301)),
            "en",
        ),
        Probe("/de/advocacy/fennimore-entwurf/", STAFF_ONLY_OBJECT, "de"),
        Probe("/en/advocacy/no-such-article/", S(404), "en"),
    ]


def _catalogue_csv(w):
    network = {
        "Amberfall peace talks": S("yes"),
        "Gravelmarsh dialogue": S("no", staffers="yes"),
        "Ironvale talks": S("no", staffers="yes"),
    }
    checks = [csv_network(name, expected) for name, expected in network.items()]
    return [
        *i18n("processes:catalogue_csv", PUBLIC, checks=checks),
        *i18n(
            "processes:catalogue_csv",
            PUBLIC,
            query=f"q={SEARCH_KEYS['draft_process']}",
            langs=("en",),
        ),
        *i18n("processes:catalogue_csv", S(400), query="track=9", langs=("en",)),
    ]


def _catalogue(w):
    non_staff = frozenset(GROUPS["non_staff"])
    return [
        *i18n("processes:catalogue", PUBLIC),
        *i18n(
            "processes:catalogue",
            PUBLIC,
            query=f"q={SEARCH_KEYS['draft_process']}",
            langs=("en",),
        ),
        *i18n(
            "processes:catalogue",
            PUBLIC,
            query="network=on",
            langs=("en",),
            checks=[
                absent("/processes/gravelmarsh/", non_staff, "a process with anonymised help"),
                absent("/processes/ironvale/", non_staff, "a process with staff-only help"),
                present("/processes/ironvale/", STAFFERS, "a process with staff-only help"),
                present("/processes/amberfall/", frozenset(PERSONAS), "a process with help"),
            ],
        ),
        *i18n("processes:catalogue", S(400), query="track=9", langs=("en",)),
    ]


def _autocomplete(app_label, model_name, field_name):
    return f"app_label={app_label}&model_name={model_name}&field_name={field_name}&term="


def _history_id(obj):
    return obj.history.order_by("-history_id").first().history_id


CHARTS = (
    "share-by-role",
    "share-by-region",
    "gender-provisions",
    "engagements-by-track",
    "requests-per-year",
    "requests-by-region",
    "requests-by-role",
)
ME_SECTIONS = (
    "profile",
    "expertise",
    "languages",
    "trainings",
    "regions",
    "availability",
    "privacy",
)
