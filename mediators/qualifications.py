"""What a mediator brings beside her profile's own fields: the tracks she has worked on, her
professional backgrounds, her languages with their levels, her trainings and the countries she
has worked on. Registered with the app by mediators.models, whose receivers rebuild her search
documents whenever one of these rows changes."""

from typing import Any

from babel import Locale
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpm.choices import Track
from wpm.places import Place

from .choices import Background, LanguageLevel, language_name


class MediatorTrack(models.Model):
    mediator = models.ForeignKey(
        "mediators.Mediator", on_delete=models.CASCADE, related_name="tracks"
    )
    track = models.CharField(_("track"), max_length=3, choices=Track)

    class Meta:
        verbose_name = _("track experience")
        verbose_name_plural = _("track experience")
        ordering = ["track"]
        constraints = [
            models.UniqueConstraint(fields=["mediator", "track"], name="mediator_track_unique"),
        ]
        # The roster's track filter: mediators with experience on a track.
        indexes = [models.Index(fields=["track", "mediator"], name="mediator_track_filter_idx")]

    def __str__(self) -> str:
        return self.get_track_display()


class MediatorBackground(models.Model):
    mediator = models.ForeignKey(
        "mediators.Mediator", on_delete=models.CASCADE, related_name="backgrounds"
    )
    background = models.CharField(_("professional background"), max_length=20, choices=Background)

    class Meta:
        verbose_name = _("professional background")
        verbose_name_plural = _("professional backgrounds")
        ordering = ["background"]
        constraints = [
            models.UniqueConstraint(
                fields=["mediator", "background"], name="mediator_background_unique"
            ),
        ]
        # The roster's background filter.
        indexes = [
            models.Index(fields=["background", "mediator"], name="mediator_background_filter_idx")
        ]

    def __str__(self) -> str:
        return self.get_background_display()


class MediatorLanguage(models.Model):
    mediator = models.ForeignKey(
        "mediators.Mediator", on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(_("language"), max_length=3)
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=LanguageLevel,
        validators=[MinValueValidator(LanguageLevel.A1), MaxValueValidator(LanguageLevel.NATIVE)],
    )

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["-level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["mediator", "code"], name="mediator_language_unique"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=7), name="language_level"),
        ]
        # The roster's language filter: speakers of a language at or above a level.
        indexes = [models.Index(fields=["code", "level", "mediator"], name="language_filter_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_level_display()})"

    @property
    def name(self) -> str:
        return language_name(self.code)

    def clean(self) -> None:
        if self.code not in Locale("en").languages or len(self.code) != 2:
            raise ValidationError({"code": _("Choose a language from the list.")})


class Training(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Mediation course")
        CERTIFICATION = "certification", _("Certification")
        COACHING = "coaching", _("Coaching")
        DEGREE = "degree", _("Academic degree")

    mediator = models.ForeignKey(
        "mediators.Mediator", on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind, default=Kind.COURSE)
    hours = models.PositiveSmallIntegerField(
        _("hours"), null=True, blank=True, validators=[MaxValueValidator(5000)]
    )

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1950, year__lte=2100), name="training_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class RegionalExperience(Place):
    """A country she has worked on, with its M49 sub-region and region kept for filtering."""

    mediator = models.ForeignKey(
        "mediators.Mediator", on_delete=models.CASCADE, related_name="regional_experience"
    )

    class Meta:
        verbose_name = _("regional experience")
        verbose_name_plural = _("regional experience")
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(
                fields=["mediator", "country"], name="regional_experience_unique"
            )
        ]
        indexes = [
            # The roster's region filter matches a region or a sub-region.
            models.Index(fields=["region", "mediator"], name="experience_region_idx"),
            models.Index(fields=["subregion", "mediator"], name="experience_subregion_idx"),
            models.Index(fields=["country", "mediator"], name="experience_country_idx"),
        ]


def replace_rows(mediator: Any, model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Make a mediator's rows of a child table these, one by one: each row's own save() fills
    what follows from it (a country's regions)."""
    model._default_manager.filter(mediator=mediator).delete()
    for values in rows:
        model(mediator=mediator, **values).save()
