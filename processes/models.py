from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any, NamedTuple, Self

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import connection, models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q, StringAgg, Subquery, Value
from django.urls import NoReverseMatch, Resolver404, resolve
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from simple_history.models import HistoricalRecords

from mediators.models import Audience, Mediator, Visitor
from wpm.addresses import address
from wpm.choices import Track
from wpm.derived import kept
from wpm.geography import region_name
from wpm.loading import QuickLoading
from wpm.markup import render_markdown, stored_markdown
from wpm.places import Place
from wpm.shapes import Shape
from wpm.textsearch import CONFIG, WEB_SEARCH, StoredVector, close_to, typo_tolerant

# The rest of a process's record, defined beside these: imported here so the app registers them.
from .record import (
    Instrument,
    Milestone,
    ParticipationFigure,
    Party,
    ProcessInstrument,
    ProcessParty,
    Source,
)


class ConflictLevel(models.TextChoices):
    INTRA = "intra", _("Intra-state")
    INTER = "inter", _("Inter-state")
    INTER_INTRA = "inter-intra", _("Inter-state about an intra-state conflict")
    LOCAL = "local", _("Local")


class ConflictType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    TERRITORY = "territory", _("Territory")
    BOTH = "both", _("Government and territory")
    INTER_GROUP = "inter-group", _("Inter-group")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    PRE_NEGOTIATION = "pre", _("Pre-negotiation")
    CEASEFIRE = "ceasefire", _("Ceasefire")
    FRAMEWORK = "framework", _("Framework or partial agreement")
    COMPREHENSIVE = "comprehensive", _("Comprehensive agreement")
    IMPLEMENTATION = "implementation", _("Implementation")
    RENEWAL = "renewal", _("Renewal")
    CONCLUDED = "concluded", _("Concluded")
    SUSPENDED = "suspended", _("Suspended")
    OTHER = "other", _("Other")


# Matches are ranked by name and summary. Ranking computed row by row from the text was the
# costliest part of a search that finds hundreds of processes.
RANK_VECTOR = StoredVector("name", weight="A", config=CONFIG) + StoredVector(
    "summary", weight="B", config=CONFIG
)
# What a search matches: the name, the summary and the description, kept in the row and
# indexed (processes/migrations/0011_process_search_document.py).
SEARCH_VECTOR = RANK_VECTOR + StoredVector("description", weight="C", config=CONFIG)


def visible_process(user: Visitor, path: str = "") -> Q:
    """The condition for a visitor to see a process: staff see drafts too, everyone else
    published processes only. ``path`` leads to the process from the model queried
    ("target__" from a link), so that a query tests the row it joins, not a list of every
    visible process."""
    if user is not None and user.is_authenticated and user.is_staff:
        return Q()
    return Q(**{f"{path}status": Process.Status.PUBLISHED})


class ProcessQuerySet(models.QuerySet):
    def public(self) -> Self:
        """Published processes: what the public may see, count and find."""
        return self.filter(visible_process(None))

    def visible_to(self, user: Visitor) -> Self:
        """What this visitor may see: staff see drafts too."""
        return self.filter(visible_process(user))

    def search(self, words: str, *, typos: bool = True) -> Self:
        """Processes that hold the words, best first: the catalogue's search and the site's.

        PostgreSQL: the words as a web search over name, summary and description, ranked by
        name, then summary; if none holds them, names close to them (a typo), unless ``typos``
        is False (then close_to() finds them). SQLite, in development: every word somewhere in
        those fields, by name.
        """
        if connection.vendor == "postgresql":
            query = SearchQuery(words, **WEB_SEARCH)
            matching = typo_tolerant(
                self,
                Q(search_document=query),
                SearchRank(F("rank_document"), query),
                "name",
                words,
                typos=typos,
            )
            return matching.order_by("-rank", "name", "pk")
        matching = self
        for word in words.split():
            matching = matching.filter(
                Q(name__unaccent__icontains=word)
                | Q(summary__unaccent__icontains=word)
                | Q(description__unaccent__icontains=word)
            )
        return matching.order_by("name", "pk")

    def close_to(self, words: str) -> Self:
        """Processes whose name holds a word close to the words (a typo), closest first: what
        search() finds when the words themselves find nothing. PostgreSQL only."""
        if connection.vendor != "postgresql":
            return self.none()
        return close_to(self, "name", words).order_by("-rank", "name", "pk")

    def on_track(self, track: str) -> Self:
        return self.filter(track=track)

    def for_catalogue(self) -> Self:
        """What a process card shows: the sub-regions of its countries, read in the same query
        (region_names), and not its long description. A prefetch of the countries cost more
        than the page's own query: Django builds a queryset for each process it fills."""
        return self.only(*CARD_FIELDS).annotate(subregion_codes=_places_joined("subregion"))

    def for_answers(self) -> Self:
        """What the API answers of a process: the codes of its countries, read in the same
        query (country_codes, as for_catalogue() reads its sub-regions), not its description."""
        answers = self.defer("description", "description_rendered")
        return answers.annotate(country_codes=_places_joined("country"))

    def with_rows_present(self) -> Self:
        """Annotate whether it has milestones, parties, instruments and participation figures
        (its own or its agreements'): its page asks for them only where there are some, as most
        processes (those of PA-X) have none, and each query cost the page more than a test of
        its index. Its engagements and links are not tested so: whether there are any at all,
        which the visitor may not see, would show in how long the page takes."""
        return self.annotate(**_record_present())

    def with_network(self, user: Visitor) -> Self:
        """Annotate whether network mediators are engaged, as far as this visitor may know."""
        return self.annotate(
            has_network=Exists(Engagement.objects.visible_to(user).filter(process=OuterRef("pk")))
        )


