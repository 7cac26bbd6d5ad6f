import datetime
import re
import secrets
from collections.abc import Iterable, Sequence
from typing import Any, Self

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import connection, models, transaction
from django.db.models import F, Q, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wpm import phones
from wpm.addresses import address
from wpm.choices import BilingualName
from wpm.loading import QuickLoading
from wpm.markup import render_markdown
from wpm.models import Language, PageVersion, User
from wpm.names import fold
from wpm.shapes import Shape
from wpm.textsearch import WEB_SEARCH, close_to, typo_tolerant

from . import changes
from .documents import search_columns, summary_of
from .presentation import Presentation

# Her tracks, backgrounds, languages, trainings and regions, defined beside these: imported here
# so that the app registers them.
from .qualifications import (  # noqa: F401
    MediatorBackground,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
)
from .signals import listing_changed
from .storage import photo_storage

# Whoever asks for a page: a member or staff signed in, or anyone.
type Visitor = User | AnonymousUser | None


class Audience(models.IntegerChoices):
    """Who may see something, from everyone to staff alone. Higher sees everything lower sees."""

    PUBLIC = 0, _("Everyone")
    MEMBERS = 1, _("Signed-in members")
    STAFF = 2, _("Staff only")

    @classmethod
    def of(cls, user: Visitor) -> "Audience":
        """The audience a visitor belongs to: staff, an approved member, or the public."""
        if user is None or not user.is_authenticated:
            return cls.PUBLIC
        if user.is_staff:
            return cls.STAFF
        known = vars(user)  # asked once per request: the user object lives as long
        if "_wpm_audience" not in known:
            approved = Mediator.objects.listed().filter(user=user)
            known["_wpm_audience"] = cls.MEMBERS if approved.exists() else cls.PUBLIC
        return known["_wpm_audience"]


# A folded name may be longer than the name (ß is ss); its first letters sort it.
SORT_NAME_LENGTH = 160

# The audiences' names in columns: search_public, search_members, search_staff.
AUDIENCE_NAMES = {Audience.PUBLIC: "public", Audience.MEMBERS: "members", Audience.STAFF: "staff"}


class ExpertiseArea(BilingualName, models.Model):
    """A staff-managed area of expertise, named in English and German."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("expertise area")
        verbose_name_plural = _("expertise areas")
        ordering = ["position", "name_en"]

    def __str__(self) -> str:
        return self.name


def _slug_number() -> int:
    """Six digits: never the five of the demo's addresses (demo.mediators)."""
    return 100_000 + secrets.randbelow(900_000)


def _pseudonym() -> str:
    return "Mediator " + "".join(secrets.choice("ACDEFGHJKLMNPQRTUVWXY3479") for _ in range(5))


def visible_rule(audience: Audience, through: str = "") -> Q:
    """Which profiles this audience may see (MediatorQuerySet.visible_to), as a condition on
    the profile, or on one a row leads to through a relation ("mediator__")."""
    listed = Q(**{f"{through}status": Mediator.Status.APPROVED})
    if audience == Audience.STAFF:
        return listed
    modes = [Mediator.Visibility.PUBLIC, Mediator.Visibility.PROTECTED]
    if audience >= Audience.MEMBERS:
        modes.append(Mediator.Visibility.MEMBERS)
    return listed & Q(**{f"{through}visibility__in": modes})


def named_rule(audience: Audience, through: str = "") -> Q:
    """Which profiles this audience may see under their own name (MediatorQuerySet.named_to),
    as visible_rule() gives it."""
    visible = visible_rule(audience, through)
    if audience == Audience.PUBLIC:
        return visible & ~Q(**{f"{through}visibility": Mediator.Visibility.PROTECTED})
    return visible


