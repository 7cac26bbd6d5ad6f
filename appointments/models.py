"""Requests for women mediators from appointing bodies, and the requesters who file them."""

import datetime
from datetime import timedelta
from typing import Any, Self

from babel import Locale
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mediators.choices import LanguageLevel, language_name
from mediators.models import Audience, Mediator
from mediators.presentation import Presentation
from wpm.choices import BilingualName, Track
from wpm.models import Language, User
from wpm.places import Place
from wpm.roles import FOCAL_POINTS

from .matching import Sought, candidates_for, criteria_of

type Visitor = User | AnonymousUser | None

RESTRICTED_PERMISSION = "appointments.view_restricted_request"


# The place on earth where a day ends last (UTC-12). A request's date for proposals holds until
# that day has ended everywhere ("anywhere on earth"): the network's mediators and requesters live
# on every continent, and a mediator in New York answering on the evening of the day her
# invitation names was refused at midnight in Berlin.
ANYWHERE_ON_EARTH = datetime.timezone(datetime.timedelta(hours=-12))


def earliest_today() -> datetime.date:
    """The earliest date that is still today somewhere on earth: a date for proposals before it
    has passed everywhere."""
    return timezone.localdate(timezone=ANYWHERE_ON_EARTH)


class Role(BilingualName, models.Model):
    """A role a request may seek (lead mediator, adviser...), named in English and German."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["position", "name_en"]

    def __str__(self) -> str:
        return self.name


class RequesterQuerySet(models.QuerySet):
    def waiting(self) -> Self:
        """Applications staff have not decided yet: the admin's queue."""
        return self.filter(status=Requester.Status.APPLIED)

    def verified(self) -> Self:
        return self.filter(status=Requester.Status.VERIFIED)