@cache
def _record_present() -> dict[str, Any]:
    """The tests of with_rows_present(), built once: Django copies an expression as it puts it
    into a query, and building their subqueries anew cost 0.6 ms a page."""
    process = OuterRef("pk")
    figures = ParticipationFigure.objects
    return {
        "has_milestones": Exists(Milestone.objects.filter(process=process)),
        "has_parties": Exists(ProcessParty.objects.filter(process=process)),
        "has_instruments": Exists(ProcessInstrument.objects.filter(process=process)),
        "has_figures": ExpressionWrapper(
            Exists(figures.filter(process=process))
            | Exists(figures.filter(agreement__process=process)),
            output_field=models.BooleanField(),
        ),
    }


# What a process card shows (processes.templatetags.catalogue), and no more: the other columns
# (its import's bookkeeping, kept as JSON) cost more to read than the card's.
CARD_FIELDS = (
    "name",
    "slug",
    "summary",
    "track",
    "conflict_level",
    "stage",
    "start_year",
    "end_year",
    "status",
)


@cache
def _places_joined(column: str) -> Subquery:
    """One column of a process's countries (their codes, their sub-regions), its values joined
    by spaces, for a query of processes: no value holds a space. Built once per column, as
    _record_present() is: the catalogue built it on every request, about 0.3 ms."""
    return Subquery(
        ProcessCountry.objects.filter(process=OuterRef("pk"))
        .exclude(**{column: ""})
        .order_by()
        .values("process")
        .annotate(joined=StringAgg(column, Value(" ")))
        .values("joined")
    )


# Named apart: the stubs' plugin reads a manager made by from_queryset() from an assignment.
_ProcessManagerBase = models.Manager.from_queryset(ProcessQuerySet)


class ProcessManager(_ProcessManagerBase):
    # Unhinted: the stubs cannot name the queryset of a manager made by from_queryset().
    def get_queryset(self):
        return super().get_queryset().defer("rank_document", "search_document")


TRACK_LABELS = dict(Track.choices)
CONFLICT_LEVEL_LABELS = dict(ConflictLevel.choices)
STAGE_LABELS = dict(Stage.choices)
CONFLICT_TYPE_LABELS = dict(ConflictType.choices)