class MediatorQuerySet(models.QuerySet):
    def listed(self) -> Self:
        """Profiles staff have approved; only these appear anywhere outside the member area."""
        return self.filter(status=Mediator.Status.APPROVED)

    def changed_since_verification(self) -> Self:
        """Listed profiles whose member edited them since staff last verified them."""
        return self.listed().filter(changed_at__isnull=False)

    def visible_to(self, user: Visitor) -> Self:
        """Listed profiles whose visibility mode admits this visitor."""
        return self.filter(visible_rule(Audience.of(user)))

    def named_to(self, user: Visitor) -> Self:
        """Profiles this visitor may see under their own name: the public sees a protected
        profile only as her pseudonym, so nothing may link her name to her."""
        return self.filter(named_rule(Audience.of(user)))

    def audience_of(self, user: Visitor) -> Audience:
        """The audience whose rules say what this visitor may see of the profiles."""
        return Audience.of(user)

    def named_rule(self, audience: Audience, through: str) -> Q:
        """named_to() as a condition on the profile a row leads to through a relation
        ("mediator__"): for a query of those rows that reads the profile anyway, where a
        subquery per row would cost more to build than the query. It depends on the audience
        alone, which a query of a fixed shape keeps as its key (wpm.shapes)."""
        return named_rule(audience, through)

    def search(self, words: str, audience: Audience, *, typos: bool = True) -> Self:
        """Profiles whose words for this audience hold the words, best first: the roster's
        search and the site's. A protected profile is found by what the audience may read of
        it and nothing more.

        PostgreSQL: the words as a web search on the audience's search vector, ranked by her
        rank vector; if none holds them, profiles with a word close to them (a typo), unless
        ``typos`` is False (then close_to() finds them). SQLite, in development: every word in
        the audience's text, by name. The words are folded as the documents are (wpm.names.fold):
        with or without accents, in any case, they find the same.
        """
        column = AUDIENCE_NAMES[audience]
        words = fold(words)
        if connection.vendor == "postgresql":
            query = SearchQuery(words, **WEB_SEARCH)
            matching = typo_tolerant(
                self,
                Q(**{f"search_{column}": query}),
                SearchRank(F(f"rank_{column}"), query),
                f"search_text_{column}",
                words,
                typos=typos,
            )
            return matching.order_by("-rank", "sort_name", "pk")
        matching = self
        for word in words.split():
            matching = matching.filter(**{f"search_text_{column}__icontains": word})
        return matching.order_by("sort_name", "pk")

    def close_to(self, words: str, audience: Audience) -> Self:
        """Profiles with a word for this audience close to the words (a typo), closest first:
        what search() finds when the words themselves find nothing. PostgreSQL only."""
        if connection.vendor != "postgresql":
            return self.none()
        column = AUDIENCE_NAMES[audience]
        return close_to(self, f"search_text_{column}", fold(words)).order_by(
            "-rank", "sort_name", "pk"
        )

    def for_cards(self) -> Self:
        """Everything a roster card shows (Presentation.card), in one query, and no more:
        a long search sorts its matches with these columns only."""
        return self.only(*Mediator.CARD_FIELDS)

    def for_profile(self) -> Self:
        """Everything a profile page shows, in two queries: her lists are in her summary."""
        return self.profile_row().prefetch_related(*PROFILE_RELATED)

    def profile_row(self) -> Self:
        """Her own row as her profile page reads it: all but her search documents."""
        return self.defer(*Mediator.SEARCH_FIELDS)

    def needing_verification(self) -> Self:
        """Approved profiles that staff have not verified for a year."""
        year_ago = timezone.localdate() - datetime.timedelta(days=365)
        return self.listed().filter(Q(verified_on__isnull=True) | Q(verified_on__lt=year_ago))


# The SQL of a profile page's own row, once per audience (Mediator.for_page), and what the
# page reads beside her row: for_profile() and for_page() read the same.
PROFILE_PAGE = Shape()
PROFILE_RELATED = ("trainings",)


