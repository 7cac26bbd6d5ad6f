"""The matrix: every named URL pattern, how to build its addresses, and who gets what."""

import re

from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver

from mediators.models import ContactMessage, Mediator
from tests.access.addresses import (
    CHARTS,
    ME_SECTIONS,
    _articles,
    _autocomplete,
    _catalogue,
    _catalogue_csv,
    _contact,
    _history_id,
    _photos,
    _profile,
    _roster_and_search,
    _sitemap,
    _sitemap_index,
)
from tests.access.expectations import (
    ADMIN_ANY_STAFF,
    ADMIN_LOGIN,
    GROUPS,
    LANDING,
    LOGIN,
    MEMBER_AREA,
    NOTHING_PENDING,
    OWN_PROFILE,
    OWN_REQUESTS,
    POST_ONLY,
    PROFILE_OF_MEMBERS,
    PUBLIC,
    REAUTHENTICATE,
    REAUTHENTICATE_FIRST,
    STAFF_ONLY_OBJECT,
    Probe,
    Redirect,
    S,
    admin_app,
    admin_for,
    i18n,
    plain,
)
from tests.access.world import SEARCH_KEYS
from wpm.models import SavedSearch
from wpm.outbox.models import Mail

FOCAL = GROUPS["focal_points"]
# A request's page answers its requester alone.
OWN_OF = {persona: S(404, anonymous=LOGIN, **{persona: 200}) for persona in GROUPS["requesters"]}


def _public_list(name):
    return lambda w: plain(name, PUBLIC)


MEMBERS_WITH_PROFILES = {"members": Redirect("/{lang}/me/"), "applicant": Redirect("/{lang}/me/")}
IMPORT = S(200, anonymous=LOGIN, **MEMBERS_WITH_PROFILES)
IMPORT_SENT = IMPORT  # nothing sent: the form again
# With no file read yet, back to the upload.
IMPORT_REVIEW = S(Redirect("/{lang}/me/import/"), anonymous=LOGIN, **MEMBERS_WITH_PROFILES)


def _decide_on(w, action):
    name = f"admin:appointments_request_{action}"
    candidates = Redirect(f"/admin/appointments/request/{w.req_restricted.pk}/candidates/")
    return [
        *plain(name, S(ADMIN_LOGIN, staffers=405), args=[w.req_draft.pk]),
        *plain(
            name,
            S(ADMIN_LOGIN, staffers=404, superuser=candidates, restricted_focal_point=candidates),
            args=[w.req_restricted.pk],
            method="post",
            data={"outcome": "from-list"},  # refused: nobody is marked appointed
        ),
    ]


def _sent_request(w):
    return Redirect(f"/{{lang}}/requests/{w.req_restricted.pk}/")


def _saved(w):
    """A search the other member saved: the link in its digest opens for anyone holding it."""
    search, _created = SavedSearch.objects.get_or_create(
        user=w.users["other_member"],
        feed="mediators:roster_feed",
        query="language=ar",
        defaults={"title": "Roster of mediators · Languages (all of): Arabic"},
    )
    return search


