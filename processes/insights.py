"""The figures behind "women at the table": each chart is data first, drawn second."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import zip_longest
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from mediators.models import Mediator
from wpm.choices import Track
from wpm.derived import kept
from wpm.formats import percent
from wpm.geography import region_name

from .models import Agreement, Engagement, Process, ProcessCountry
from .record import ROLE_LABELS, ParticipationFigure, share_of

PERIOD_YEARS = 5


@dataclass
class Chart:
    slug: str
    title: str
    summary: str
    columns: list
    rows: list  # lists of cells, in the order of columns
    bars: list = field(default_factory=list)  # (label, value, maximum, text)
    links: list = field(default_factory=list)  # per row, the list it counts ("" for none)
    trend: "Trend | None" = None  # a line per series over time, drawn instead of bars

    def settled(self) -> "Chart":
        """The chart with its words as plain text in the active language: kept per language,
        it is read back many times faster than with a lazy translation in every cell."""
        trend = self.trend and replace(
            self.trend, periods=_plain(self.trend.periods), series=_plain(self.trend.series)
        )
        fields = ("title", "summary", "columns", "rows", "bars", "links")
        return replace(self, trend=trend, **{name: _plain(getattr(self, name)) for name in fields})

    @property
    def linked_rows(self):
        """Each row of the table with the address of the list it counts, if any."""
        return list(zip_longest(self.rows, self.links, fillvalue=""))


@dataclass
class Trend:
    """Shares (0-100) of several series over the same periods: one line each."""

    periods: list  # their labels, in order
    series: list  # (label, {period: share})

    def lines(self):
        """Each series' label, its latest share as text and its points in a 100 x 100 box
        (the x of a period at the middle of its column, 100 % at the top)."""
        width = 100 / len(self.periods) if self.periods else 100
        drawn = []
        for label, shares in self.series:
            points = [
                f"{width * (index + 0.5):.2f},{100 - shares[period]:.2f}"
                for index, period in enumerate(self.periods)
                if period in shares
            ]
            latest = next(
                (shares[period] for period in reversed(self.periods) if period in shares), None
            )
            drawn.append((label, percent(latest), " ".join(points)))
        return drawn


def _plain(value):
    """Lazy translations, also in lists and tuples, as the text they stand for now."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return type(value)(_plain(item) for item in value)
    return value


def _list(name, **query):
    """The address of a list filtered as a figure counts it."""
    return f"{reverse(name)}?{urlencode(query)}"


def _catalogue(**query):
    return _list("processes:catalogue", **query)


def _period(year):
    start = year - (year % PERIOD_YEARS)
    return f"{start}\N{EN DASH}{start + PERIOD_YEARS - 1}"


def published_figures():
    """Figures of published processes and of agreements in published processes: each figure
    belongs to one or the other, so its process is the first of the two that is set."""
    published = Process.objects.public().values("pk")
    return ParticipationFigure.objects.alias(
        owner=Coalesce("process_id", "agreement__process_id")
    ).filter(owner__in=published)


def share_by_role_and_period():
    totals = defaultdict(lambda: [0, 0])
    rows = (
        published_figures()
        .values("role", year=ExtractYear("as_of"))
        .annotate(total=Sum("total"), women=Sum("women"))
        .order_by()
    )
    for row in rows:
        cell = totals[(_period(row["year"]), row["role"])]
        cell[0] += row["women"]
        cell[1] += row["total"]
    table, links = [], []
    by_role = defaultdict(dict)
    for (period, role), (women, total) in sorted(totals.items()):
        share = share_of(women, total)
        table.append([period, ROLE_LABELS[role], total, women, share])
        if share is not None:  # nobody counted: no point of the line, which would read 0 %
            by_role[role][period] = share
        links.append(_catalogue(women_in=role))
    trend = Trend(
        sorted({period for period, _role in totals}),
        [(ROLE_LABELS[role], by_role[role]) for role in ROLE_LABELS if role in by_role],
    )
    overall = _overall_share(totals.values())
    if overall is None:
        summary = _("The figures published yet count nobody at the table.")
    else:
        periods = len({key[0] for key in totals})
        summary = ngettext(
            "Across %(periods)d five-year period and every role counted, women were "
            "%(share)s of the people at the table.",
            "Across %(periods)d five-year periods and every role counted, women were "
            "%(share)s of the people at the table.",
            periods,
        ) % {"periods": periods, "share": percent(overall)}
    return Chart(
        "share-by-role",
        _("Women's share by role over time"),
        summary,
        [_("Period"), _("Role"), _("People"), _("Women"), _("Women's share (%)")],
        table,
        links=links,
        trend=trend,
    )


def _overall_share(cells):
    cells = list(cells)
    return share_of(sum(c[0] for c in cells), sum(c[1] for c in cells))