class Mediator(QuickLoading, models.Model):
    """A member's profile: who she is, what she knows, and who may see which part of it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes", _("Changes requested")
        DECLINED = "declined", _("Declined")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: on the public roster")
        MEMBERS = "members", _("Members only: signed-in members and staff")
        PROTECTED = "protected", _("Protected: the public sees a pseudonym, regions and expertise")
        HIDDEN = "hidden", _("Hidden: staff only")

    class Availability(models.TextChoices):
        AVAILABLE = "available", _("Available")
        LIMITED = "limited", _("Limited availability")
        UNAVAILABLE = "unavailable", _("Not available")

    # The sections whose audience the member chooses, with the cautious default for each.
    SECTIONS = {
        "photo": Audience.MEMBERS,
        "bio": Audience.MEMBERS,
        "nationalities": Audience.STAFF,
        "country": Audience.STAFF,
        "trainings": Audience.MEMBERS,
        "regions": Audience.MEMBERS,
        "availability": Audience.MEMBERS,
        "phone": Audience.STAFF,
    }
    # Each section's audience field, in the order of the sections: forms and the admin list them.
    AUDIENCE_FIELDS = [f"{section}_audience" for section in SECTIONS]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mediator",
        verbose_name=_("user"),
    )
    display_name = models.CharField(_("display name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=140, unique=True, editable=False)
    pseudonym = models.CharField(
        _("pseudonym"), max_length=40, unique=True, default=_pseudonym, editable=False
    )
    public_name = models.CharField(max_length=120, editable=False)
    # Her public name as lists sort it, folded (wpm.names.fold): "Ángela" and "de Silva"
    # among the a's and d's, not after "Zhang" as the letters' codes would have them.
    sort_name = models.CharField(max_length=SORT_NAME_LENGTH, editable=False, db_index=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    photo = models.ImageField(_("photo"), storage=photo_storage, blank=True, editable=False)
    photo_small = models.ImageField(storage=photo_storage, blank=True, editable=False)
    headline = models.CharField(
        _("headline"), max_length=160, help_text=_("Your current role, in one line.")
    )
    bio = models.TextField(
        _("biography"),
        max_length=5000,
        blank=True,
        help_text=_("Plain text; *emphasis*, **bold**, lists and links are allowed."),
    )
    # The language she writes her headline, biography and notes in: pages in another mark them
    # with it, so a screen reader reads them with the right voice.
    text_language = models.CharField(
        _("language of the texts"),
        max_length=8,
        default="en",
        help_text=_("The language of your headline, biography and notes."),
    )
    # The language she last worked on her profile in: the network's mails reach her in it,
    # whoever sends them from a page in another.
    mail_language = models.CharField(
        _("language of the network's mails"),
        max_length=2,
        choices=Language,
        default=Language.ENGLISH,
        help_text=_("The language she last edited her profile in."),
    )
    country = CountryField(_("country where based"), blank=True)
    nationalities = CountryField(_("nationalities"), multiple=True, blank=True)
    years_experience = models.PositiveSmallIntegerField(
        _("years of mediation experience"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(70)],
    )
    expertise = models.ManyToManyField(
        ExpertiseArea, blank=True, related_name="mediators", verbose_name=_("expertise areas")
    )
    availability = models.CharField(
        _("availability"), max_length=12, choices=Availability, default=Availability.LIMITED
    )
    deploys_within_72h = models.BooleanField(_("can deploy within 72 hours"), default=False)
    remote_only = models.BooleanField(_("remote only"), default=False)
    availability_note = models.CharField(_("note on availability"), max_length=200, blank=True)
    phone = models.CharField(
        _("phone number"),
        max_length=16,
        blank=True,
        help_text=_(
            "With its country code. Only staff see it unless you choose otherwise under Privacy."
        ),
    )
    accepts_contact = models.BooleanField(
        _("accept messages through the contact form"),
        default=True,
        help_text=_("Your email address is never shown; messages reach you by email."),
    )

    visibility = models.CharField(
        _("who may see your profile"), max_length=10, choices=Visibility, default=Visibility.MEMBERS
    )
    photo_audience = models.PositiveSmallIntegerField(
        _("photo"), choices=Audience, default=SECTIONS["photo"]
    )
    bio_audience = models.PositiveSmallIntegerField(
        _("biography"), choices=Audience, default=SECTIONS["bio"]
    )
    nationalities_audience = models.PositiveSmallIntegerField(
        _("nationalities"), choices=Audience, default=SECTIONS["nationalities"]
    )
    country_audience = models.PositiveSmallIntegerField(
        _("country where based"), choices=Audience, default=SECTIONS["country"]
    )
    trainings_audience = models.PositiveSmallIntegerField(
        _("trainings"), choices=Audience, default=SECTIONS["trainings"]
    )
    regions_audience = models.PositiveSmallIntegerField(
        _("regional experience"), choices=Audience, default=SECTIONS["regions"]
    )
    availability_audience = models.PositiveSmallIntegerField(
        _("availability"), choices=Audience, default=SECTIONS["availability"]
    )
    phone_audience = models.PositiveSmallIntegerField(
        _("phone number"), choices=Audience, default=SECTIONS["phone"]
    )

    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    staff_feedback = models.TextField(_("feedback from staff"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    verified_on = models.DateField(_("last verified by staff"), null=True, blank=True)
    # Her profile as staff last verified it (mediators.changes), and since when it differs.
    verified_content = models.JSONField(default=dict, blank=True, editable=False)
    changed_at = models.DateTimeField(
        _("changed since verification"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Her lists as cards and profile pages show them, kept with the search documents
    # (mediators.documents.summary_of).
    summary = models.JSONField(default=dict, blank=True, editable=False)
    # Search documents, one per audience, rebuilt by refresh_search().
    search_text_public = models.TextField(blank=True, editable=False)
    search_text_members = models.TextField(blank=True, editable=False)
    search_text_staff = models.TextField(blank=True, editable=False)
    search_public = SearchVectorField(null=True, editable=False)
    search_members = SearchVectorField(null=True, editable=False)
    search_staff = SearchVectorField(null=True, editable=False)
    # The heavier-weighted part of each (name, headline, expertise), small enough to stay in
    # the row: results are ranked by it without unpacking the full documents.
    rank_public = SearchVectorField(null=True, editable=False)
    rank_members = SearchVectorField(null=True, editable=False)
    rank_staff = SearchVectorField(null=True, editable=False)

    objects = MediatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("mediator")
        verbose_name_plural = _("mediators")
        ordering = ["sort_name"]
        indexes = [
            # The roster: listed profiles of a visibility mode, by name (sort_name). With the
            # ids, counts that join the listed profiles (engagements on the insights page) read
            # the index alone, not the wide rows.
            models.Index(
                fields=["status", "visibility", "sort_name"],
                include=["id"],
                name="mediator_roster_idx",
            ),
            # The staff queue of profiles waiting for review.
            models.Index(fields=["status", "submitted_at"], name="mediator_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(years_experience__lte=70), name="mediator_years_experience_range"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.public_name = (
            self.pseudonym if self.visibility == self.Visibility.PROTECTED else self.display_name
        )
        self.sort_name = fold(self.public_name)[:SORT_NAME_LENGTH]
        # Folded first: slugify() drops the letters with a stroke, "Đặng" was "ang".
        wanted = slugify(fold(self.public_name)[:120]) or "mediator"
        if not re.fullmatch(rf"{re.escape(wanted)}(-\d+)?", self.slug or ""):
            self.slug = self._new_slug(wanted)
        if self._state.adding:
            while Mediator.objects.filter(pseudonym=self.pseudonym).exists():
                self.pseudonym = _pseudonym()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "slug", "public_name", "sort_name"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return address("mediators:profile", slug=self.slug)

    @classmethod
    def for_page(cls, slug: str, user: Visitor) -> "Mediator | None":
        """The listed profile at this address if this visitor may see it, read as
        for_profile() reads it. Its row's SQL is written once per audience (wpm.shapes):
        building and writing it took 0.8 ms of the 1.1 it cost."""
        found = PROFILE_PAGE.objects(
            lambda slug: cls.objects.visible_to(user).profile_row().filter(slug=slug),
            [slug],
            key=(Audience.of(user),),
        )
        prefetch_related_objects(found, *PROFILE_RELATED)
        return found[0] if found else None

    def _new_slug(self, base: str) -> str:
        """Her address: her name and a random number, or, for a protected profile, only her
        pseudonym (itself random). The number never depends on other profiles: numbered in
        turn, "-2" would tell anyone, the public looking at a listed namesake or a newcomer
        trying names on her own draft, that a profile of that name exists that they may not
        see, hidden or members-only."""
        protected = self.visibility == self.Visibility.PROTECTED
        slug = base if protected else f"{base}-{_slug_number()}"
        while Mediator.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug = f"{base}-{_slug_number()}"
        return slug

    @property
    def phone_display(self) -> str:
        return phones.readable(self.phone)

    @property
    def bio_html(self) -> str:
        return render_markdown(self.bio)

    def clean(self) -> None:
        if self.years_experience is not None and self.years_experience > 70:
            raise ValidationError({"years_experience": _("Please enter at most 70 years.")})

    # Who sees what.

    def audience_for(self, section: str) -> int:
        return getattr(self, f"{section}_audience")

    def as_seen_by(self, audience: int, *, owner: bool = False) -> Presentation:
        """The profile as one audience sees it. The owner previews it as any audience."""
        audience = Audience(audience)
        pseudonymous = (
            self.visibility == self.Visibility.PROTECTED
            and audience == Audience.PUBLIC
            and not owner
        )
        shows = {section: self.audience_for(section) <= audience for section in self.SECTIONS}
        if pseudonymous:
            shows = dict.fromkeys(self.SECTIONS, False) | {
                "regions": self.regions_audience == Audience.PUBLIC
            }
        shows["details"] = not pseudonymous
        shows["photo"] = shows["photo"] and bool(self.photo)
        return Presentation(self, audience, pseudonymous, shows)

    # Lifecycle.

    @property
    def is_listed(self) -> bool:
        return self.status == self.Status.APPROVED

    def checklist(self) -> list[dict[str, Any]]:
        """What her profile has and lacks, each part with where she edits it: first what staff
        need to review it, then what makes a profile found and trusted. Read from her summary,
        which every edit refreshes, and her trainings."""
        summary = self.summary or {}

        def section(key: str) -> str:
            return reverse("mediators:me_edit", kwargs={"section": key})

        parts = [
            (_("A headline"), bool(self.headline), True, section("profile")),
            (_("An area of expertise"), bool(summary.get("expertise")), True, section("expertise")),
            (_("A language"), bool(summary.get("languages")), True, section("languages")),
            (_("A photo"), bool(self.photo), False, reverse("mediators:me_photo")),
            (_("A biography"), bool(self.bio), False, section("profile")),
            (_("A track you worked on"), bool(summary.get("tracks")), False, section("expertise")),
            (
                _("A country you worked on"),
                bool(summary.get("countries")),
                False,
                section("regions"),
            ),
            (_("A training"), self.trainings.exists(), False, section("trainings")),
        ]
        return [
            {"label": label, "done": done, "needed": needed, "url": url}
            for label, done, needed, url in parts
        ]

    @property
    def can_submit(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.CHANGES_REQUESTED}

    def submit(self) -> None:
        self.status = self.Status.SUBMITTED
        self.submitted_at = timezone.now()
        self.save(update_fields=["status", "submitted_at", "updated_at"])

    def review(self, status: str, feedback: str = "") -> None:
        """Staff decide on a profile; approving also counts as verifying it today."""
        Mediator.review_all([self], status, feedback)

    @classmethod
    def review_all(cls, mediators: Sequence["Mediator"], status: str, feedback: str = "") -> None:
        """Staff take one decision on several profiles, as review() takes it on one: what
        approving verifies is read for all of them at once, and each is written once."""
        contents = changes.contents_of(mediators) if status == cls.Status.APPROVED else {}
        now = timezone.now()
        moved = []
        for mediator in mediators:
            was_listed = mediator.is_listed
            mediator.status = status
            mediator.staff_feedback = feedback
            mediator.reviewed_at = now
            fields = ["status", "staff_feedback", "reviewed_at", "updated_at"]
            if mediator.pk in contents:
                fields += mediator._verified(contents[mediator.pk])
            mediator.save(update_fields=fields)
            if mediator.is_listed != was_listed:
                moved.append(mediator)
        cls._listing_changed(moved)

    def decided(self, was_listed: bool) -> None:
        """After staff changed her status: where the change lists her, or takes her off the
        roster, the apps that show her elsewhere follow (``signals.listing_changed``)."""
        if self.is_listed != was_listed:
            Mediator._listing_changed([self])

    @classmethod
    def _listing_changed(cls, mediators: Sequence["Mediator"]) -> None:
        """Tell the other apps of profiles a decision listed, or took off the roster."""
        for listed in (True, False):
            moved = [mediator for mediator in mediators if mediator.is_listed == listed]
            if moved:
                listing_changed.send(sender=Mediator, mediators=moved, listed=listed)

    def mark_verified(self) -> None:
        """Staff checked her profile as it reads now: it leaves the queue of changed profiles."""
        Mediator.mark_all_verified([self])

    @classmethod
    def mark_all_verified(cls, mediators: Sequence["Mediator"]) -> None:
        """mark_verified() for several profiles, their content read for all of them at once."""
        contents = changes.contents_of(mediators)
        for mediator in mediators:
            mediator.save(update_fields=mediator._verified(contents[mediator.pk]))

    def _verified(self, content: dict[str, Any]) -> list[str]:
        """Take her content as staff verified it today; the fields to save."""
        self.verified_on = timezone.localdate()
        self.verified_content = content
        self.changed_at = None
        return ["verified_on", "verified_content", "changed_at"]

    def record_edit(self, before: dict[str, Any]) -> None:
        """After she edited her listed profile (`before`, its content until then): it joins the
        staff's queue while it differs from what they verified, and leaves it once it does not."""
        if not self.is_listed:
            return
        if not self.verified_content:  # verified before verification kept its content
            self.verified_content = before
        changed = changes.content_of(self) != self.verified_content
        self.changed_at = (self.changed_at or timezone.now()) if changed else None
        self.save(update_fields=["verified_content", "changed_at"])

    def content(self) -> dict[str, Any]:
        """Everything she writes about herself, as staff verify it."""
        return changes.content_of(self)

    def changes_since_verification(self) -> list[changes.Change]:
        return changes.changes_of(self)

    def put_back(self, parts: Iterable[str]) -> list[str]:
        """Staff return parts of her profile to what they verified; the parts put back."""
        done = changes.put_back(self, parts)
        self.record_edit(self.verified_content)
        self.refresh_search()
        return done

    # Search.

    SEARCH_FIELDS = [
        f"{kind}_{audience}"
        for kind in ("search", "search_text", "rank")
        for audience in AUDIENCE_NAMES.values()
    ]
    CARD_FIELDS = [
        "slug",
        "display_name",
        "pseudonym",
        "public_name",
        "visibility",
        "status",
        "headline",
        "photo",
        "photo_small",
        "availability",
        "years_experience",
        "summary",
        "text_language",
        *AUDIENCE_FIELDS,
    ]
    SEARCH_RELATIONS = ("expertise", "regional_experience", "languages", "tracks", "backgrounds")

    def refresh_search(self) -> None:
        """Rebuild the search documents after the profile or its related rows changed."""
        for name in self.SEARCH_RELATIONS:
            getattr(self, "_prefetched_objects_cache", {}).pop(name, None)
        Mediator.refresh_search_of([self])

    @classmethod
    def refresh_search_of(cls, mediators: Sequence["Mediator"]) -> None:
        """Rebuild the search documents of several profiles: five queries, and one UPDATE each.

        Each audience has its document (mediators.documents): the text it may read, and on
        PostgreSQL the facets it may filter on, both in one vector behind one index.
        """
        prefetch_related_objects(mediators, *cls.SEARCH_RELATIONS)
        for mediator in mediators:
            mediator._update_search()
        PageVersion.bump()  # what search finds changed with the documents

    def _update_search(self) -> None:
        views = {name: self.as_seen_by(audience) for audience, name in AUDIENCE_NAMES.items()}
        values = search_columns(views) | {"summary": summary_of(self)}
        Mediator.objects.filter(pk=self.pk).update(**values)


