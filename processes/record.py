"""What is recorded of a peace process beside the process itself: who takes part (the parties in
their roles, the mediation instruments used and who provides them), how many women sat at the
table, its milestones and its sources. Registered with the app by processes.models, which holds
the processes, their links, agreements and engagements."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wpm.choices import BilingualName


class Instrument(BilingualName, models.Model):
    """A mediation instrument, from technical support to mediation-based dialogue."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=120, unique=True)
    description_en = models.TextField(_("what it is (English)"), max_length=600, blank=True)
    description_de = models.TextField(_("what it is (German)"), max_length=600, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["position", "name_en"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("processes:instruments") + f"#{self.slug}"

    @property
    def description(self) -> str:
        """What it is, in the reader's language (English where German is missing)."""
        german = (get_language() or "en").startswith("de")
        return (self.description_de if german else "") or self.description_en


class Party(models.Model):
    class Kind(models.TextChoices):
        STATE = "state", _("State")
        GOVERNMENT = "government", _("Government")
        ARMED_GROUP = "armed-group", _("Non-state armed group")
        POLITICAL = "political", _("Political party or movement")
        CIVIL_SOCIETY = "civil-society", _("Civil society")
        INTERNATIONAL = "international", _("International organisation")
        REGIONAL = "regional", _("Regional organisation")
        FAITH = "faith", _("Faith-based actor")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind, default=Kind.OTHER)
    country = CountryField(_("country"), blank=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProcessParty(models.Model):
    class Role(models.TextChoices):
        CONFLICT_PARTY = "conflict-party", _("Conflict party")
        MEDIATOR = "mediator", _("Mediator or third party")
        CO_MEDIATOR = "co-mediator", _("Co-mediator")
        FACILITATOR = "facilitator", _("Facilitator")
        GUARANTOR = "guarantor", _("Guarantor")
        OBSERVER = "observer", _("Observer")
        WITNESS = "witness", _("Witness")
        SUPPORTER = "supporter", _("Supporter")

    process = models.ForeignKey("Process", on_delete=models.CASCADE, related_name="party_roles")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="process_roles")
    role = models.CharField(_("role"), max_length=15, choices=Role)

    class Meta:
        verbose_name = _("party in the process")
        verbose_name_plural = _("parties in the process")
        ordering = ["role", "party__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "party", "role"], name="process_party_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_role_display()})"


class ProcessInstrument(models.Model):
    process = models.ForeignKey("Process", on_delete=models.CASCADE, related_name="instrument_uses")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="uses")
    provider = models.CharField(_("provided by"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("instrument used")
        verbose_name_plural = _("instruments used")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "instrument", "provider"], name="process_instrument_unique"
            )
        ]
        indexes = [
            # The catalogue's instrument filter.
            models.Index(fields=["instrument", "process"], name="process_instrument_idx")
        ]

    def __str__(self) -> str:
        return str(self.instrument)


class ParticipationFigure(models.Model):
    """How many people held a role at the table, and how many of them were women."""

    class Role(models.TextChoices):
        NEGOTIATORS = "negotiators", _("Negotiators")
        MEDIATORS = "mediators", _("Mediators")
        SIGNATORIES = "signatories", _("Signatories")
        OBSERVERS = "observers", _("Observers")
        ADVISERS = "advisers", _("Advisers")

    process = models.ForeignKey(
        "Process", on_delete=models.CASCADE, related_name="figures", null=True, blank=True
    )
    agreement = models.ForeignKey(
        "Agreement", on_delete=models.CASCADE, related_name="figures", null=True, blank=True
    )
    role = models.CharField(_("role"), max_length=12, choices=Role)
    total = models.PositiveIntegerField(_("people in total"))
    women = models.PositiveIntegerField(_("of whom women"))
    source = models.CharField(_("source"), max_length=300)
    as_of = models.DateField(_("as of"))

    class Meta:
        verbose_name = _("participation figure")
        verbose_name_plural = _("participation figures")
        ordering = ["as_of", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(women__lte=models.F("total")), name="figure_women_within_total"
            ),
            models.CheckConstraint(
                condition=Q(process__isnull=False, agreement__isnull=True)
                | Q(process__isnull=True, agreement__isnull=False),
                name="figure_belongs_to_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.women}/{self.total}"

    def clean(self) -> None:
        if self.women is not None and self.total is not None and self.women > self.total:
            raise ValidationError({"women": _("There cannot be more women than people.")})
        if bool(self.process_id) == bool(self.agreement_id):
            raise ValidationError(_("A figure belongs either to a process or to an agreement."))

    @property
    def role_label(self) -> str:
        """As get_role_display(), which reads every choice on each call: a row of a table."""
        return str(ROLE_LABELS.get(self.role, self.role))

    @property
    def share(self) -> int | None:
        """The women's share in per cent, or None when nobody was counted."""
        return share_of(self.women, self.total)


ROLE_LABELS = dict(ParticipationFigure.Role.choices)


def share_of(part: int, whole: int) -> int | None:
    """part of whole, in whole per cent with a half rounded up as readers round it (1 of 8 is
    13 %, where Python's round() makes 12.5 12 and 37.5 38); None when nothing was counted,
    which is no share of 0 %."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


class Milestone(models.Model):
    process = models.ForeignKey("Process", on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.title}"


class Source(models.Model):
    process = models.ForeignKey("Process", on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