class Process(QuickLoading, models.Model):
    """A peace process on one track, possibly interlinked with processes on other tracks."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: headings, lists and links.")
    )
    # The description rendered on save; no request renders Markdown.
    description_rendered = models.TextField(editable=False, blank=True)
    conflict_level = models.CharField(
        _("conflict level"), max_length=12, choices=ConflictLevel, blank=True
    )
    conflict_type = models.CharField(
        _("conflict type"), max_length=12, choices=ConflictType, blank=True
    )
    track = models.CharField(_("track"), max_length=3, choices=Track, default=Track.TRACK_1)
    stage = models.CharField(_("stage"), max_length=15, choices=Stage, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    pax_id = models.PositiveIntegerField(_("PA-X process id"), null=True, blank=True, unique=True)
    ucdp_ids = models.CharField(_("UCDP ids"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    parties = models.ManyToManyField(
        Party, through="ProcessParty", related_name="processes", verbose_name=_("parties")
    )
    instruments = models.ManyToManyField(
        Instrument,
        through="ProcessInstrument",
        related_name="processes",
        verbose_name=_("instruments"),
    )
    # Fields an import may fill; a staff edit of one of them is kept unless asked (--overwrite).
    edited_fields = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # When it first joined the public catalogue, which is when its feed and saved searches tell
    # of it: a process drafted long before was otherwise never told of.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    # Kept by the database itself, so no write (a form, an import, a bulk update) leaves it
    # behind. Loaded by no page: the default manager leaves it in the database.
    rank_document = models.GeneratedField(
        expression=RANK_VECTOR, output_field=SearchVectorField(), db_persist=True
    )
    search_document = models.GeneratedField(
        expression=SEARCH_VECTOR, output_field=SearchVectorField(), db_persist=True
    )

    objects = ProcessManager()
    # Columns many times the size of the rest of the row: read only where they are shown.
    LONG_FIELDS = ("description", "description_rendered", "rank_document", "search_document")
    history = HistoricalRecords(
        excluded_fields=[
            "updated_at",
            "rank_document",
            "search_document",
            "description_rendered",
        ]
    )

    class Meta:
        verbose_name = _("peace process")
        verbose_name_plural = _("peace processes")
        ordering = ["name"]
        indexes = [
            # The catalogue: published processes on a track, by name; and its facet counts,
            # read from the index alone (PostgreSQL).
            models.Index(
                fields=["status", "track", "name"],
                include=["conflict_level", "stage", "id"],
                name="process_catalogue_idx",
            ),
            models.Index(fields=["status", "start_year"], name="process_year_idx"),
            # The catalogue's pages in their order (by name): the first 24 read in order,
            # not every published process sorted.
            models.Index(fields=["status", "name", "id"], name="process_by_name_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="process_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        for part in ("start", "end"):
            date = getattr(self, f"{part}_date")
            if date:
                setattr(self, f"{part}_year", date.year)
        self.render_description()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return address("processes:detail", slug=self.slug)

    def clean(self) -> None:
        errors = {}
        for part in ("start", "end"):
            date, year = getattr(self, f"{part}_date"), getattr(self, f"{part}_year")
            if date and year and date.year != year:
                errors[f"{part}_date"] = _("The date must fall in the year given.")
        if self.slug and self.shadowed():
            # "insights", "data": a page of the site answers there, never the process.
            errors["slug"] = _("A page of the site has this address already: choose another.")
        # A date gives its year on save (a year left blank included): compared as saved, or
        # the database's check refuses the row with a server error.
        start = self.start_date.year if self.start_date else self.start_year
        end = self.end_date.year if self.end_date else self.end_year
        if start and end and end < start:
            errors["end_year"] = _("A process cannot end before it starts.")
        elif self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("A process cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def shadowed(self) -> bool:
        """Whether its address leads to another page (a slug the field's own check refuses is
        left to that check)."""
        try:
            return resolve(self.get_absolute_url()).view_name != "processes:detail"
        except (NoReverseMatch, Resolver404):
            return False

    def render_description(self) -> "Process":
        """Keeps the description's rendering with it: save() does, bulk_create does not."""
        self.description_rendered = render_markdown(self.description, tags=DESCRIPTION_TAGS)
        return self

    @property
    def description_html(self) -> str:
        return stored_markdown(self.description_rendered, self.description, DESCRIPTION_TAGS)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    # Labels for the catalogue's cards, its CSV and the process page: get_FOO_display() builds
    # the field's choices into a dict on every call, translating each label to hash it, a cost
    # that a page of cards repeats seventy times and the CSV thousands of times.
    @property
    def track_label(self) -> str | Promise:
        return TRACK_LABELS.get(self.track, self.track)

    @property
    def conflict_level_label(self) -> str | Promise:
        return CONFLICT_LEVEL_LABELS.get(self.conflict_level, self.conflict_level)

    @property
    def conflict_type_label(self) -> str | Promise:
        return CONFLICT_TYPE_LABELS.get(self.conflict_type, self.conflict_type)

    @property
    def stage_label(self) -> str | Promise:
        return STAGE_LABELS.get(self.stage, self.stage)

    @classmethod
    def for_page(cls, slug: str, user: Visitor) -> "Process | None":
        """The process at this address if the visitor may see it, with the tests of which of
        its records it has (with_rows_present), for its page. Its SQL is written once per
        audience (wpm.shapes): building and writing it took 1.4 ms of the 2 it cost."""
        found = PAGE_PROCESS.objects(
            lambda slug: cls.objects.visible_to(user).with_rows_present().filter(slug=slug),
            [slug],
            key=(Audience.of(user),),
        )
        return found[0] if found else None

    def links_for(self, user: Visitor) -> "list[ProcessLink]":
        """Its links in both directions to processes this visitor may see (ProcessLink.linked),
        each with the processes at both ends, in SQL written once per audience."""
        return PAGE_LINKS.objects(
            lambda outgoing, incoming: ProcessLink.objects.linked(outgoing, incoming, user),
            [self.pk, self.pk],
            key=(Audience.of(user),),
        )

    def engagements_for(self, user: Visitor) -> "list[Engagement]":
        """The engagements in it this visitor may know of (Engagement.visible_to), each with
        the name and address of her profile, not its search documents: in SQL written once per
        audience, where building and writing it took 1.1 ms of the 1.7 it cost."""
        return PAGE_ENGAGEMENTS.objects(
            lambda pk: (
                Engagement.objects.visible_to(user)
                .filter(process=pk)
                .select_related("mediator")
                .only(
                    "role",
                    "start_year",
                    "end_year",
                    "confidentiality",
                    "mediator__slug",
                    "mediator__display_name",
                )
            ),
            [self.pk],
            key=(Audience.of(user),),
        )

    def agreement_lines(self) -> "list[AgreementLine]":
        """Its agreements as its page lists them, by day: their names, days and whether they
        have provisions on women and gender. A process of PA-X has up to 128; read as rows, in
        SQL written once (wpm.shapes), they took 0.3 ms, against 2.3 ms as a prefetch of
        model objects."""
        rows = AGREEMENT_LINES.rows(
            lambda pk: Agreement.objects.filter(process=pk).values_list(*AgreementLine._fields),
            [self.pk],
        )
        return [AgreementLine(*row) for row in rows]

    def places(self) -> tuple[list[str], list[str]]:
        """The names of its countries and of their sub-regions in the page's language, as its
        page shows them: read as rows in SQL written once (wpm.shapes), where a prefetch of
        its countries and sources took 1.3 ms of the page, their rows 0.4 ms."""
        rows = PLACE_LINES.rows(
            lambda pk: ProcessCountry.objects.filter(process=pk).values_list(
                "country", "subregion"
            ),
            [self.pk],
        )
        regions = _region_names(subregion for _country, subregion in rows)
        return [countries.name(country) for country, _subregion in rows], regions

    def source_lines(self) -> list[tuple[str, str]]:
        """Its sources' titles and links, as its page lists them."""
        return SOURCE_LINES.rows(
            lambda pk: Source.objects.filter(process=pk).values_list("title", "url"), [self.pk]
        )

    @property
    def region_names(self) -> list[str]:
        """The sub-regions of its countries, by name in the page's language."""
        if hasattr(self, "subregion_codes"):  # read with the process (for_catalogue)
            return _region_names((self.subregion_codes or "").split())
        return _region_names(row.subregion for row in self.countries.all())

    @property
    def period(self) -> tuple[date | int | str, date | int | str]:
        start = self.start_date or self.start_year or ""
        end = self.end_date or self.end_year or ""
        return start, end