class ContactMessageQuerySet(models.QuerySet):
    def repeating(self, mediator: Mediator, email: str, message: str) -> Self:
        """The same message from the same address to her within the last
        ContactMessage.REPEAT_WINDOW: a second click, not a second message."""
        return self.filter(
            mediator=mediator,
            email__iexact=email,
            message=message,
            created_at__gte=timezone.now() - ContactMessage.REPEAT_WINDOW,
        )


class ContactMessage(models.Model):
    """A message relayed to a mediator; kept for a limited time, then purged."""

    # A message the same as one sent to her this recently is refused: she would get it twice.
    REPEAT_WINDOW = datetime.timedelta(hours=1)

    class Purpose(models.TextChoices):
        MEDIATION = "mediation", _("A mediation or dialogue process")
        EXPERTISE = "expertise", _("Expert advice or a talk")
        RESEARCH = "research", _("Research or media")
        OTHER = "other", _("Something else")

    mediator = models.ForeignKey(
        Mediator, on_delete=models.CASCADE, related_name="contact_messages"
    )
    # Who wrote it, when she was signed in (a requester through the relay, always): the message
    # is in her data, and goes with her account.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="contact_messages_sent",
        verbose_name=_("sender"),
    )
    name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("your email address"))
    ORGANISATION_LENGTH = 160

    organisation = models.CharField(_("organisation"), max_length=ORGANISATION_LENGTH, blank=True)
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose)
    message = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} → {self.mediator}"