MATRIX = {
    # Unprefixed.
    "healthz": lambda w: plain("healthz", PUBLIC),
    "robots": lambda w: plain("robots", PUBLIC),
    "sitemap": _sitemap_index,
    "sitemap_section": _sitemap,
    "photos:photo": _photos,
    # Public pages.
    "home": lambda w: i18n("home", PUBLIC),
    "about": lambda w: i18n("about", PUBLIC),
    "impressum": lambda w: i18n("impressum", PUBLIC),
    "privacy": lambda w: i18n("privacy", PUBLIC),
    "page": lambda w: [
        *i18n("page", PUBLIC, kwargs={"slug": "guide"}),
        *i18n("page", STAFF_ONLY_OBJECT, kwargs={"slug": "hazelrigg-plan"}),
        *i18n("page", S(404), kwargs={"slug": "no-such-page"}, langs=("en",)),
        # A page with an address of its own is served there.
        Probe("/en/pages/about/", S(Redirect("/en/about/", 301)), "en"),
        Probe("/de/pages/about/", S(Redirect("/de/about/", 301)), "de"),
    ],
    "voices": lambda w: i18n("voices", PUBLIC),
    "voice": lambda w: [
        *i18n("voice", PUBLIC, kwargs={"pk": w.voice.pk}),
        *i18n("voice", STAFF_ONLY_OBJECT, kwargs={"pk": w.voice_draft.pk}),
    ],
    "advocacy": lambda w: [
        *i18n("advocacy", PUBLIC),
        *i18n("advocacy", PUBLIC, query="topic=inclusion", langs=("en",)),
    ],
    "feed_atom": lambda w: i18n("feed_atom", PUBLIC),
    "feed_rss": lambda w: i18n("feed_rss", PUBLIC),
    "article": _articles,
    "events": lambda w: i18n("events", PUBLIC),
    "events_ics": lambda w: i18n("events_ics", PUBLIC),
    "event": lambda w: [
        *i18n("event", PUBLIC, kwargs={"slug": "juniperwell"}),
        *i18n("event", PUBLIC, kwargs={"slug": "lindenmoor"}),
        *i18n("event", STAFF_ONLY_OBJECT, kwargs={"slug": "kettlethorn"}),
    ],
    "event_ics": lambda w: [
        *i18n("event_ics", PUBLIC, kwargs={"slug": "juniperwell"}),
        *i18n("event_ics", STAFF_ONLY_OBJECT, kwargs={"slug": "kettlethorn"}),
    ],
    "search": lambda w: [
        *i18n("search", PUBLIC),
        *[
            probe
            for key in SEARCH_KEYS.values()
            for probe in i18n("search", PUBLIC, query=f"q={key}", langs=("en",))
        ],
        *i18n("search", S(400), query="q=" + "a" * 201, langs=("en",)),  # too long for the box
    ],
    # The roster and profiles.
    "mediators:roster": lambda w: [*i18n("mediators:roster", PUBLIC), *_roster_and_search(w)],
    "mediators:profile": lambda w: [
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.pia)),
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.ada)),
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.stella)),
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.member_profile)),
        *i18n("mediators:profile", PROFILE_OF_MEMBERS, kwargs=_profile(w.mara)),
        *i18n("mediators:profile", STAFF_ONLY_OBJECT, kwargs=_profile(w.hedda)),
        *i18n("mediators:profile", PUBLIC, kwargs=_profile(w.prue)),
        # Approved profiles only, for staff too: they review the others in the admin.
        *i18n("mediators:profile", S(404), kwargs=_profile(w.sina)),
        *i18n("mediators:profile", S(404), kwargs=_profile(w.applicant_profile)),
        # A protected profile is never reached under her name.
        *i18n("mediators:profile", S(404), kwargs={"slug": "prue-kestrinova"}, langs=("en",)),
    ],
    "mediators:contact": _contact,
    # The member area.
    # A requester's area is her requests (she has no profile to start).
    "mediators:me": lambda w: i18n(
        "mediators:me", S(200, anonymous=LOGIN, requesters=Redirect("/{lang}/requests/"))
    ),
    "mediators:me_edit": lambda w: [
        *[
            probe
            for section in ME_SECTIONS
            for probe in i18n(
                "mediators:me_edit", OWN_PROFILE, kwargs={"section": section}, langs=("en",)
            )
        ],
        *i18n("mediators:me_edit", OWN_PROFILE, kwargs={"section": "profile"}, langs=("de",)),
        *i18n("mediators:me_edit", S(404, anonymous=LOGIN), kwargs={"section": "status"}),
    ],
    "mediators:me_photo": lambda w: i18n("mediators:me_photo", OWN_PROFILE),
    "mediators:me_preview": lambda w: [
        *i18n("mediators:me_preview", OWN_PROFILE, kwargs={"audience": "public"}),
        *i18n("mediators:me_preview", OWN_PROFILE, kwargs={"audience": "members"}),
        *i18n("mediators:me_preview", S(404, anonymous=LOGIN), kwargs={"audience": "staff"}),
    ],
    "mediators:me_submit": lambda w: [
        *i18n("mediators:me_submit", POST_ONLY, langs=("en",)),
        *i18n(
            "mediators:me_submit",
            S(Redirect("/{lang}/me/"), anonymous=LOGIN, staffers=404, requesters=404),
            method="post",
            data={},
        ),
    ],
    # Her profile in the format that moves between networks, and a draft started from a file:
    # those with a profile with staff or listed change it section by section instead.
    "mediators:me_export": lambda w: i18n("mediators:me_export", OWN_PROFILE),
    "mediators:me_import": lambda w: [
        *i18n("mediators:me_import", IMPORT),
        *i18n("mediators:me_import", IMPORT_SENT, method="post", data={}, langs=("en",)),
    ],
    "mediators:me_import_review": lambda w: [
        *i18n("mediators:me_import_review", IMPORT_REVIEW),
        *i18n("mediators:me_import_review", IMPORT_REVIEW, method="post", data={}, langs=("en",)),
    ],
    "schemas:profile_v1": lambda w: plain("schemas:profile_v1", PUBLIC),
    # The open-data API answers everyone as the public, whoever is signed in.
    "api:api-root": lambda w: plain("api:api-root", S(404)),
    # Any other address under the API's: sent on to the endpoint it lacks only the final
    # slash of, or not found.
    "api:elsewhere": lambda w: [
        *plain("api:elsewhere", S(Redirect("/api/v1/processes/", 301)), args=["processes"]),
        *plain(
            "api:elsewhere",
            S(Redirect(f"/api/v1/processes/{w.p_draft.slug}/", 301)),
            args=[f"processes/{w.p_draft.slug}"],
        ),
        *plain("api:elsewhere", S(404), args=["procesess/"]),
        *plain("api:elsewhere", S(405), args=["processes"], method="post", data={}),
    ],
    "api:openapi-json": lambda w: [
        *plain("api:openapi-json", PUBLIC),
        *plain("api:openapi-json", S(405), method="post", data={}),
    ],
    "api:openapi-view": lambda w: [
        *plain("api:openapi-view", PUBLIC),
        *plain("api:openapi-view", S(405), method="post", data={}),
    ],
    **{
        f"api:list_{kind}": _public_list(f"api:list_{kind}")
        for kind in (
            "processes",
            "agreements",
            "mediators",
            "voices",
            "articles",
            "events",
            "figures",
            "insights",
        )
    },
    "api:pax_release": lambda w: plain("api:pax_release", S(404)),  # nothing imported here
    "api:get_insight": lambda w: [
        *plain("api:get_insight", PUBLIC, kwargs={"slug": "share-by-role"}),
        *plain("api:get_insight", PUBLIC, kwargs={"slug": "engagements-by-track"}),
        *plain("api:get_insight", S(404), kwargs={"slug": "salaries"}),
    ],
    "api:get_process": lambda w: [
        *plain("api:get_process", PUBLIC, kwargs={"slug": w.p_pub.slug}),
        *plain("api:get_process", PUBLIC, kwargs={"slug": w.p_staff.slug}),
        *plain("api:get_process", S(404), kwargs={"slug": w.p_draft.slug}),
    ],
    "api:get_agreement": lambda w: [
        *plain("api:get_agreement", PUBLIC, kwargs={"agreement_id": w.agreement.pk}),
        *plain("api:get_agreement", S(404), kwargs={"agreement_id": w.draft_agreement.pk}),
    ],
    "api:get_mediator": lambda w: [
        *plain("api:get_mediator", PUBLIC, kwargs={"slug": w.pia.slug}),
        *plain("api:get_mediator", PUBLIC, kwargs={"slug": w.prue.slug}),
        *plain("api:get_mediator", S(404), kwargs={"slug": w.mara.slug}),
        *plain("api:get_mediator", S(404), kwargs={"slug": w.hedda.slug}),
        *plain("api:get_mediator", S(404), kwargs={"slug": w.sina.slug}),
    ],
    "my_data": lambda w: [
        *i18n("my_data", MEMBER_AREA),
        *i18n("my_data", MEMBER_AREA, query="download=1"),
    ],
    "delete_account": lambda w: i18n("delete_account", MEMBER_AREA),
    # Saved searches: anyone signed in keeps her own; the link in a digest needs no account.
    "saved_searches": lambda w: i18n("saved_searches", MEMBER_AREA),
    "save_search": lambda w: [
        *i18n("save_search", POST_ONLY, langs=("en",)),
        *i18n(
            "save_search",
            S(Redirect("/{lang}/me/searches/"), anonymous=LOGIN),
            method="post",
            data={"feed": "mediators:roster_feed", "query": "language=ar"},
        ),
    ],
    "delete_saved_search": lambda w: [
        *i18n("delete_saved_search", POST_ONLY, kwargs={"pk": _saved(w).pk}, langs=("en",)),
        *i18n(
            "delete_saved_search",
            S(404, anonymous=LOGIN, other_member=Redirect("/{lang}/me/searches/")),
            kwargs={"pk": _saved(w).pk},
            method="post",
            data={},
            langs=("en",),
        ),
    ],
    "unsubscribe": lambda w: [
        *i18n("unsubscribe", PUBLIC, kwargs={"token": SavedSearch.unsubscribe_token(_saved(w))}),
        *i18n("unsubscribe", S(404), kwargs={"token": "1:forged"}, langs=("en",)),
    ],
    # Processes.
    "processes:catalogue": _catalogue,
    "processes:catalogue_csv": _catalogue_csv,
    "processes:insights": lambda w: i18n("processes:insights", PUBLIC),
    "processes:instruments": lambda w: i18n("processes:instruments", PUBLIC),
    "processes:insights_csv": lambda w: [
        *[
            probe
            for chart in CHARTS
            for probe in i18n("processes:insights_csv", PUBLIC, kwargs={"chart": chart})
        ],
        *i18n("processes:insights_csv", S(404), kwargs={"chart": "nothing"}, langs=("en",)),
    ],
    # Each list's search as a feed: what the list shows the visitor, and nothing more.
    "mediators:roster_feed": lambda w: [
        *i18n("mediators:roster_feed", PUBLIC),
        *i18n("mediators:roster_feed", PUBLIC, query="country=BT&region=014", langs=("en",)),
        *i18n("mediators:roster_feed", S(400), query="region=atlantis", langs=("en",)),
    ],
    "processes:catalogue_feed": lambda w: [
        *i18n("processes:catalogue_feed", PUBLIC),
        *i18n("processes:catalogue_feed", S(400), query="track=9", langs=("en",)),
    ],
    "processes:agreements_feed": lambda w: [
        *i18n("processes:agreements_feed", PUBLIC),
        *i18n("processes:agreements_feed", S(400), query="stage=nothing", langs=("en",)),
    ],
    # Agreements: those of processes the visitor may see, a draft process's for staff alone.
    "processes:agreements": lambda w: [
        *i18n("processes:agreements", PUBLIC),
        *i18n("processes:agreements", PUBLIC, query="gender=on&region=horn-of-africa"),
        *i18n("processes:agreements", S(400), query="year_from=2020&year_to=2010", langs=("en",)),
    ],
    "processes:agreements_csv": lambda w: [
        *i18n("processes:agreements_csv", PUBLIC),
        *i18n("processes:agreements_csv", S(400), query="stage=nothing", langs=("en",)),
    ],
    "processes:agreement": lambda w: [
        *i18n("processes:agreement", PUBLIC, kwargs={"pk": w.agreement.pk}),
        *i18n("processes:agreement", STAFF_ONLY_OBJECT, kwargs={"pk": w.draft_agreement.pk}),
        *i18n("processes:agreement", S(404), kwargs={"pk": 999999}, langs=("en",)),
    ],
    # The bulk downloads: what the visitor may see on the pages, a draft for staff only.
    "processes:open_data": lambda w: i18n("processes:open_data", PUBLIC),
    "processes:open_data_file": lambda w: [
        *[
            probe
            for table in ("processes", "agreements", "figures")
            for fmt in ("csv", "json")
            for probe in i18n(
                "processes:open_data_file",
                PUBLIC,
                kwargs={"table": table, "fmt": fmt},
                langs=("en",),
            )
        ],
        *i18n("processes:open_data_file", S(404), kwargs={"table": "mediators", "fmt": "csv"}),
        *i18n("processes:open_data_file", S(404), kwargs={"table": "processes", "fmt": "xml"}),
    ],
    "processes:detail": lambda w: [
        *i18n("processes:detail", PUBLIC, kwargs={"slug": w.p_pub.slug}),
        *i18n("processes:detail", PUBLIC, kwargs={"slug": w.p_anon.slug}),
        *i18n("processes:detail", PUBLIC, kwargs={"slug": w.p_staff.slug}),
        *i18n("processes:detail", STAFF_ONLY_OBJECT, kwargs={"slug": w.p_draft.slug}),
    ],
    # Requests for mediators: a requester's own pages.
    "appointments:list": lambda w: i18n("appointments:list", OWN_REQUESTS),
    "appointments:apply": lambda w: [
        # Anyone reads how to request mediators; requesters see their status; members and
        # staff are not requesters.
        *i18n("appointments:apply", S(404, anonymous=200, requesters=200)),
        *i18n("appointments:apply", OWN_REQUESTS, method="post", data={}, langs=("en",)),
    ],
    "appointments:new": lambda w: [
        *i18n("appointments:new", OWN_REQUESTS),
        *i18n(
            "appointments:new",
            S(404, anonymous=LOGIN, requesters=400),
            method="post",
            data={},
            langs=("en",),
        ),
    ],
    "appointments:detail": lambda w: [
        *i18n("appointments:detail", OWN_OF["requester"], kwargs={"pk": w.req_draft.pk}),
        *i18n("appointments:detail", OWN_OF["other_requester"], kwargs={"pk": w.req_restricted.pk}),
        *i18n("appointments:detail", S(404, anonymous=LOGIN), kwargs={"pk": 999999}),
    ],
    "appointments:send": lambda w: [
        *i18n("appointments:send", POST_ONLY, kwargs={"pk": w.req_draft.pk}, langs=("en",)),
        *i18n(
            "appointments:send",
            S(404, anonymous=LOGIN, requester=Redirect(w.req_draft.get_absolute_url())),
            kwargs={"pk": w.req_draft.pk},
            method="post",
            data={},
            langs=("en",),
        ),
    ],
    # Her draft, changed or discarded until she sends it: a sent request back to its page.
    "appointments:edit": lambda w: [
        *i18n("appointments:edit", OWN_OF["requester"], kwargs={"pk": w.req_draft.pk}),
        *i18n(
            "appointments:edit",
            S(404, anonymous=LOGIN, other_requester=_sent_request(w)),
            kwargs={"pk": w.req_restricted.pk},
        ),
        *i18n(
            "appointments:edit",
            S(404, anonymous=LOGIN, requester=400),
            kwargs={"pk": w.req_draft.pk},
            method="post",
            data={},
            langs=("en",),
        ),
    ],
    "appointments:discard": lambda w: [
        *i18n("appointments:discard", OWN_OF["requester"], kwargs={"pk": w.req_draft.pk}),
        *i18n(
            "appointments:discard",
            S(404, anonymous=LOGIN, other_requester=_sent_request(w)),
            kwargs={"pk": w.req_restricted.pk},
            method="post",
            data={},
            langs=("en",),
        ),
        *i18n(
            "appointments:discard",
            S(404, anonymous=LOGIN, requester=Redirect("/{lang}/requests/")),
            kwargs={"pk": w.req_spare.pk},
            method="post",
            data={},
            langs=("en",),
        ),
    ],
    # The proposal: the requester's alone, once the network has sent it.
    "appointments:proposal": lambda w: [
        *i18n(
            "appointments:proposal", OWN_OF["other_requester"], kwargs={"pk": w.req_restricted.pk}
        ),
        *i18n("appointments:proposal", S(404, anonymous=LOGIN), kwargs={"pk": w.req_draft.pk}),
    ],
    "appointments:dossier": lambda w: [
        *i18n(
            "appointments:dossier", OWN_OF["other_requester"], kwargs={"pk": w.req_restricted.pk}
        ),
        *i18n("appointments:dossier", S(404, anonymous=LOGIN), kwargs={"pk": w.req_draft.pk}),
    ],
    "appointments:outcome": lambda w: [
        *i18n("appointments:outcome", POST_ONLY, kwargs={"pk": w.req_restricted.pk}, langs=("en",)),
        *i18n(
            "appointments:outcome",
            S(404, anonymous=LOGIN, other_requester=400),
            kwargs={"pk": w.req_restricted.pk},
            method="post",
            data={"outcome": "from-list"},  # nobody is marked appointed: refused
            langs=("en",),
        ),
    ],
    "appointments:relay": lambda w: [
        *i18n(
            "appointments:relay",
            OWN_OF["other_requester"],
            kwargs={"pk": w.req_restricted.pk, "invitation": w.invitation.pk},
        ),
        *i18n(
            "appointments:relay",
            S(404, anonymous=LOGIN, other_requester=400),
            kwargs={"pk": w.req_restricted.pk, "invitation": w.invitation.pk},
            method="post",
            data={},
            langs=("en",),
        ),
    ],
    "appointments:outcomes": lambda w: i18n("appointments:outcomes", PUBLIC),
    # Her photo: only where she released it, which the member in the proposal did not.
    "appointments:photo": lambda w: i18n(
        "appointments:photo",
        S(404, anonymous=LOGIN),
        kwargs={"pk": w.req_restricted.pk, "invitation": w.invitation.pk},
    ),
    # A mediator's invitations, in her member area: her own, nobody else's.
    "appointments:invitations": lambda w: i18n("appointments:invitations", OWN_PROFILE),
    "appointments:invitation": lambda w: [
        *i18n(
            "appointments:invitation",
            S(404, anonymous=LOGIN, member=200),
            kwargs={"pk": w.invitation.pk},
        ),
        # An empty answer is refused; anyone else is told it does not exist.
        *i18n(
            "appointments:invitation",
            S(404, anonymous=LOGIN, member=400),
            kwargs={"pk": w.invitation.pk},
            method="post",
            data={},
            langs=("en",),
        ),
    ],
    # Accounts (allauth): every page a visitor reaches without a key, and the keyed ones
    # with a key that does not exist.
    "account_login": lambda w: i18n("account_login", S(**LANDING, anonymous=200)),
    "account_logout": lambda w: i18n("account_logout", S(200, anonymous=Redirect("/{lang}/"))),
    "account_inactive": lambda w: i18n("account_inactive", PUBLIC, langs=("en",)),
    "account_signup": lambda w: i18n("account_signup", S(**LANDING, anonymous=200)),
    "account_reauthenticate": lambda w: i18n("account_reauthenticate", MEMBER_AREA),
    "account_request_reauthentication_code": lambda w: i18n(
        "account_request_reauthentication_code", MEMBER_AREA, langs=("en",)
    ),
    "account_confirm_reauthentication_code": lambda w: i18n(
        "account_confirm_reauthentication_code",
        S(Redirect("/{lang}/accounts/reauthenticate/code/"), anonymous=LOGIN),
        langs=("en",),
    ),
    "account_email": lambda w: i18n("account_email", MEMBER_AREA),
    "account_email_verification_sent": lambda w: i18n(
        "account_email_verification_sent", PUBLIC, langs=("en",)
    ),
    "account_change_password": lambda w: i18n("account_change_password", MEMBER_AREA),
    # Everyone here has a password already: she changes it instead.
    "account_set_password": lambda w: i18n(
        "account_set_password",
        S(Redirect("/{lang}/accounts/password/change/"), anonymous=LOGIN),
        langs=("en",),
    ),
    "account_reset_password": lambda w: i18n("account_reset_password", PUBLIC),
    # No sign-in is waiting for a code or a second factor: back to the start.
    "account_confirm_login_code": lambda w: i18n(
        "account_confirm_login_code", NOTHING_PENDING, langs=("en",)
    ),
    "account_confirm_email": lambda w: i18n(
        "account_confirm_email", PUBLIC, kwargs={"key": "no-such-key"}, langs=("en",)
    ),
    "account_reset_password_from_key_done": lambda w: i18n(
        "account_reset_password_from_key_done", PUBLIC, langs=("en",)
    ),
    "account_reset_password_from_key": lambda w: i18n(
        "account_reset_password_from_key",
        PUBLIC,
        kwargs={"uidb36": "zz", "key": "no-such-key"},
        langs=("en",),
    ),
    "account_reset_password_done": lambda w: i18n(
        "account_reset_password_done", PUBLIC, langs=("en",)
    ),
    "mfa_index": lambda w: i18n("mfa_index", MEMBER_AREA),
    "mfa_authenticate": lambda w: i18n("mfa_authenticate", NOTHING_PENDING, langs=("en",)),
    # Members have no second factor to re-enter; staff have one.
    "mfa_reauthenticate": lambda w: i18n(
        "mfa_reauthenticate",
        S(200, anonymous=LOGIN, non_staff=Redirect("/{lang}/accounts/reauthenticate/")),
        langs=("en",),
    ),
    # Changing a second factor asks for the password again first (force_login is not fresh).
    "mfa_activate_totp": lambda w: i18n("mfa_activate_totp", REAUTHENTICATE, langs=("en",)),
    "mfa_deactivate_totp": lambda w: i18n(
        "mfa_deactivate_totp",
        S(REAUTHENTICATE_FIRST, anonymous=LOGIN, non_staff=404),
        langs=("en",),
    ),
    # Nobody here has generated recovery codes.
    "mfa_view_recovery_codes": lambda w: i18n(
        "mfa_view_recovery_codes", S(404, anonymous=LOGIN), langs=("en",)
    ),
    "mfa_generate_recovery_codes": lambda w: i18n(
        "mfa_generate_recovery_codes", REAUTHENTICATE, langs=("en",)
    ),
    "mfa_download_recovery_codes": lambda w: i18n(
        "mfa_download_recovery_codes", S(404, anonymous=LOGIN), langs=("en",)
    ),
    "usersessions_list": lambda w: i18n("usersessions_list", MEMBER_AREA),
    # The back office. Non-staff are sent to its login page (which sends them on to the
    # site's, or refuses a signed-in non-staff account); staff without a role see only
    # what their group may.
    "admin:index": lambda w: plain("admin:index", ADMIN_ANY_STAFF),
    "admin:login": lambda w: plain(
        "admin:login",
        S(403, anonymous=Redirect("/en/accounts/login/"), staffers=Redirect("/admin/")),
    ),
    # Signing out takes a POST; a GET from staff is refused, anyone else is sent on.
    "admin:logout": lambda w: plain("admin:logout", S(Redirect("/admin/"), staffers=405)),
    "admin:password_change": lambda w: plain("admin:password_change", ADMIN_ANY_STAFF),
    "admin:password_change_done": lambda w: plain("admin:password_change_done", ADMIN_ANY_STAFF),
    "admin:jsi18n": lambda w: plain("admin:jsi18n", ADMIN_ANY_STAFF),
    "admin:autocomplete": lambda w: [
        *plain(
            "admin:autocomplete",
            admin_for("curator"),
            query=_autocomplete("processes", "engagement", "process"),
        ),
        # Curators record engagements, and the engagement form picks her through this
        # autocomplete: they need it (names only; they see them in the engagement list).
        *plain(
            "admin:autocomplete",
            admin_for("curator"),
            query=_autocomplete("processes", "engagement", "mediator"),
        ),
        # Editors link an article's author to her profile the same way, and the article to
        # published processes.
        *plain(
            "admin:autocomplete",
            admin_for("editor"),
            query=_autocomplete("wpm", "articleauthor", "mediator"),
        ),
        *plain(
            "admin:autocomplete",
            admin_for("editor", "curator"),
            query=_autocomplete("wpm", "article", "related_processes"),
        ),
        *plain(
            "admin:autocomplete",
            admin_for("curator"),
            query=_autocomplete("processes", "processlink", "target"),
        ),
        *plain(
            "admin:autocomplete",
            admin_for("curator"),
            query=_autocomplete("processes", "processparty", "party"),
        ),
        *plain(
            "admin:autocomplete", admin_for(), query=_autocomplete("mediators", "mediator", "user")
        ),
    ],
    "admin:view_on_site": lambda w: plain(
        "admin:view_on_site",
        S(ADMIN_LOGIN, staffers=Redirect(f"http://testserver{w.hedda.get_absolute_url()}")),
        args=[ContentType.objects.get_for_model(Mediator).pk, w.hedda.pk],
    ),
    "admin:app_list": lambda w: [
        *plain("admin:app_list", admin_app(), kwargs={"app_label": "mediators"}),
        *plain("admin:app_list", admin_app("curator"), kwargs={"app_label": "processes"}),
        *plain("admin:app_list", admin_app("editor"), kwargs={"app_label": "wpm"}),
        *plain("admin:app_list", admin_app(), kwargs={"app_label": "admin"}),
        *plain("admin:app_list", admin_app(), kwargs={"app_label": "outbox"}),
        *plain("admin:app_list", admin_app(*FOCAL), kwargs={"app_label": "appointments"}),
    ],
    # Changelists of every registered model.
    "admin:mediators_mediator_changelist": lambda w: [
        *plain("admin:mediators_mediator_changelist", admin_for()),
        *plain("admin:mediators_mediator_changelist", admin_for(), query="q=Hedda"),
    ],
    "admin:mediators_expertisearea_changelist": lambda w: plain(
        "admin:mediators_expertisearea_changelist", admin_for()
    ),
    "admin:mediators_contactmessage_changelist": lambda w: plain(
        "admin:mediators_contactmessage_changelist", admin_for()
    ),
    "admin:processes_process_changelist": lambda w: plain(
        "admin:processes_process_changelist", admin_for("curator")
    ),
    "admin:processes_engagement_changelist": lambda w: plain(
        "admin:processes_engagement_changelist", admin_for("curator")
    ),
    "admin:processes_agreement_changelist": lambda w: plain(
        "admin:processes_agreement_changelist", admin_for("curator")
    ),
    "admin:processes_party_changelist": lambda w: plain(
        "admin:processes_party_changelist", admin_for("curator")
    ),
    "admin:processes_instrument_changelist": lambda w: plain(
        "admin:processes_instrument_changelist", admin_for("curator")
    ),
    "admin:wpm_article_changelist": lambda w: plain(
        "admin:wpm_article_changelist", admin_for("editor")
    ),
    "admin:wpm_page_changelist": lambda w: plain("admin:wpm_page_changelist", admin_for("editor")),
    "admin:wpm_event_changelist": lambda w: plain(
        "admin:wpm_event_changelist", admin_for("editor")
    ),
    "admin:wpm_voice_changelist": lambda w: plain(
        "admin:wpm_voice_changelist", admin_for("editor")
    ),
    "admin:wpm_topic_changelist": lambda w: plain(
        "admin:wpm_topic_changelist", admin_for("editor")
    ),
    "admin:appointments_role_changelist": lambda w: plain(
        "admin:appointments_role_changelist", admin_for()
    ),
    "admin:appointments_requester_changelist": lambda w: [
        *plain("admin:appointments_requester_changelist", admin_for(*FOCAL)),
        *plain("admin:appointments_requester_changelist", admin_for(*FOCAL), query="status=all"),
    ],
    "admin:appointments_request_changelist": lambda w: plain(
        "admin:appointments_request_changelist", admin_for(*FOCAL)
    ),
    "admin:wpm_user_changelist": lambda w: plain("admin:wpm_user_changelist", admin_for()),
    "admin:auth_group_changelist": lambda w: plain("admin:auth_group_changelist", admin_for()),
    "admin:outbox_mail_changelist": lambda w: plain("admin:outbox_mail_changelist", admin_for()),
    "admin:django_tasks_database_dbtaskresult_changelist": lambda w: plain(
        "admin:django_tasks_database_dbtaskresult_changelist", admin_for()
    ),
    "admin:admin_logentry_changelist": lambda w: plain(
        "admin:admin_logentry_changelist", admin_for()
    ),
    "admin:account_emailaddress_changelist": lambda w: plain(
        "admin:account_emailaddress_changelist", admin_for()
    ),
    "admin:mfa_authenticator_changelist": lambda w: plain(
        "admin:mfa_authenticator_changelist", admin_for()
    ),
    "admin:usersessions_usersession_changelist": lambda w: plain(
        "admin:usersessions_usersession_changelist", admin_for()
    ),
    # Per-object pages of the models that hold private data.
    "admin:mediators_mediator_add": lambda w: plain("admin:mediators_mediator_add", admin_for()),
    "admin:mediators_mediator_change": lambda w: [
        *plain("admin:mediators_mediator_change", admin_for(), args=[w.hedda.pk]),
        *plain("admin:mediators_mediator_change", admin_for(), args=[w.sina.pk]),
    ],
    # What a member changed since staff verified her profile: staff who may change profiles.
    "admin:mediators_mediator_changes": lambda w: [
        *plain(
            "admin:mediators_mediator_changes",
            S(ADMIN_LOGIN, staffers=404, superuser=200),
            args=[w.pia.pk],
        ),
        *plain(
            "admin:mediators_mediator_changes",
            S(ADMIN_LOGIN, staffers=404, superuser=400),  # nothing ticked: nothing put back
            args=[w.pia.pk],
            method="post",
            data={"put_back": "1"},
        ),
        # A profile not listed has no verified state to compare with.
        *plain(
            "admin:mediators_mediator_changes",
            S(ADMIN_LOGIN, staffers=404),
            args=[w.sina.pk],
        ),
    ],
    "admin:mediators_mediator_history": lambda w: plain(
        "admin:mediators_mediator_history", admin_for(), args=[w.hedda.pk]
    ),
    "admin:mediators_mediator_delete": lambda w: plain(
        "admin:mediators_mediator_delete", admin_for(), args=[w.hedda.pk]
    ),
    "admin:mediators_contactmessage_change": lambda w: plain(
        "admin:mediators_contactmessage_change",
        admin_for(),
        args=[ContactMessage.objects.get(mediator=w.member_profile).pk],
    ),
    "admin:outbox_mail_change": lambda w: plain(
        "admin:outbox_mail_change",
        admin_for(),
        args=[Mail.objects.get(subject__contains="Ashgrove").pk],
    ),
    "admin:processes_engagement_change": lambda w: [
        *plain("admin:processes_engagement_change", admin_for("curator"), args=[w.staff_only.pk]),
        *plain("admin:processes_engagement_change", admin_for("curator"), args=[w.anonymised.pk]),
    ],
    "admin:processes_engagement_history": lambda w: plain(
        "admin:processes_engagement_history", admin_for("curator"), args=[w.staff_only.pk]
    ),
    "admin:processes_process_change": lambda w: plain(
        "admin:processes_process_change", admin_for("curator"), args=[w.p_draft.pk]
    ),
    "admin:processes_process_simple_history": lambda w: plain(
        "admin:processes_process_simple_history",
        admin_for("curator"),
        args=[w.p_draft.pk, _history_id(w.p_draft)],
    ),
    "admin:wpm_article_change": lambda w: plain(
        "admin:wpm_article_change", admin_for("editor"), args=[w.art_draft.pk]
    ),
    "admin:wpm_article_add": lambda w: plain("admin:wpm_article_add", admin_for("editor")),
    "admin:wpm_voice_change": lambda w: plain(
        "admin:wpm_voice_change", admin_for("editor"), args=[w.voice_draft.pk]
    ),
    "admin:wpm_page_change": lambda w: plain(
        "admin:wpm_page_change", admin_for("editor"), args=[w.page_draft.pk]
    ),
    "admin:auth_user_password_change": lambda w: plain(
        "admin:auth_user_password_change", admin_for(), args=[w.users["member"].pk]
    ),
    "admin:wpm_user_change": lambda w: plain(
        "admin:wpm_user_change", admin_for(), args=[w.users["member"].pk]
    ),
    # A restricted request: a focal point without the permission is told it does not exist.
    "admin:appointments_request_change": lambda w: [
        *plain("admin:appointments_request_change", admin_for(*FOCAL), args=[w.req_draft.pk]),
        *plain(
            "admin:appointments_request_change",
            admin_for("restricted_focal_point", focal_point=Redirect("/admin/")),
            args=[w.req_restricted.pk],
        ),
    ],
    "admin:appointments_request_history": lambda w: plain(
        "admin:appointments_request_history",
        admin_for("restricted_focal_point", focal_point=Redirect("/admin/")),
        args=[w.req_restricted.pk],
    ),
    "admin:appointments_request_simple_history": lambda w: plain(
        "admin:appointments_request_simple_history",
        admin_for("restricted_focal_point", focal_point=Redirect("/admin/")),
        args=[w.req_restricted.pk, _history_id(w.req_restricted)],
    ),
    # Matching: focal points alone, and a restricted request only for those who may see it.
    "admin:appointments_request_candidates": lambda w: [
        *plain(
            "admin:appointments_request_candidates",
            S(ADMIN_LOGIN, staffers=404, superuser=200, focal_points=200),
            args=[w.req_draft.pk],
        ),
        *plain(
            "admin:appointments_request_candidates",
            S(ADMIN_LOGIN, staffers=404, superuser=200, restricted_focal_point=200),
            args=[w.req_restricted.pk],
        ),
        *plain(
            "admin:appointments_request_candidates",
            S(ADMIN_LOGIN, staffers=405),
            args=[w.req_draft.pk],
            method="post",
            data={},
        ),
    ],
    # Shortlisting takes a POST from a focal point who may see the request.
    "admin:appointments_request_shortlist": lambda w: [
        *plain(
            "admin:appointments_request_shortlist",
            S(ADMIN_LOGIN, staffers=405),
            args=[w.req_draft.pk],
        ),
        *plain(
            "admin:appointments_request_shortlist",
            S(
                ADMIN_LOGIN,
                staffers=404,
                superuser=Redirect(f"/admin/appointments/request/{w.req_draft.pk}/candidates/"),
                focal_points=Redirect(f"/admin/appointments/request/{w.req_draft.pk}/candidates/"),
            ),
            args=[w.req_draft.pk],
            method="post",
            data={},
        ),
        *plain(
            "admin:appointments_request_shortlist",
            S(
                ADMIN_LOGIN,
                staffers=404,
                superuser=Redirect(
                    f"/admin/appointments/request/{w.req_restricted.pk}/candidates/"
                ),
                restricted_focal_point=Redirect(
                    f"/admin/appointments/request/{w.req_restricted.pk}/candidates/"
                ),
            ),
            args=[w.req_restricted.pk],
            method="post",
            data={},
        ),
    ],
    # Proposing and recording the outcome: a POST from a focal point who may see the request.
    "admin:appointments_request_propose": lambda w: _decide_on(w, "propose"),
    "admin:appointments_request_outcome": lambda w: _decide_on(w, "outcome"),
    # Who looked at a proposal: focal points, and a restricted request's only for those who may.
    "admin:appointments_access_changelist": lambda w: plain(
        "admin:appointments_access_changelist", admin_for(*FOCAL)
    ),
    "admin:appointments_requester_change": lambda w: plain(
        "admin:appointments_requester_change",
        admin_for(*FOCAL),
        args=[w.users["requester"].requester.pk],
    ),
    # The audit log is read-only, even for superusers.
    "admin:admin_logentry_change": lambda w: plain(
        "admin:admin_logentry_change", admin_for(), args=[w.log_entry.pk]
    ),
    "admin:admin_logentry_history": lambda w: plain(
        "admin:admin_logentry_history", admin_for(), args=[w.log_entry.pk]
    ),
    "admin:admin_logentry_add": lambda w: plain(
        "admin:admin_logentry_add", S(ADMIN_LOGIN, staffers=403)
    ),
    "admin:admin_logentry_delete": lambda w: plain(
        "admin:admin_logentry_delete", S(ADMIN_LOGIN, staffers=403), args=[w.log_entry.pk]
    ),
}

# Named patterns outside this suite, each with the reason. Everything else is in MATRIX.
OUTSIDE = {
    # The admin generates add, change, history and delete views for every registered model
    # (simple-history adds one more). Their rule is Django's own model permission check, the
    # same code for every model; MATRIX covers every changelist and these views for the models
    # that hold private data (mediators, engagements, contact messages, users, the audit log,
    # draft processes, articles and pages).
    r"admin:\w+_(add|change|history|delete|simple_history)": "generated per-object admin views",
}


def url_pattern_names():
    """Every named URL pattern of the site, with its namespaces, however deeply included."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns, ""))


def is_outside(name):
    return any(re.fullmatch(rule, name) for rule in OUTSIDE)