DESCRIPTION_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a", "h2", "h3", "blockquote"}


class ProcessCountry(Place):
    """A country a process concerns, with its M49 sub-region and region kept for filtering."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="countries")

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(fields=["process", "country"], name="process_country_unique")
        ]
        indexes = [
            # The catalogue's region and country filters.
            models.Index(fields=["region", "process"], name="process_region_idx"),
            models.Index(fields=["subregion", "process"], name="process_subregion_idx"),
            models.Index(fields=["country", "process"], name="process_country_idx"),
        ]


class ProcessLinkQuerySet(models.QuerySet):
    def linked(self, outgoing: "Process | int", incoming: "Process | int", user: Visitor) -> Self:
        """Links out of one process and into another, to processes this visitor may see, with
        what the diagram shows of the processes at either end: not their descriptions. A
        process's page asks for its own both ways (Process.links_for), naming it twice: a query
        of a fixed shape takes each value once (wpm.shapes)."""
        return (
            self.filter(
                Q(source=outgoing) & visible_process(user, "target__")
                | Q(target=incoming) & visible_process(user, "source__")
            )
            .select_related("source", "target")
            .only(
                "kind",
                *(
                    f"{end}__{name}"
                    for end in ("source", "target")
                    for name in ("name", "slug", "track")
                ),
            )
        )


class ProcessLink(models.Model):
    """Processes interlinked across tracks, read in both directions."""

    class Kind(models.TextChoices):
        ACCOMPANIES = "accompanies", _("accompanies")
        FEEDS_INTO = "feeds-into", _("feeds into")
        PARALLEL = "parallel", _("runs parallel to")
        SUCCEEDS = "succeeds", _("succeeds")

    INVERSE = {
        Kind.ACCOMPANIES: _("is accompanied by"),
        Kind.FEEDS_INTO: _("is fed by"),
        Kind.PARALLEL: _("runs parallel to"),
        Kind.SUCCEEDS: _("is succeeded by"),
    }

    source = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)

    objects = ProcessLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("link to another process")
        verbose_name_plural = _("links to other processes")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="process_link_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="process_link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"

    def clean(self) -> None:
        if self.source_id and self.source_id == self.target_id:
            raise ValidationError(_("A process cannot be linked to itself."))


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user: Visitor) -> Self:
        """Agreements of the processes this visitor may see, asked of the process's row they
        join (a list of every visible process cost PostgreSQL more to plan than to read)."""
        return self.filter(visible_process(user, "process__"))

    def for_list(self) -> Self:
        """What the list of agreements shows of each, with its process's name and address: a
        process's own columns (its description, its search documents) are many times an
        agreement's, fetched fifty times a page."""
        return self.select_related("process").only(
            "name", "date", "stage", "gender_provisions", "process__name", "process__slug"
        )

    def with_process(self) -> Self:
        """Each with its process, but for the process's long text and search documents, which
        no agreement's page, answer or download shows."""
        return self.select_related("process").defer(
            *(f"process__{name}" for name in Process.LONG_FIELDS)
        )


