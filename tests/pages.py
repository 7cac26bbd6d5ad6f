"""The pages of the site that the whole-site checks visit, with who visits them."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation

LANGUAGES = ["en", "de"]
ME_SECTIONS = [
    "profile",
    "expertise",
    "languages",
    "trainings",
    "regions",
    "availability",
    "privacy",
]


@dataclass
class Page:
    name: str
    persona: str | None = None  # a fixture name; None is an anonymous visitor
    kwargs: dict = field(default_factory=dict)
    query: str = ""
    slug_of: str | None = None  # a fixture whose object's slug the URL needs
    pk_of: str | None = None  # a fixture whose object's primary key the URL needs
    kwargs_of: str | None = None  # a fixture that gives the URL's arguments
    needs: str | None = None  # a fixture that fills the page with data
    only: str | None = None  # the one language a page exists in (articles)

    @property
    def id(self):
        parts = [self.name.replace(":", "-"), *self.kwargs.values()]
        if self.query:
            parts.append("filtered")
        if self.persona:
            parts.append(self.persona)
        return "-".join(parts)

    def url(self, language, request):
        if self.needs:
            request.getfixturevalue(self.needs)
        kwargs = dict(self.kwargs)
        if self.slug_of:
            kwargs["slug"] = request.getfixturevalue(self.slug_of).slug
        if self.pk_of:
            kwargs["pk"] = request.getfixturevalue(self.pk_of).pk
        if self.kwargs_of:
            kwargs.update(request.getfixturevalue(self.kwargs_of))
        with translation.override(language):
            path = reverse(self.name, kwargs=kwargs)
        return f"{path}?{self.query}" if self.query else path

    def user(self, request):
        return request.getfixturevalue(self.persona) if self.persona else None


PAGES = [
    Page("home"),
    Page("about"),
    Page("impressum"),
    Page("privacy"),
    Page("account_login"),
    Page("account_signup"),
    Page("account_reset_password"),
    Page("account_reset_password_done"),
    Page("account_email_verification_sent"),
    Page("account_email", "member"),
    Page("account_change_password", "member"),
    Page("account_logout", "member"),
    Page("mfa_index", "member"),
    Page("account_reauthenticate", "member"),
    Page("mediators:roster", needs="showcase"),
    Page("mediators:roster", query="language=ar&level=5&expertise=process-design&region=145"),
    Page("mediators:roster", query="language=sw&track=3"),
    Page("mediators:profile", slug_of="showcase"),
    Page("mediators:profile", slug_of="protected_showcase"),
    Page("mediators:contact", slug_of="showcase"),
    Page("mediators:me", "newcomer"),
    Page("mediators:me", "member"),
    Page("mediators:me_photo", "member"),
    Page("mediators:me_import", "newcomer"),
    Page("mediators:me_preview", "member", kwargs={"audience": "public"}),
    *[Page("mediators:me_edit", "member", kwargs={"section": s}) for s in ME_SECTIONS],
    Page("processes:catalogue"),
    Page("processes:catalogue", query="track=1&region=002&stage=ceasefire&network=on"),
    Page("processes:detail", slug_of="showcase_process"),
    Page("processes:insights", needs="showcase_process"),
    Page("processes:agreements", needs="showcase_process"),
    Page("processes:agreements", query="gender=on&region=horn-of-africa&stage=ceasefire"),
    Page("processes:agreement", pk_of="showcase_agreement"),
    Page("processes:instruments", needs="showcase_process"),
    Page("processes:open_data", needs="showcase_process"),
    Page("voice", pk_of="showcase_voice"),
    Page("home", needs="showcase_content"),
    Page("voices", needs="showcase_content"),
    Page("advocacy", needs="showcase_content"),
    Page("article", kwargs={"slug": "showcase-article"}, needs="showcase_content", only="en"),
    Page("article", kwargs={"slug": "schaufenster-beitrag"}, needs="showcase_content", only="de"),
    Page("events", needs="showcase_content"),
    Page("event", kwargs={"slug": "process-design-training"}, needs="showcase_content"),
    Page("page", kwargs={"slug": "peace-mediation"}),
    Page("page", kwargs={"slug": "track-1-mediation"}),
    Page("page", kwargs={"slug": "join"}),
    Page("search", query="q=mediation", needs="showcase_content"),
    Page("appointments:apply"),
    Page("appointments:apply", "newcomer"),
    Page("appointments:apply", "requester"),
    Page("appointments:list", "requester", needs="showcase_request"),
    Page("appointments:new", "requester", needs="showcase_process"),
    Page("appointments:detail", "requester", pk_of="showcase_request"),
    Page("appointments:edit", "requester", pk_of="showcase_draft"),
    Page("appointments:discard", "requester", pk_of="showcase_draft"),
    Page("appointments:invitations", "member", needs="showcase_invitation"),
    Page("appointments:invitation", "member", pk_of="showcase_invitation"),
    Page("appointments:detail", "requester", pk_of="showcase_proposal"),
    Page("appointments:proposal", "requester", pk_of="showcase_proposal"),
    Page("appointments:relay", "requester", kwargs_of="showcase_relay"),
    Page("appointments:outcomes", needs="showcase_outcomes"),
    Page("processes:insights", needs="showcase_outcomes"),
    Page("my_data", "member"),
    Page("saved_searches", "member", needs="showcase_saved_searches"),
    Page("unsubscribe", kwargs_of="showcase_unsubscribe"),
    Page("delete_account", "member"),
    Page("usersessions_list", "member"),
]


def _pairs():
    return [
        (page, language)
        for page in PAGES
        for language in LANGUAGES
        if page.only in (None, language)
    ]


def page_ids():
    return [f"{page.id}-{language}" for page, language in _pairs()]


def page_params():
    return _pairs()
