import datetime
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import reduce
from operator import add
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.db.models import Case, F, Q, When
from django.db.models.expressions import CombinedExpression
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .addresses import address
from .choices import BilingualName
from .geography import regions_of
from .markup import leading_blocks, render_markdown, stored_markdown
from .shapes import Shape
from .textsearch import CONFIG, StoredVector
from .validators import validate_pdf, validate_time_zone


class UserManager(DjangoUserManager["User"]):
    """Creates users identified by their email address alone."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(  # type: ignore[override]  # the email alone names a user
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(  # type: ignore[override]  # the email alone names a user
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: a member, a member of staff, or both. The email is the login."""

    # The email is the login and `name` the whole name: AbstractUser's fields for them go.
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), unique=True)
    privacy_consent_at = models.DateTimeField(
        _("agreed to the privacy policy"), null=True, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name or self.email.split("@")[0]


# The network's own voice: testimonials, advocacy, pages and events.


class ContentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")


type Visitor = "User | AnonymousUser | None"


# The models whose rows are published, or drafts staff preview.
_Content = TypeVar("_Content", bound=models.Model)


class PublishedQuerySet(models.QuerySet[_Content]):
    def published(self) -> Self:
        return self.filter(status=ContentStatus.PUBLISHED)

    def visible_to(self, user: Visitor) -> Self:
        """Staff preview drafts; everyone else sees what is published."""
        if user is not None and user.is_authenticated and user.is_staff:
            return self.all()
        return self.published()


def _random_name(folder: str, filename: str) -> str:
    """Uploads get a random name: what a file is called must not say who is in it."""
    return f"{folder}/{secrets.token_hex(12)}{Path(filename).suffix.lower()[:5]}"


def voice_photo_path(instance: "Voice", filename: str) -> str:
    return _random_name("voices", filename)


def article_image_path(instance: "Article", filename: str) -> str:
    return _random_name("articles", filename)


def article_pdf_path(instance: "Article", filename: str) -> str:
    # Checked as a PDF by its first bytes (validate_pdf), it is named one whatever it was
    # called: a web server or object storage serves a file by its name, and "paper.html" that
    # starts as a PDF would be served as a page of the site.
    return _random_name("publications", "publication.pdf")


def stored_search(**weights: str) -> models.GeneratedField:
    """A row's search vector over its fields with their weights ("A" to "D"), which PostgreSQL
    computes when the row is written: site search matches and ranks it, instead of building
    the vector of every row, and the query that builds it, on each search (wpm.search)."""
    vectors = [StoredVector(name, weight=w, config=CONFIG) for name, w in weights.items()]
    return models.GeneratedField(
        expression=reduce(add, vectors), output_field=SearchVectorField(), db_persist=True
    )


class DefersSearch:
    """A manager whose reads leave out the row's search vector: it is as long as the text,
    and only site search reads it."""

    def get_queryset(self):  # unhinted, as the managers it serves
        return super().get_queryset().defer("search")


# Named apart: the stubs' plugin reads a manager made by from_queryset() from an assignment.
_VoiceManagerBase = models.Manager.from_queryset(PublishedQuerySet)


class VoiceManager(DefersSearch, _VoiceManagerBase):
    pass


class Voice(models.Model):
    """A testimonial from someone who works with the network, published with her consent."""

    quote = models.TextField(_("quote"), max_length=1200)
    quote_language = models.CharField(_("language of the quote"), max_length=3, default="en")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=voice_photo_path, blank=True)
    consent_given_on = models.DateField(_("consent given on"))
    consent_method = models.CharField(
        _("how consent was given"), max_length=200, help_text=_("For example: signed form, email.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ContentStatus, default=ContentStatus.DRAFT
    )
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # What site search matches and ranks: who spoke, then her role, then her words.
    search = stored_search(name="A", role="B", organisation="B", quote="C")

    objects = VoiceManager()

    class Meta:
        verbose_name = _("voice")
        verbose_name_plural = _("voices")
        ordering = ["position", "name"]
        indexes = [
            # The voices page and the home page's featured voices.
            models.Index(fields=["status", "is_featured", "position"], name="voice_list_idx")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("voice", kwargs={"pk": self.pk})

    @property
    def region(self) -> str | None:
        return regions_of(self.country)[1] if self.country else None


class Topic(BilingualName, models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(PublishedQuerySet["Article"]):
    def published(self) -> Self:
        """Published, and its publication date has come."""
        return super().published().filter(published_on__lte=timezone.localdate())

    def for_cards(self) -> Self:
        """What a card shows (wpm.templatetags.content), not the text it leads to."""
        return self.only("kind", "title", "slug", "summary", "language", "published_on", "status")


_ArticleManagerBase = models.Manager.from_queryset(ArticleQuerySet)


class ArticleManager(DefersSearch, _ArticleManagerBase):
    pass


class Article(models.Model):
    """Advocacy in the network's words: a position paper, a statement, news, an interview."""

    class Kind(models.TextChoices):
        POSITION_PAPER = "position-paper", _("Position paper")
        STATEMENT = "statement", _("Statement")
        NEWS = "news", _("News")
        PUBLICATION = "publication", _("Publication")
        INTERVIEW = "interview", _("Interview")

    kind = models.CharField(_("kind"), max_length=15, choices=Kind, default=Kind.NEWS)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    summary = models.CharField(_("summary"), max_length=400)
    body = models.TextField(
        _("text"), help_text=_("Markdown: headings, lists, links, quotes and images.")
    )
    # The body rendered on save; no request renders Markdown.
    body_rendered = models.TextField(editable=False, blank=True)
    image = models.ImageField(_("image"), upload_to=article_image_path, blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    pdf = models.FileField(
        _("PDF"), upload_to=article_pdf_path, blank=True, validators=[validate_pdf]
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="articles", verbose_name=_("topics")
    )
    related_processes = models.ManyToManyField(
        "processes.Process",
        blank=True,
        limit_choices_to={"status": "published"},
        related_name="articles",
        verbose_name=_("related processes"),
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.ENGLISH
    )
    translation = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translated_from",
        verbose_name=_("translation"),
    )
    published_on = models.DateField(_("publication date"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=10, choices=ContentStatus, default=ContentStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What site search matches and ranks: the title, then the summary, then the text.
    search = stored_search(title="A", summary="B", body="C")

    objects = ArticleManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_on", "-pk"]
        indexes = [
            # The advocacy list and the home page: newest published first.
            models.Index(fields=["status", "-published_on"], name="article_list_idx")
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_rendered = render_markdown(self.body, tags=ARTICLE_TAGS)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        with override(self.language):
            return reverse("article", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.image and not self.image_alt:
            raise ValidationError(
                {"image_alt": _("Describe the image for readers who cannot see it.")}
            )
        if self.translation_id and self.translation_id == self.pk:
            raise ValidationError({"translation": _("An article cannot translate itself.")})
        if self.translation and self.translation.language == self.language:
            raise ValidationError({"translation": _("A translation is in the other language.")})

    @property
    def body_html(self) -> SafeString:
        return stored_markdown(self.body_rendered, self.body, tags=ARTICLE_TAGS)

    @property
    def is_out(self) -> bool:
        """Published, and its publication date has come (ArticleQuerySet.published)."""
        return self.status == ContentStatus.PUBLISHED and self.published_on <= timezone.localdate()

    @property
    def translated(self) -> "Article | None":
        """The same article in the other language, whichever side holds the link."""
        return self.translation or getattr(self, "translated_from", None)

    # Its authors, processes and topics, as its page shows them: names and addresses, each in
    # a small query whose SQL is written once per audience and language (wpm.shapes), where
    # writing it cost more than running it (an article's authors: 0.74 ms of 1.33).

    def byline(self, user: "Visitor") -> list[tuple[str, str | None]]:
        """Its authors' names in order, each with the address of her profile where the reader
        may see her under her name: the profiles' own rule, asked of her row in the same query."""
        profiles = _profiles()
        audience = profiles.audience_of(user)

        def authors(pk: int) -> models.QuerySet[Any, Any]:
            # Built only where the SQL is written (or checked), not on every request.
            named = profiles.named_rule(audience, "mediator__")
            profile = Case(When(named, then=F("mediator__slug")), default=None)
            return ArticleAuthor.objects.filter(article=pk).values_list("name", profile)

        rows = BYLINES.rows(authors, [self.pk], key=(audience,))
        return [(name, slug and address("mediators:profile", slug=slug)) for name, slug in rows]

    def processes_for(self, user: "Visitor") -> list[tuple[str, str]]:
        """The names and addresses of its processes this reader may see (the processes' rule)."""
        processes: Any = Article.related_processes.rel.model._default_manager
        audience = _profiles().audience_of(user)
        rows = RELATED_PROCESSES.rows(
            lambda pk: processes.visible_to(user).filter(articles=pk).values_list("name", "slug"),
            [self.pk],
            key=(audience,),
        )
        return [(name, address("processes:detail", slug=slug)) for name, slug in rows]

    def topic_names(self) -> list[tuple[str, str]]:
        """Its topics' slugs and names in the reader's language."""
        name = "name_de" if get_language() == "de" else "name_en"
        return TOPICS.rows(
            lambda pk: Topic.objects.filter(articles=pk).values_list("slug", name), [self.pk]
        )


BYLINES, RELATED_PROCESSES, TOPICS = Shape(), Shape(), Shape()


def _profiles() -> Any:
    """The roster's profiles (mediators' Mediator.objects), reached through the relation: the
    foundation imports no app. Their rules say who may see whom."""
    return ArticleAuthor._meta.get_field("mediator").related_model._default_manager


ARTICLE_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "img",
    "code",
    "pre",
    "hr",
}


class ArticleAuthor(models.Model):
    """An author; linked to her roster profile only where the reader may see that profile."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=120)
    mediator = models.ForeignKey(
        "mediators.Mediator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"status": "approved"},  # listed profiles, in forms and autocomplete
        related_name="articles",
        verbose_name=_("roster profile"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


# Pages with an address of their own (and a fixed place in the navigation or footer).
FIXED_PAGE_ROUTES = {"about", "impressum", "privacy"}


def page_vector(language: str) -> CombinedExpression:
    return StoredVector(f"title_{language}", weight="A", config=CONFIG) + StoredVector(
        f"body_{language}", weight="C", config=CONFIG
    )


# Named apart: the stubs' plugin reads a manager made by from_queryset() from an assignment.
_PageManagerBase = models.Manager.from_queryset(PublishedQuerySet)


class PageManager(_PageManagerBase):
    # Unhinted: the stubs cannot name the queryset of a manager made by from_queryset().
    def get_queryset(self):
        # A page's search vectors are as long as its text: only the search reads them.
        return super().get_queryset().defer("search_en", "search_de")


class Page(models.Model):
    """A page staff write in both languages. The navigation and the footer are the site's
    own (wpm.context_processors): they link the fixed pages, and the other pages are linked
    from the texts that need them."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_de = models.CharField(_("title (German)"), max_length=200)
    body_en = models.TextField(_("text (English)"), help_text=_("Markdown."))
    body_de = models.TextField(_("text (German)"), help_text=_("Markdown."))
    # The texts rendered on save; no request renders Markdown.
    body_rendered_en = models.TextField(editable=False, blank=True)
    body_rendered_de = models.TextField(editable=False, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=ContentStatus, default=ContentStatus.DRAFT
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the site search matches and ranks, per language: title first, then the text.
    search_en = models.GeneratedField(
        expression=page_vector("en"), output_field=SearchVectorField(), db_persist=True
    )
    search_de = models.GeneratedField(
        expression=page_vector("de"), output_field=SearchVectorField(), db_persist=True
    )

    objects = PageManager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.title_en

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.body_rendered_en = render_markdown(self.body_en, tags=ARTICLE_TAGS)
        self.body_rendered_de = render_markdown(self.body_de, tags=ARTICLE_TAGS)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.slug in FIXED_PAGE_ROUTES:
            return reverse(self.slug)
        return reverse("page", kwargs={"slug": self.slug})

    @property
    def title(self) -> str:
        return self.title_de if (get_language() or "en").startswith("de") else self.title_en

    @property
    def body(self) -> str:
        return self.body_de if (get_language() or "en").startswith("de") else self.body_en

    @property
    def body_html(self) -> SafeString:
        german = (get_language() or "en").startswith("de")
        rendered = self.body_rendered_de if german else self.body_rendered_en
        return stored_markdown(rendered, self.body, tags=ARTICLE_TAGS)

    def lead_html(self, words: int) -> SafeString:
        """The rendered beginning of the body, enough for an excerpt of ``words`` words."""
        return render_markdown(leading_blocks(self.body, words), tags=ARTICLE_TAGS)


class EventQuerySet(PublishedQuerySet["Event"]):
    def upcoming(self) -> Self:
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def for_cards(self) -> Self:
        """What a card shows (wpm.templatetags.content), not the description it leads to."""
        return self.only(
            *("title", "slug", "kind", "starts_at", "time_zone", "place", "online"),
            *("language", "status"),
        )

    def past(self) -> Self:
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")


_EventManagerBase = models.Manager.from_queryset(EventQuerySet)


class EventManager(DefersSearch, _EventManagerBase):
    pass


class Event(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        CONFERENCE = "conference", _("Conference")
        DIALOGUE = "dialogue", _("Dialogue")
        WEBINAR = "webinar", _("Webinar")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Berlin", validators=[validate_time_zone]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    registration_url = models.URLField(_("registration link"), blank=True)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    # The description rendered on save; no request renders Markdown.
    description_rendered = models.TextField(editable=False, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.ENGLISH
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ContentStatus, default=ContentStatus.DRAFT
    )
    # What site search matches and ranks: the title, then the place, then the description.
    search = stored_search(title="A", place="B", description="C")

    objects = EventManager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [
            # Upcoming and past events.
            models.Index(fields=["status", "ends_at"], name="event_list_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.description_rendered = render_markdown(self.description, tags=ARTICLE_TAGS)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("event", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})
        if not self.online and not self.place:
            raise ValidationError({"place": _("Give a place, or mark the event as online.")})

    @property
    def description_html(self) -> SafeString:
        return stored_markdown(self.description_rendered, self.description, tags=ARTICLE_TAGS)


class PageVersion(models.Model):
    """A token that changes whenever published content changes; cached pages are keyed by it.

    One row, written in the same transaction as the change, so every application server sees a
    new token exactly when it sees the new content (see wpm.pagecache).
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("page version")

    def __str__(self) -> str:
        return self.token

    @classmethod
    def current(cls) -> str:
        """The token now. Read on every page that keeps figures or is cached, so in plain SQL:
        building the query through the ORM cost several times its round trip. Within
        read_once(), read at the first call and the same for the rest."""
        kept = _READ_ONCE.get()
        if kept:
            return kept[0]
        with connections[router.db_for_read(cls)].cursor() as cursor:
            cursor.execute(f"SELECT token FROM {cls._meta.db_table} WHERE id = 1")  # noqa: S608
            row = cursor.fetchone()
        token = row[0] if row else ""
        if kept is not None:
            kept.append(token)
        return token

    @classmethod
    @contextmanager
    def read_once(cls) -> Iterator[None]:
        """Within, the token is read once for all, when first asked: a page's cache key and the
        figures it keeps (wpm.derived) are of the same version, for one query, and a page that
        asks for neither reads none."""
        reset = _READ_ONCE.set([])
        try:
            yield
        finally:
            _READ_ONCE.reset(reset)

    @classmethod
    def bump(cls, using: str | None = None) -> None:
        if _ONE_FOR_ALL.get():
            return
        cls.objects.db_manager(using).update_or_create(
            pk=1, defaults={"token": secrets.token_hex(16)}
        )

    @classmethod
    @contextmanager
    def once(cls, using: str | None = None) -> Iterator[None]:
        """One new token for all the writes within, written when they are done, inside the same
        transaction. A restore loads hundreds of thousands of rows in one transaction: a new
        token for each rewrote the same row each time, and each write cost PostgreSQL more."""
        reset = _ONE_FOR_ALL.set(True)
        try:
            yield
        finally:
            _ONE_FOR_ALL.reset(reset)
        cls.bump(using)


_ONE_FOR_ALL = ContextVar("page_version_one_for_all", default=False)
# Within read_once(): an empty list until the token is read, then the token.
_READ_ONCE: ContextVar[list[str] | None] = ContextVar("page_version_read_once", default=None)


class SavedSearchQuerySet(models.QuerySet["SavedSearch"]):
    def due(self, now: datetime.datetime | None = None) -> "SavedSearchQuerySet":
        """Searches of active accounts checked a week ago or longer, as a daily run counts a
        week: their digest is due."""
        now = now or timezone.now()
        return self.filter(
            checked_at__lte=now - DIGEST_INTERVAL + DIGEST_SLACK, user__is_active=True
        )


DIGEST_INTERVAL = datetime.timedelta(days=7)
# The daily run starts a little earlier or later from one day to the next, and an hour earlier
# after the change to summer time on a server kept on local time: the run of the seventh day
# could come a moment before the week was up, and the digest waited a day more, its weekday
# drifting. Due half a day early, the seventh day's run sends it, and no run sends two a week.
DIGEST_SLACK = datetime.timedelta(hours=12)
# A row is stamped when it is written but seen by others only once its transaction commits: a
# PA-X import writes for minutes in one transaction. A digest counting up to its own moment would
# pass over a row stamped before it and committed after, and the next digest counts from there:
# that row was never told of. So a digest counts up to a moment longer ago than any write takes.
DIGEST_SETTLED = datetime.timedelta(hours=1)


class SavedSearch(models.Model):
    """A search of the roster, the catalogue or the agreements that a signed-in person keeps,
    to hear once a week by email of what newly matches it. It keeps the list's feed (its URL
    name) and the query string; what matches is read at each digest, with her rights of that
    day, so a search never tells of a profile she may no longer see."""

    user = models.ForeignKey(
        "User", on_delete=models.CASCADE, related_name="saved_searches", verbose_name=_("user")
    )
    feed = models.CharField(_("list"), max_length=60)
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.ENGLISH
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    checked_at = models.DateTimeField(
        _("new matches counted from"),
        default=timezone.now,
        help_text=_("The digest tells of what joined the list after this moment."),
    )

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "feed", "query"], name="saved_search_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The list, filtered as saved, in the reader's language: the page she reads it on,
        or the email that tells her of it."""
        address = reverse(self.watched.list_name)
        return f"{address}?{self.query}" if self.query else address

    @property
    def heading(self) -> str:
        """What it searches, named in the reader's language as saving named it ("Roster of
        mediators · Languages (all of): Arabic"): the title stored when it was saved is in the
        language of that day. That title where the search can no longer be read (a list gone,
        a choice withdrawn)."""
        watched = self.watched
        if watched is None:
            return self.title
        filterset = watched.for_reader(self.user, self.query)
        if filterset.is_bound and not filterset.is_valid():
            return self.title
        return watched.search_title(filterset)

    @property
    def watched(self) -> Any:
        """The list's feed (wpm.lists.ListFeed), which reads its filters and its new rows."""
        from .lists import watched_list

        return watched_list(self.feed)

    def new_matches(
        self, until: datetime.datetime, limit: int = 10
    ) -> tuple[int, list[tuple[str, str]]]:
        """How many rows joined the list after it was last checked and up to a moment (the
        next check, so that no row is told of twice), and the newest of them (title,
        address, in the reader's language), as its owner may see them now."""
        watched = self.watched
        if watched is None:
            return 0, []
        return watched.added_between(self.user, self.query, self.checked_at, until, limit)

    @staticmethod
    def unsubscribe_token(*searches: "SavedSearch") -> str:
        """What a link that stops these searches' emails carries, signed."""
        return signing.dumps(sorted(search.pk for search in searches), salt=UNSUBSCRIBE_SALT)

    @classmethod
    def from_token(cls, token: str) -> "SavedSearchQuerySet":
        """The searches an unsubscribe link names that still exist; none for a link that is
        forged or broken."""
        try:
            pks = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        except signing.BadSignature:
            return cls.objects.none()
        if not isinstance(pks, list) or not all(isinstance(pk, int) for pk in pks):
            return cls.objects.none()
        # Their owner once, one instance for all: each search is named with her filters
        # (heading), which ask once per instance whether she is a listed member.
        return cls.objects.filter(pk__in=pks).prefetch_related("user")


UNSUBSCRIBE_SALT = "wpm.saved-search.unsubscribe"