def replace_related(
    mediator: Mediator,
    model: type[MediatorTrack] | type[MediatorBackground],
    field_name: str,
    values: Iterable[str],
) -> None:
    """Make a mediator's rows of a simple child table match the given values."""
    with transaction.atomic():
        current = set(model.objects.filter(mediator=mediator).values_list(field_name, flat=True))
        wanted = set(values)
        model.objects.filter(mediator=mediator, **{f"{field_name}__in": current - wanted}).delete()
        for value in wanted - current:
            model.objects.create(mediator=mediator, **{field_name: value})


# A language, track, background or country added or removed anywhere (a form, the admin, a
# script) changes what search and the filters find: her documents follow at once. When the
# whole profile goes, they go with it.
def _related_rows_changed(sender, instance, raw=False, origin=None, **kwargs):
    deleted = getattr(origin, "model", type(origin))  # an instance or a queryset
    if raw or deleted in (Mediator, get_user_model()):
        return
    mediator = Mediator.objects.filter(pk=instance.mediator_id).first()
    if mediator is not None:
        mediator.refresh_search()


def _expertise_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse and action == "pre_clear":  # an area loses all its mediators: which ones?
        instance._cleared = list(instance.mediators.values_list("pk", flat=True))
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        instance.refresh_search()
        return
    if action == "post_clear":
        pk_set = instance.__dict__.pop("_cleared", [])
    Mediator.refresh_search_of(list(Mediator.objects.filter(pk__in=pk_set)))


def _expertise_area_saved(sender, instance, created, raw=False, **kwargs):
    """A renamed area is found, and shown on cards, by its new name."""
    if not created and not raw:
        Mediator.refresh_search_of(list(instance.mediators.all()))


def connect_search_signals() -> None:
    for model in (MediatorLanguage, MediatorTrack, MediatorBackground, RegionalExperience):
        uid = f"search:{model._meta.label}"
        models.signals.post_save.connect(_related_rows_changed, sender=model, dispatch_uid=uid)
        models.signals.post_delete.connect(_related_rows_changed, sender=model, dispatch_uid=uid)
    models.signals.m2m_changed.connect(
        _expertise_changed, sender=Mediator.expertise.through, dispatch_uid="search:expertise"
    )
    models.signals.post_save.connect(
        _expertise_area_saved, sender=ExpertiseArea, dispatch_uid="search:expertise-area"
    )
