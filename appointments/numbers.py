"""What became of the requests the network received, as the public may read it.

Counts under five are never published exactly (wpm.disclosure): a request from a small region
for a rare role is nearly a name. Shares and medians are given only where at least five
requests stand behind them. Every figure reads rows that survive the purge of a request's
personal data and the deletion of an account: the numbers stay right after both.
"""

from dataclasses import dataclass
from statistics import median

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from processes.insights import Chart
from wpm.disclosure import SMALL_COUNT, public_count_text, withheld, withheld_text
from wpm.geography import region_name

from .models import Invitation, Request, Role


def _chart(slug, title, summary, heading, counts):
    """A chart of request counts, each label with its count: small ones hidden, and with them,
    where the total (in the summary) less the others would give a small one away, the next
    smallest (wpm.disclosure.withheld)."""
    hidden = withheld([count for _label, count in counts])
    texts = [
        withheld_text(count) if place in hidden else public_count_text(count)
        for place, (_label, count) in enumerate(counts)
    ]
    shown = [count for place, (_label, count) in enumerate(counts) if place not in hidden]
    maximum = max(shown, default=0) or 1
    bars = [
        (label, 0 if place in hidden else count, maximum, text)
        for place, ((label, count), text) in enumerate(zip(counts, texts, strict=True))
    ]
    table = [[label, text] for (label, _count), text in zip(counts, texts, strict=True)]
    return Chart(slug, title, summary, [heading, _("Requests")], table, bars)


def _summary(total):
    return _("%(count)s requests for mediators reached the network.") % {
        "count": public_count_text(total)
    }


def requests_per_year():
    rows = (
        Request.objects.sent()
        .annotate(year=ExtractYear("sent_at"))
        .values_list("year")
        .annotate(count=Count("pk"))
        .order_by("year")
    )
    counts = [(str(year), count) for year, count in rows]
    return _chart(
        "requests-per-year",
        _("Requests for mediators per year"),
        _summary(sum(count for _year, count in counts)),
        _("Year"),
        counts,
    )


def requests_by_region():
    rows = Request.objects.sent().values_list("region").annotate(count=Count("pk")).order_by()
    counts = sorted(
        ((region_name(code) if code else _("Region not stated"), count) for code, count in rows),
        key=lambda row: row[0],
    )
    return _chart(
        "requests-by-region",
        _("Requests for mediators by region"),
        _summary(sum(count for _region, count in counts)),
        _("Region"),
        counts,
    )


def requests_by_role():
    rows = dict(Request.objects.sent().values_list("role").annotate(count=Count("pk")).order_by())
    counts = [(role.name, rows[role.pk]) for role in Role.objects.filter(pk__in=rows)]
    return _chart(
        "requests-by-role",
        _("Requests for mediators by role"),
        _summary(sum(rows.values())),
        _("Role sought"),
        counts,
    )


@dataclass
class Numbers:
    requests: int
    proposed: int
    appointed: int
    closed: int
    from_list: int
    days_to_proposal: list[int]

    @property
    def share_from_list(self) -> int | None:
        """The share of closed requests filled from the network's proposal, in per cent."""
        if self.closed < SMALL_COUNT:
            return None
        return round(100 * self.from_list / self.closed)

    @property
    def median_days_to_proposal(self) -> int | None:
        if len(self.days_to_proposal) < SMALL_COUNT:
            return None
        return round(median(self.days_to_proposal))

    @property
    def charts(self) -> list[Chart]:
        return [build() for build in CHARTS.values()]


def numbers() -> Numbers:
    """The headline figures: five queries, however many requests there are."""
    sent = Request.objects.sent()
    closed = dict(
        sent.filter(status=Request.Status.CLOSED)
        .values_list("outcome")
        .annotate(count=Count("pk"))
        .order_by()
    )
    in_sent = Invitation.objects.filter(request__in=sent.values("pk"))
    times = sent.filter(proposed_at__isnull=False, sent_at__isnull=False).values_list(
        "sent_at", "proposed_at"
    )
    return Numbers(
        requests=sent.count(),
        proposed=in_sent.filter(proposed_at__isnull=False).count(),
        appointed=in_sent.filter(outcome=Invitation.Outcome.APPOINTED).count(),
        closed=sum(closed.values()),
        from_list=closed.get(Request.Outcome.FILLED_FROM_LIST, 0),
        days_to_proposal=[
            (proposed - sent_at).days for sent_at, proposed in times if sent_at and proposed
        ],
    )


CHARTS = {
    "requests-per-year": requests_per_year,
    "requests-by-region": requests_by_region,
    "requests-by-role": requests_by_role,
}
