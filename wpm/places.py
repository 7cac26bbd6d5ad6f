"""Rows that place something in a country (a mediator's experience, a process's countries),
with the country's M49 sub-region and region kept beside it, so that lists filter by region
through an index."""

from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .geography import regions_of
from .groupings import grouping_countries


class PlaceQuerySet(models.QuerySet):
    def in_region(self, code: str) -> Self:
        """Places in a region or a sub-region, or in one of mediation practice's groupings of
        countries (wpm.groupings): what every region filter matches."""
        countries = grouping_countries(code)
        if countries is not None:
            return self.filter(country__in=countries)
        return self.filter(Q(region=code) | Q(subregion=code))


class Place(models.Model):
    """A country, with its M49 sub-region and region, kept up to date on every save."""

    country = CountryField(_("country"))
    subregion = models.CharField(_("sub-region"), max_length=3, blank=True, editable=False)
    region = models.CharField(_("region"), max_length=3, blank=True, editable=False)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.country.name)  # type: ignore[attr-defined]  # a CountryField reads back a Country (typed as text)

    def save(self, *args: Any, **kwargs: Any) -> None:
        subregion, region = regions_of(self.country)
        self.subregion, self.region = subregion or "", region or ""
        super().save(*args, **kwargs)

    @property
    def codes(self) -> list[str]:
        """Its sub-region and region, those it has."""
        return [code for code in (self.subregion, self.region) if code]