class Requester(models.Model):
    """Someone on the staff of an appointing body who asks the network for mediators."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        VERIFIED = "verified", _("Verified")
        DECLINED = "declined", _("Declined")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="requester",
        verbose_name=_("user"),
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    position = models.CharField(
        _("role or position"), max_length=200, help_text=_("Your role in your organisation.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.APPLIED)
    # The language she applied or last drafted a request in: staff's decision and the
    # network's proposals reach her in it.
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.ENGLISH
    )
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = RequesterQuerySet.as_manager()

    class Meta:
        verbose_name = _("requester")
        verbose_name_plural = _("requesters")
        ordering = ["-applied_at"]
        # The admin's queue of applications waiting for a decision.
        indexes = [models.Index(fields=["status", "applied_at"], name="requester_queue_idx")]

    def __str__(self) -> str:
        return f"{self.user.email} ({self.organisation})"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @staticmethod
    def may_apply(user: Visitor) -> bool:
        """Members (mediators) and staff are not requesters: the network does not appoint itself,
        and staff handle the requests."""
        if user is None or not user.is_authenticated or user.is_staff:
            return False
        return not hasattr(user, "mediator")

    def decide(self, status: str, by: User) -> list["Request"]:
        """Staff verify or decline an application; who and when are kept. Declining one they
        had verified withdraws the network's trust: her requests still open are cancelled (so
        nobody proposes to her again), and what mediators released to her is no longer shown
        to her (the proposal's pages answer a verified requester alone). Returns the requests
        cancelled."""
        self.status = status
        self.decided_at = timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "decided_at", "decided_by"])
        return self.cancel_open_requests() if status == self.Status.DECLINED else []

    def cancel_open_requests(self) -> list["Request"]:
        """Her requests still open, cancelled: nobody is left to propose to (she is declined, or
        her account is going). Returns them."""
        cancelled = list(self.requests.filter(status__in=Request.OPEN).order_by("pk"))
        for request in cancelled:
            request.close(Request.Outcome.CANCELLED)
        return cancelled


class Need(models.TextChoices):
    """How a request weighs a criterion."""

    REQUIRED = "required", _("Required")
    PREFERRED = "preferred", _("Preferred")


class RequestQuerySet(models.QuerySet):
    def of(self, user: Visitor) -> Self:
        """A requester's own requests; nobody else's, and nothing for anyone else."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(requester__user=user)

    def for_focal_point(self, user: Visitor) -> Self:
        """What staff may handle: restricted requests only with the permission for them."""
        if user is None or not user.is_authenticated or not user.is_staff:
            return self.none()
        if user.has_perm(RESTRICTED_PERMISSION):
            return self.all()
        return self.exclude(confidentiality=Request.Confidentiality.RESTRICTED)

    def for_list(self) -> Self:
        return self.select_related("role", "process")

    def sent(self) -> Self:
        """Every request that reached the network: what the public numbers count."""
        return self.exclude(status=Request.Status.DRAFT)

    def to_purge(self, days: int) -> Self:
        """Closed requests whose personal data has been kept long enough."""
        cutoff = timezone.now() - timedelta(days=days)
        return self.filter(
            status=Request.Status.CLOSED, closed_at__lt=cutoff, purged_at__isnull=True
        )


class Request(models.Model):
    """An appointing body's request for women mediators for one role in one process."""

    class Mode(models.TextChoices):
        ON_SITE = "on-site", _("On site")
        REMOTE = "remote", _("Remote")
        EITHER = "either", _("On site or remote")

    class Confidentiality(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary")
        RESTRICTED = "restricted", _("Restricted: only some focal points see it")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        PROPOSED = "proposed", _("Proposal sent")
        CLOSED = "closed", _("Closed")

    # Sent and not yet closed: the focal points may still propose, the requester still chooses.
    OPEN = (Status.SENT, Status.PROPOSED)

    class Outcome(models.TextChoices):
        FILLED_FROM_LIST = "from-list", _("Filled from the network's proposal")
        FILLED_OTHERWISE = "otherwise", _("Filled otherwise")
        CANCELLED = "cancelled", _("Cancelled")

    # A request outlives its requester's account and the purge of its personal data: what it
    # asked for and what came of it stay, nameless, in the public numbers.
    requester = models.ForeignKey(
        Requester,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("requester"),
    )
    title = models.CharField(_("title"), max_length=200)
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointment_requests",
        verbose_name=_("peace process"),
        help_text=_("Choose it from the catalogue, or describe it below."),
    )
    process_description = models.TextField(
        _("the process in words"),
        max_length=2000,
        blank=True,
        help_text=_("If the process is not in the catalogue, or cannot be named there."),
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="requests", verbose_name=_("role sought")
    )
    track = models.CharField(_("track"), max_length=3, choices=Track, blank=True)
    start_date = models.DateField(_("start date"))
    duration = models.CharField(
        _("duration"), max_length=100, blank=True, help_text=_("For example: six months.")
    )
    mode = models.CharField(
        _("on site or remote"), max_length=10, choices=Mode, default=Mode.ON_SITE
    )
    proposals_due = models.DateField(
        _("proposals needed by"),
        help_text=_(
            "The date by which you need our proposals. Mediators may answer until it has ended "
            "everywhere on earth."
        ),
    )
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=10,
        choices=Confidentiality,
        default=Confidentiality.ORDINARY,
    )
    language = models.CharField(
        _("language of the proposal"),
        max_length=2,
        choices=Language,
        default=Language.ENGLISH,
        help_text=_("The nomination dossier is written in it."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome, blank=True)
    # Where in the world (its M49 region), kept when it is sent: the public numbers count by it.
    region = models.CharField(_("region"), max_length=3, blank=True, editable=False)
    share_details = models.BooleanField(
        _("show invited mediators the title and process"),
        default=False,
        help_text=_("A restricted request shows them only its role, track, dates and mode."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    proposed_at = models.DateTimeField(_("proposal sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    purged_at = models.DateTimeField(_("personal data purged"), null=True, blank=True)

    history = HistoricalRecords()
    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at"]
        permissions = [("view_restricted_request", _("Can see restricted requests"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__gte=F("proposals_due")),
                name="request_starts_after_deadline",
            ),
        ]
        # The focal points' list of sent requests, newest first.
        indexes = [models.Index(fields=["status", "-sent_at"], name="request_queue_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("appointments:detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.is_draft and self.proposals_due and self.proposals_due < earliest_today():
            errors["proposals_due"] = _("The date for proposals cannot be in the past.")
        if self.start_date and self.proposals_due and self.start_date < self.proposals_due:
            errors["start_date"] = _("The start cannot be before the date for proposals.")
        if not self.process_id and not self.process_description.strip():
            # On the description: the back office shows the process but cannot change it, and
            # an error on a field its form lacks is a server error there.
            errors["process_description"] = _(
                "Choose the process from the catalogue or describe it."
            )
        if errors:
            raise ValidationError(errors)

    def has_criteria(self) -> bool:
        return any(
            kind.objects.filter(request=self).exists()
            for kind in (RequestLanguage, RequestExpertise, RequestRegion)
        )

    def check_sendable(self) -> None:
        """Everything a request must hold before it goes to the focal points."""
        self.full_clean()
        if not self.has_criteria():
            raise ValidationError(
                _("Add at least one criterion: a language, an area of expertise or a region.")
            )

    def criteria(self) -> list[Sought]:
        """What the request asks for, required first: three queries."""
        return criteria_of(self)

    def candidates(self, criteria: list[Sought]) -> models.QuerySet:
        """Every approved mediator, hidden and protected ones too, ranked by the criteria she
        meets, each saying whether she is on the shortlist: one query, however many mediators
        there are."""
        shortlisted = Invitation.objects.filter(request=self, mediator=models.OuterRef("pk"))
        return candidates_for(criteria).annotate(shortlisted=models.Exists(shortlisted))

    def shortlist(self) -> models.QuerySet:
        return (
            self.invitations.filter(mediator__isnull=False)
            .select_related("mediator")
            .order_by("added_at", "pk")
        )

    def shortlist_short(self, shortlist: list["Invitation"]) -> bool:
        """Fewer women accepted than a proposal should hold (of those the network lists: no
        other can be proposed)."""
        accepted = [
            row
            for row in shortlist
            if row.current_status == Invitation.Status.ACCEPTED and row.listed
        ]
        return len(accepted) < Invitation.ENOUGH

    def invite(self, mediator: Any, note: str, by: User) -> "Invitation | None":
        """Put her on the shortlist and tell her, together or not at all: the mail is queued
        in the same transaction (wpm.outbox). None if the request closed since it was read
        (its requester recorded the outcome meanwhile): nobody is invited to a closed request."""
        with transaction.atomic():
            if not self.lock_open():
                return None
            invitation = Invitation.objects.create(
                request=self, mediator=mediator, note=note, added_by=by
            )
            invitation.send_invitation()
        return invitation

    def lock_draft(self) -> bool:
        """Whether it is still a draft, its row locked till the caller's transaction ends: a
        send in another tab waits for the change or deletion, or came first and is found."""
        status = (
            Request.objects.select_for_update()
            .filter(pk=self.pk)
            .values_list("status", flat=True)
            .first()
        )
        return status == self.Status.DRAFT

    def lock_open(self) -> bool:
        """Whether it is still open, its row locked till the caller's transaction ends: a step
        taken on the request as read a moment ago waits for an outcome being recorded, or
        finds it recorded."""
        return Request.objects.select_for_update().filter(pk=self.pk, status__in=self.OPEN).exists()

    def discard(self) -> bool:
        """Delete the draft with its criteria and its history (she wrote it for nobody else
        yet); False if it was sent meanwhile."""
        with transaction.atomic():
            if not self.lock_draft():
                return False
            pk = self.pk
            self.delete()
            # After the deletion, which writes a history row of its own.
            Request.history.filter(id=pk).delete()
        return True

    def send(self) -> bool:
        """Send the draft to the focal points; False if it was sent already (by a second click
        or a second tab, whose check ran before this one's write): a request is sent once. Its
        row is locked while it is read again and written, so a second send waits for the first
        and then finds it sent."""
        with transaction.atomic():
            current = Request.objects.select_for_update().only("status").get(pk=self.pk)
            if current.status != self.Status.DRAFT:
                self.refresh_from_db(fields=["status", "sent_at", "region"])
                return False
            self.status = self.Status.SENT
            self.sent_at = timezone.now()
            self.region = self.where()
            self.save(update_fields=["status", "sent_at", "region"])
        return True

    def where(self) -> str:
        """Its M49 region: the process's, or else the one its regional criteria name most."""
        codes = []
        if self.process is not None:
            codes = [row.region for row in self.process.countries.all() if row.region]
        if not codes:
            codes = [row.region for row in self.regions.all() if row.region]
        return max(sorted(set(codes)), key=codes.count) if codes else ""

    @property
    def is_open(self) -> bool:
        """Sent and not yet closed: the focal points may still propose."""
        return self.status in self.OPEN

    @property
    def is_proposed(self) -> bool:
        return self.proposed_at is not None

    def proposal(self) -> models.QuerySet:
        """The mediators the requester sees: proposed, and still saying yes."""
        return (
            self.invitations.proposed()
            .select_related("mediator__user")
            .order_by("proposed_at", "pk")
        )

    def propose(self) -> int:
        """Send the requester every mediator who accepted and is not yet in the proposal, and
        tell her by email: together or not at all. How many were added: none if the request
        closed since it was read, which proposing would have reopened."""
        with transaction.atomic():
            if not self.lock_open():
                return 0
            now = timezone.now()
            added = self.invitations.filter(
                status=Invitation.Status.ACCEPTED,
                proposed_at__isnull=True,
                mediator__status=Mediator.Status.APPROVED,
            ).update(proposed_at=now)
            if not added:
                return 0
            self.status = self.Status.PROPOSED
            self.proposed_at = self.proposed_at or now
            self.save(update_fields=["status", "proposed_at"])
            if self.requester is not None:
                with translation.override(self.requester.language):
                    send_mail(
                        str(_("[WPM] The network proposes mediators for your request")),
                        render_to_string(
                            "appointments/email/proposed.txt",
                            {
                                "appointment_request": self,
                                "added": added,
                                "site": settings.SITE_URL,
                            },
                        ),
                        None,
                        [self.requester.user.email],
                    )
        return added

    def close(self, outcome: str) -> None:
        self.outcome = outcome
        self.status = self.Status.CLOSED
        self.closed_at = timezone.now()
        self.save(update_fields=["outcome", "status", "closed_at"])

    def purge(self) -> None:
        """Forget who asked and who was proposed, keeping what the public numbers count: the
        role, the region, the dates, the outcome and, nameless, each invitation's answer."""
        with transaction.atomic():
            for invitation in self.invitations.filter(mediator__isnull=False):
                invitation.anonymise()
            self.accesses.all().delete()
            self.requester = None
            self.title = ""
            self.process_description = ""
            self.duration = ""
            self.purged_at = timezone.now()
            self.save()
            self.history.all().delete()  # what it said before, this save's row too

    def focal_point_addresses(self) -> list[str]:
        """Who is told of a sent request: the focal points, and for a restricted one only those
        who may see it; the superusers where there is nobody else, so that no request waits
        unseen."""
        people = User.objects.filter(is_active=True, is_staff=True, groups__name=FOCAL_POINTS)
        if self.confidentiality == self.Confidentiality.RESTRICTED:
            app, codename = RESTRICTED_PERMISSION.split(".")
            allowed = Q(
                user_permissions__codename=codename,
                user_permissions__content_type__app_label=app,
            ) | Q(
                groups__permissions__codename=codename,
                groups__permissions__content_type__app_label=app,
            )
            people = User.objects.filter(pk__in=people.values("pk")).filter(allowed)
        addresses = set(people.values_list("email", flat=True))
        if not addresses:
            superusers = User.objects.filter(is_active=True, is_superuser=True)
            addresses = set(superusers.values_list("email", flat=True))
        return sorted(addresses)


class Criterion(models.Model):
    """What a mediator should bring, marked required or preferred."""

    need = models.CharField(_("required or preferred"), max_length=10, choices=Need)

    class Meta:
        abstract = True


class RequestLanguage(Criterion):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=3)
    level = models.PositiveSmallIntegerField(
        _("minimum level"), choices=LanguageLevel, default=LanguageLevel.B2
    )

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["need", "code"]
        constraints = [
            models.UniqueConstraint(fields=["request", "code"], name="request_language_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=7), name="request_language_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{language_name(self.code)} ({self.get_level_display()})"

    def clean(self) -> None:
        if self.code not in Locale("en").languages or len(self.code) != 2:
            raise ValidationError({"code": _("Choose a language from the list.")})


class RequestExpertise(Criterion):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="expertise")
    area = models.ForeignKey(
        "mediators.ExpertiseArea",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("expertise area"),
    )

    class Meta:
        verbose_name = _("expertise area")
        verbose_name_plural = _("expertise areas")
        ordering = ["need", "area__position"]
        constraints = [
            models.UniqueConstraint(fields=["request", "area"], name="request_expertise_unique"),
        ]

    def __str__(self) -> str:
        return str(self.area)


class RequestRegion(Criterion, Place):
    """Experience in a country the request asks for."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="regions")

    class Meta:
        verbose_name = _("regional experience")
        verbose_name_plural = _("regional experience")
        ordering = ["need", "country"]
        constraints = [
            models.UniqueConstraint(fields=["request", "country"], name="request_region_unique"),
        ]

    def __str__(self) -> str:
        return Place.__str__(self)


class InvitationQuerySet(models.QuerySet):
    def of_mediator(self, user: Visitor) -> Self:
        """A mediator's own invitations; nothing for anyone else."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(mediator__user=user)

    def lapsed(self) -> Self:
        """Invitations nobody answered by the request's deadline, or before it closed: they
        lapse without a cron."""
        return self.filter(status=Invitation.Status.INVITED).filter(
            Q(request__proposals_due__lt=earliest_today()) | ~Q(request__status__in=Request.OPEN)
        )

    def accepted(self) -> Self:
        return self.filter(status=Invitation.Status.ACCEPTED)

    def proposed(self) -> Self:
        """In the proposal to the requester: sent to her, still accepted, and still someone the
        network lists (a profile staff decline, or send back for changes, leaves every proposal
        until they approve it again)."""
        return self.filter(
            status=Invitation.Status.ACCEPTED,
            proposed_at__isnull=False,
            mediator__status=Mediator.Status.APPROVED,
        )

    def awaited(self) -> Self:
        """Sent to a requester, still accepted, and the request still open: what becomes of
        these invitations is news to the requester, who is still choosing."""
        return self.filter(
            status=Invitation.Status.ACCEPTED,
            proposed_at__isnull=False,
            request__status__in=Request.OPEN,
        )


class Invitation(models.Model):
    """A mediator on a request's shortlist, asked whether she agrees to be proposed."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("Lapsed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        APPOINTED = "appointed", _("Appointed")
        NOT_SELECTED = "not-selected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn from the selection")

    # What any yes releases, as she reads it: the core of her profile, which the requester
    # needs to weigh her at all (includes/released_profile.html shows exactly this).
    PROFILE_PART = _(
        "Name, headline, expertise, languages, track experience, professional background and "
        "years of mediation experience"
    )
    # A shortlist holding fewer women who accepted is flagged to the focal points.
    ENOUGH = 3

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("request")
    )
    # Her account going takes her off every shortlist and proposal; the row stays, nameless
    # (anonymise), so that the public numbers stay right.
    mediator = models.ForeignKey(
        "mediators.Mediator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mediator"),
    )
    note = models.TextField(
        _("note"), max_length=2000, blank=True, help_text=_("Why her, for the focal points.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.INVITED)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # The names of the profile's parts she released to the requester (Mediator.SECTIONS and
    # "email", "phone").
    released = models.JSONField(_("parts released"), default=list, blank=True)
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "mediator"], name="invitation_once_per_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mediator or '—'} ({self.request})"

    def get_absolute_url(self) -> str:
        return reverse("appointments:invitation", kwargs={"pk": self.pk})

    @property
    def her(self) -> Mediator:
        """The mediator invited; an invitation whose mediator is gone (anonymise) names nobody
        and is shown to nobody."""
        if self.mediator is None:
            raise Mediator.DoesNotExist
        return self.mediator

    def anonymise(self) -> None:
        """She is gone from this request: only her answer and its outcome stay, for the numbers."""
        self.releases.all().delete()
        self.mediator = None
        self.note = ""
        self.released = []
        self.save(update_fields=["mediator", "note", "released"])

    def released_view(self) -> Presentation:
        """Her profile as the requester may see it: exactly the parts she released."""
        mediator = self.her
        released = set(self.released)
        shows = {section: section in released for section in Mediator.SECTIONS}
        shows["photo"] = shows["photo"] and bool(mediator.photo)
        shows["details"] = "profile" in released
        return Presentation(mediator, Audience.MEMBERS, pseudonymous=False, shows=shows)

    @property
    def in_proposal(self) -> bool:
        """As InvitationQuerySet.proposed: the requester sees her."""
        return self.status == self.Status.ACCEPTED and self.proposed_at is not None and self.listed

    @property
    def may_be_proposed(self) -> bool:
        """She said yes, the network lists her, and the requester has not had her yet."""
        return self.status == self.Status.ACCEPTED and self.proposed_at is None and self.listed

    @property
    def may_be_written_to(self) -> bool:
        """Whether the requester may write to her through the network's relay: while the
        request is open, and after it closes only if she was appointed. A proposal that came to
        nothing is no reason to write to her."""
        return self.request.is_open or self.outcome == self.Outcome.APPOINTED

    @property
    def listed(self) -> bool:
        """Whether she is someone the network vouches for: her profile approved by staff."""
        return self.mediator is not None and self.mediator.is_listed

    @property
    def email_released(self) -> bool:
        return "email" in self.released

    @property
    def is_lapsed(self) -> bool:
        """Unanswered when the proposals were due, or when the request closed before: it can no
        longer be answered."""
        return self.status == self.Status.INVITED and (
            self.request.proposals_due < earliest_today() or not self.request.is_open
        )

    @property
    def current_status(self) -> str:
        return self.Status.LAPSED if self.is_lapsed else self.status

    def get_current_status_display(self) -> str:
        return str(self.Status(self.current_status).label)

    def send_invitation(self) -> None:
        """Her invitation by email, in her language, linking to the site's own address."""
        with translation.override(self.her.mail_language):
            send_mail(
                str(_("[WPM] You are invited to be proposed as a mediator")),
                render_to_string(
                    "appointments/email/invitation.txt",
                    {"invitation": self, "site": settings.SITE_URL},
                ),
                None,
                [self.her.user.email],
            )

    def tell_requester(self, *, back: bool = False) -> None:
        """Tell the requester that her proposal changed: this mediator left it (she withdrew,
        staff no longer list her, or her profile is gone), or, ``back``, joined it again. Only
        while the request is open: she is still choosing, and must not count on someone she
        can no longer appoint. The mail names nobody and gives no reason: why a mediator left
        is hers to tell, and the proposal shows who is in it."""
        appointment_request = self.request
        requester = appointment_request.requester
        if requester is None or not appointment_request.is_open:
            return
        subject = (
            _("[WPM] A mediator is back in your proposal")
            if back
            else _("[WPM] A mediator is no longer in your proposal")
        )
        with translation.override(requester.language):
            send_mail(
                str(subject),
                render_to_string(
                    "appointments/email/proposal_changed.txt",
                    {
                        "appointment_request": appointment_request,
                        "back": back,
                        "site": settings.SITE_URL,
                    },
                ),
                None,
                [requester.user.email],
            )

    @property
    def shows_details(self) -> bool:
        """Whether she may read the request's title, process and duration: the requester's
        own words, where a restricted request shows only its role, track, dates and mode."""
        restricted = self.request.confidentiality == Request.Confidentiality.RESTRICTED
        return not restricted or self.request.share_details

    @property
    def title_for_her(self) -> str:
        """The request's title, or a neutral one where she may not read it."""
        if self.shows_details:
            return self.request.title
        return str(_("A confidential request"))

    @property
    def may_answer(self) -> bool:
        """Invited, before the proposals are due, and the request still open: a closed request
        needs nobody's yes, and a yes would release her data for nothing."""
        return self.current_status == self.Status.INVITED and self.request.is_open

    @property
    def may_withdraw(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @classmethod
    def part_choices(cls) -> list[tuple[str, Any]]:
        """What she may release: her profile's core, each section she chooses an audience
        for, and her email address."""
        sections = [
            (section, Mediator._meta.get_field(f"{section}_audience").verbose_name)  # type: ignore[union-attr]
            for section in Mediator.SECTIONS
        ]
        return [
            ("profile", cls.PROFILE_PART),
            *sections,
            ("email", _("Email address")),
        ]

    def parts_shown_to_members(self) -> list[str]:
        """Where her choice starts: what her profile shows to members, never her email."""
        view = self.her.as_seen_by(Audience.MEMBERS)
        return ["profile", *(section for section in Mediator.SECTIONS if view.shows[section])]

    def accept(self, parts: list[str]) -> bool:
        """She agrees to be proposed and releases these parts to the requester, recorded.
        Her profile's core is always among them: the requester cannot weigh, nor appoint, a
        mediator she may not name. False if she had answered already (a second click or tab,
        whose check ran before this one's write): one answer, one record."""
        if "profile" not in parts:
            raise ValueError("An acceptance releases her profile's core ('profile').")
        with transaction.atomic():
            if not self._still(self.Status.INVITED, open_request=True):
                return self._answered_meanwhile()
            self.status = self.Status.ACCEPTED
            self.answered_at = timezone.now()
            self.released = parts
            self.save(update_fields=["status", "answered_at", "released"])
            Release.objects.create(invitation=self, parts=parts)
        return True

    def decline(self) -> bool:
        with transaction.atomic():
            if not self._still(self.Status.INVITED, open_request=True):
                return self._answered_meanwhile()
            self.status = self.Status.DECLINED
            self.answered_at = timezone.now()
            self.save(update_fields=["status", "answered_at"])
        return True

    def withdraw(self) -> bool:
        """She takes her yes back: the requester loses her data at once, and this is recorded.
        Possible whatever became of the request; a requester still choosing is told that her
        proposal changed."""
        with transaction.atomic():
            if not self._still(self.Status.ACCEPTED):
                return self._answered_meanwhile()
            in_proposal = Invitation.objects.filter(pk=self.pk).proposed().exists()
            self.status = self.Status.WITHDRAWN
            self.answered_at = timezone.now()
            self.released = []
            self.save(update_fields=["status", "answered_at", "released"])
            Release.objects.create(invitation=self, parts=[], action=Release.Action.WITHDRAWN)
            if in_proposal:
                self.tell_requester()
        return True

    def _still(self, status: str, *, open_request: bool = False) -> bool:
        """Whether her invitation is still in the status an answer changes (and its request
        open), read again with her row locked until the answer is written: of two answers
        sent at once, the second waits for the first and then finds it answered."""
        current = Invitation.objects.select_for_update().only("status").get(pk=self.pk)
        if current.status != status:
            return False
        return (
            not open_request
            or Request.objects.filter(pk=self.request_id, status__in=Request.OPEN).exists()
        )

    def _answered_meanwhile(self) -> bool:
        self.refresh_from_db(fields=["status", "answered_at", "released"])
        return False


class Release(models.Model):
    """A record of what a mediator released to a requester, or took back, and when."""

    class Action(models.TextChoices):
        RELEASED = "released", _("Released")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        related_name="releases",
        verbose_name=_("invitation"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action, default=Action.RELEASED)
    parts = models.JSONField(_("parts"), default=list, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"

    def part_names(self) -> list[str]:
        names = dict(Invitation.part_choices())
        return [str(names.get(part, part)) for part in self.parts]


class Access(models.Model):
    """A requester looked at a proposal, downloaded its dossier or wrote to a mediator in it:
    the audit trail staff see."""

    class Kind(models.TextChoices):
        VIEWED = "viewed", _("Viewed the proposal")
        DOSSIER = "dossier", _("Downloaded the dossier")
        CONTACTED = "contacted", _("Wrote to a mediator")

    request = models.ForeignKey(
        Request, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("request")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("what"), max_length=10, choices=Kind)
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invitation"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access to a proposal")
        verbose_name_plural = _("accesses to proposals")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