class Agreement(QuickLoading, models.Model):
    # Indexed first in agreement_facets_idx.
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="agreements", db_index=False
    )
    name = models.CharField(_("name"), max_length=600)
    date = models.DateField(_("date"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=15, choices=Stage, blank=True)
    conflict_level = models.CharField(
        _("conflict level"), max_length=12, choices=ConflictLevel, blank=True
    )
    pax_region = models.CharField(_("PA-X region"), max_length=40, blank=True)
    gender_provisions = models.BooleanField(
        _("provisions on women, girls and gender"), default=False
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    pax_id = models.PositiveIntegerField(_("PA-X agreement id"), null=True, blank=True, unique=True)
    edited_fields = models.JSONField(default=list, blank=True, editable=False)
    added_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["date", "name"]
        indexes = [
            # Insights: agreements with gender provisions per year.
            models.Index(fields=["date", "gender_provisions"], name="agreement_year_gender_idx"),
            # The agreements list's counts by stage and level, under any of its filters: read
            # from the index alone, not from each agreement's row (a third of their cost).
            # Leading with the process, it also serves the foreign key.
            models.Index(
                fields=["process", "gender_provisions"],
                include=["stage", "conflict_level", "date"],
                name="agreement_facets_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return address("processes:agreement", pk=self.pk)

    @property
    def stage_label(self) -> str | Promise:
        """As get_stage_display(), which reads every choice on each call: fifty a page."""
        return STAGE_LABELS.get(self.stage, self.stage)


def _region_names(codes: Iterable[str]) -> list[str]:
    """Sub-regions by name in the page's language, each once, in order."""
    return sorted(region_name(code) for code in set(codes) if code)


class AgreementLine(NamedTuple):
    """An agreement as a process's page lists it (Process.agreement_lines)."""

    pk: int
    name: str
    date: date | None
    gender_provisions: bool

    def get_absolute_url(self) -> str:
        return address("processes:agreement", pk=self.pk)


AGREEMENT_LINES, PLACE_LINES, SOURCE_LINES = Shape(), Shape(), Shape()
PAGE_PROCESS, PAGE_LINKS, PAGE_ENGAGEMENTS = Shape(), Shape(), Shape()


class EngagementQuerySet(models.QuerySet):
    def visible_to(self, user: Visitor) -> Self:
        """Engagements a visitor may know of: named ones of profiles she may see; staff all."""
        if Audience.of(user) == Audience.STAFF:
            return self.all()
        return self.filter(
            visible_process(user, "process__"),
            confidentiality=Engagement.Confidentiality.NAMED,
            mediator__in=Mediator.objects.named_to(user),
        )

    def disclosed(self) -> Self:
        """Engagements known beyond staff: named or anonymised ones, in published processes.
        Her profile shows them (an anonymised one without naming its process) to those who may
        see it, and the insights count them."""
        return self.filter(visible_process(None, "process__")).exclude(
            confidentiality=Engagement.Confidentiality.STAFF
        )


class Engagement(models.Model):
    """A network mediator's role in a process, with a confidentiality of its own."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead mediator")
        CO_MEDIATOR = "co-mediator", _("Co-mediator")
        ADVISER = "adviser", _("Mediation adviser")
        EXPERT = "expert", _("Process expert")
        FACILITATOR = "facilitator", _("Facilitator")
        NEGOTIATOR = "negotiator", _("Negotiator")
        OBSERVER = "observer", _("Observer")

    class Confidentiality(models.TextChoices):
        NAMED = "named", _("Named: shown on her profile and on the process")
        ANONYMISED = "anonymised", _("Anonymised: her profile describes it without naming it")
        STAFF = "staff", _("Staff only")

    mediator = models.ForeignKey(Mediator, on_delete=models.CASCADE, related_name="engagements")
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="engagements")
    role = models.CharField(_("role"), max_length=12, choices=Role)
    start_year = models.PositiveSmallIntegerField(_("from"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("to"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=10,
        choices=Confidentiality,
        default=Confidentiality.STAFF,
    )

    objects = EngagementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-start_year"]
        indexes = [
            # Profiles and processes list their engagements by confidentiality.
            models.Index(fields=["process", "confidentiality"], name="engagement_process_idx"),
            models.Index(fields=["mediator", "confidentiality"], name="engagement_mediator_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="engagement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        try:
            who, where = str(self.mediator), str(self.process)
        except ObjectDoesNotExist:
            # A history row of one whose process was deleted since: its history page names it.
            who, where = f"#{self.mediator_id}", f"#{self.process_id}"
        return f"{who}: {where} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("An engagement cannot end before it starts.")})

    @property
    def anonymised_description(self) -> str:
        """What her profile says of an anonymised engagement: track, region and years only."""
        process = self.process
        description = _("%(track)s process, %(regions)s") % {
            "track": process.get_track_display(),
            "regions": ", ".join(process.region_names) or _("region not stated"),
        }
        years = "\N{EN DASH}".join(str(y) for y in (self.start_year, self.end_year) if y)
        return f"{description}, {years}" if years else description


class Dataset(models.Model):
    """A public dataset the catalogue is built on, as last imported: pages that show its data
    say which version they show, up to which date, and how to cite it."""

    PAX = "pax"

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(
        _("version"), max_length=20, blank=True, help_text=_("Empty where the file did not say.")
    )
    data_until = models.DateField(_("data up to"), null=True, blank=True)
    records = models.PositiveIntegerField(_("records"), default=0)
    url = models.URLField(_("address"))
    citation = models.TextField(_("citation"))
    imported_at = models.DateTimeField(_("imported"))

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()

    @classmethod
    def pax(cls) -> "Dataset | None":
        """The PA-X release the catalogue was last imported from; None before any import."""
        return cls.objects.filter(key=cls.PAX).first()

    @classmethod
    def pax_cited(cls) -> "Dataset | None":
        """The release as the pages cite it under their lists and charts: read once per version
        of the content (an import writes a new one), not once per page."""
        return kept("pax-dataset", cls.pax)