def share_by_region():
    """Each figure counts once in every region its process touches, never twice in one."""
    totals = {region: [women, total] for region, women, total in _figures_by_region()}
    table, bars, links = [], [], []
    for code, (women, total) in sorted(totals.items(), key=lambda item: region_name(item[0])):
        share = share_of(women, total)
        table.append([region_name(code), total, women, share])
        bars.append((region_name(code), share or 0, 100, percent(share) or "\N{EN DASH}"))
        links.append(_catalogue(region=code))
    summary = _("Women's share of the people counted at the table, by the region of the process.")
    return Chart(
        "share-by-region",
        _("Women's share by region"),
        summary,
        [_("Region"), _("People"), _("Women"), _("Women's share (%)")],
        table,
        bars,
        links,
    )


def _figures_by_region():
    """(region, women, total) over published processes' figures, directly or through an
    agreement. The SQL that sums each figure once per region of its process: the ORM would
    join every country of the process and count a figure once per country."""
    figure, agreement, country = (
        model._meta.db_table for model in (ParticipationFigure, Agreement, ProcessCountry)
    )
    published, params = Process.objects.public().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT place.region, SUM(figure.women), SUM(figure.total)
            FROM {figure} figure
            LEFT JOIN {agreement} agreement ON agreement.id = figure.agreement_id
            JOIN (SELECT DISTINCT process_id, region FROM {country} WHERE region <> '') place
              ON place.process_id = COALESCE(figure.process_id, agreement.process_id)
            WHERE place.process_id IN ({published})
            GROUP BY place.region
            """,  # noqa: S608 (table names and the published processes' query from the models)
            params,
        )
        return cursor.fetchall()


def gender_provisions_by_year():
    # Undated agreements too, as a year of None: no year shows them, the summary counts them
    # as the list does.
    rows = list(
        Agreement.objects.filter(process__in=Process.objects.public())
        .values(year=ExtractYear("date"))
        .annotate(total=Count("pk"), gendered=Count("pk", filter=Q(gender_provisions=True)))
        .order_by(F("year").asc(nulls_last=True))
    )
    overall = {
        "total": sum(row["total"] for row in rows),
        "gendered": sum(row["gendered"] for row in rows),
    }
    table, bars, links = [], [], []
    for row in rows:
        if row["year"] is None:
            continue
        share = share_of(row["gendered"], row["total"])
        table.append([row["year"], row["total"], row["gendered"], share])
        year = row["year"]
        links.append(_list("processes:agreements", gender="on", year_from=year, year_to=year))
        # The share, drawn as a share: 1 of 2 and 1 of 1 must not look alike.
        text = _("%(gendered)d of %(total)d (%(share)s)") % {
            "gendered": row["gendered"],
            "total": row["total"],
            "share": percent(share),
        }
        bars.append((str(year), share, 100, text))
    if overall["total"]:
        summary = ngettext(
            "%(gendered)d of %(total)d agreement (%(share)s) contains provisions on women, "
            "girls and gender.",
            "%(gendered)d of %(total)d agreements (%(share)s) contain provisions on women, "
            "girls and gender.",
            overall["total"],
        ) % (overall | {"share": percent(share_of(overall["gendered"], overall["total"]))})
    else:
        summary = _("No agreements of the catalogue's processes are published yet.")
    return Chart(
        "gender-provisions",
        _("Agreements with gender provisions per year"),
        summary,
        [_("Year"), _("Agreements"), _("With gender provisions"), _("Share (%)")],
        table,
        bars,
        links,
    )


def engagements_by_track():
    """Counts only, of what the public can see on the profiles: the named and anonymised
    engagements of profiles it sees under their name (an anonymised one there gives its track).
    Staff-only engagements are left out, and so are those of hidden, members-only and protected
    profiles: beside the public pages, a count of theirs would tell that someone the public
    cannot see is engaged on a track."""
    counts = dict(
        Engagement.objects.disclosed()
        .filter(mediator__in=Mediator.objects.named_to(None))
        .values_list("process__track")
        .annotate(count=Count("pk"))
        .order_by()
    )
    maximum = max(counts.values(), default=0)
    table = [[label, counts.get(value, 0)] for value, label in Track.choices]
    links = [_catalogue(track=value, network="on") for value, _label in Track.choices]
    bars = [
        (label, counts.get(value, 0), maximum, str(counts.get(value, 0)))
        for value, label in Track.choices
    ]
    total = sum(counts.values())
    summary = ngettext(
        "%(count)d engagement of network members in peace processes, by track, as their "
        "public profiles show them.",
        "%(count)d engagements of network members in peace processes, by track, as their "
        "public profiles show them.",
        total,
    ) % {"count": total}
    return Chart(
        "engagements-by-track",
        _("Network members' engagements by track"),
        summary,
        [_("Track"), _("Engagements")],
        table,
        bars,
        links,
    )


CHARTS = {
    "share-by-role": share_by_role_and_period,
    "share-by-region": share_by_region,
    "gender-provisions": gender_provisions_by_year,
    "engagements-by-track": engagements_by_track,
}


def all_charts():
    """Every chart, in the reader's language: the same for everyone until content changes, so
    counted once per version of the content (wpm.derived)."""
    return kept(
        "insights", lambda: [build().settled() for build in CHARTS.values()], get_language()
    )
