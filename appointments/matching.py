"""Candidates for a request, found with the roster's own filters: each criterion of the request is
one roster filter, run for staff (who see every approved profile, hidden and protected ones too),
and a candidate meets the criterion when that filter keeps her."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.lookups import Unaccent
from django.db.models import BooleanField, Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from mediators.filters import RosterFilter
from mediators.models import Audience, Mediator

if TYPE_CHECKING:  # for the annotations only: the models call in here
    from .models import Request


@dataclass(frozen=True)
class Sought:
    """One criterion of a request, as the candidates' page names it, and the roster filter
    that finds the mediators who bring it."""

    key: str
    label: str
    required: bool
    data: dict[str, Any]
    choices: tuple[tuple[str, str], ...] = ()

    def condition(self) -> Q:
        """The roster's filter for this criterion, as staff see the roster."""
        # The one area asked for, if any: the filter need not read every area to check it.
        roster = RosterFilter(
            self.data,
            queryset=Mediator.objects.listed(),
            audience=Audience.STAFF,
            expertise=list(self.choices) or None,
        )
        if not roster.is_valid():
            # A criterion the roster cannot read would match nobody, silently.
            raise ValueError(f"{self.key}: {dict(roster.errors)}")
        return Q(pk__in=roster.qs.values("pk"))


def criteria_of(request: Request) -> list[Sought]:
    """The request's criteria, required ones first."""
    found = [
        Sought(
            f"language_{row.pk}",
            str(row),
            row.need == "required",
            {"language": [row.code], "level": str(row.level)},
        )
        for row in request.languages.all()
    ]
    found += [
        Sought(
            f"expertise_{row.pk}",
            str(row),
            row.need == "required",
            {"expertise": [row.area.slug]},
            ((row.area.slug, row.area.slug),),
        )
        for row in request.expertise.select_related("area")
    ]
    found += [
        Sought(
            f"region_{row.pk}", str(row), row.need == "required", {"country": [str(row.country)]}
        )
        for row in request.regions.all()
    ]
    return sorted(found, key=lambda criterion: not criterion.required)


def _met(criteria: list[Sought]) -> Any:
    total: Any = Value(0)
    for criterion in criteria:
        total += Case(When(**{f"met_{criterion.key}": True}, then=1), default=0)
    return total


def candidates_for(criteria: list[Sought]) -> QuerySet[Mediator]:
    """Every approved mediator, those who meet the most required criteria first, then the most
    preferred ones, then by name; each row says which criteria she meets (met_<key>)."""
    flags = {
        f"met_{criterion.key}": Case(
            When(criterion.condition(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        for criterion in criteria
    }
    required = [criterion for criterion in criteria if criterion.required]
    preferred = [criterion for criterion in criteria if not criterion.required]
    return (
        Mediator.objects.listed()
        .only(
            "slug",
            "display_name",
            "public_name",
            "headline",
            "visibility",
            "availability",
            "availability_note",
            "deploys_within_72h",
            "remote_only",
        )
        .annotate(**flags)
        .annotate(
            required_met=_met(required) if required else Value(0, IntegerField()),
            preferred_met=_met(preferred) if preferred else Value(0, IntegerField()),
        )
        # Then by the name the page shows (a protected profile's own, not her pseudonym), as
        # people read it: "Ángela" and "de Silva" before "Zhang" (the roster's sort_name folds
        # the public name, which is her pseudonym where she is protected).
        .order_by("-required_met", "-preferred_met", Lower(Unaccent("display_name")), "pk")
    )


def checklist(candidate: Mediator, criteria: list[Sought]) -> list[tuple[Sought, bool]]:
    """Each criterion with whether she meets it, required first, as candidates_for found it."""
    return [(criterion, bool(getattr(candidate, f"met_{criterion.key}"))) for criterion in criteria]
