"""Process cards, written in Python: {% load catalogue %}{% process_cards processes %}; and the
long lists of a process's page, its timeline and its agreements.

A catalogue page shows 24 cards and site search ten; the template engine spent some 60
microseconds on each, as much as the rest of the list. As Django's admin writes the rows of its
change lists, the cards are written here; the markup is what the cards' template gave.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from processes.models import Agreement, AgreementLine, Process
from wpm import formats
from wpm.markup import escape
from wpm.templatetags.wpm import lang_of

register = template.Library()


@register.simple_tag
def process_cards(processes: Iterable[Process]) -> SafeString:
    """A card per process: its name (in English: PA-X names processes in English), track,
    level, stage, years, summary and regions; a draft, which only staff see, says so."""
    english = lang_of("en")
    labels = {"regions": escape(_("Regions:")), "draft": escape(_("Draft"))}
    # A track, level or stage is translated and escaped once a page: two microseconds each,
    # three a card.
    said = _Said()
    cards = "".join(_card(process, english, labels, said) for process in processes)
    return mark_safe(f'<ul class="process-list">{cards}</ul>')  # noqa: S308 (every text is escaped in _card)


class _Said(dict[tuple[str, str], str]):
    """The escaped labels of a page's choices (a track, a stage), each translated once."""

    def label(self, row: Process | Agreement, field: str) -> str:
        key = (field, getattr(row, field))
        said = self.get(key)
        if said is None:
            said = self[key] = escape(str(getattr(row, f"{field}_label")))
        return said


def _card(process: Process, english: str, labels: Mapping[str, str], said: _Said) -> str:
    draft = "" if process.is_published else f' <span class="badge">{labels["draft"]}</span>'
    meta = [f'<span class="badge badge--track">{said.label(process, "track")}</span> ']
    if process.conflict_level:
        meta.append(said.label(process, "conflict_level"))
    if process.stage:
        meta.append(f" · {said.label(process, 'stage')}")
    if process.start_year:
        meta.append(f" · {process.start_year}")
        if process.end_year:
            meta.append(f"&ndash;{process.end_year}")
    parts = [
        '<li class="card process-card"><h3 class="process-card__name">',
        f'<a href="{escape(process.get_absolute_url())}"{english}>{escape(process.name)}</a>',
        f'{draft}</h3><p class="process-card__meta">{"".join(meta)}</p>',
    ]
    if process.summary:
        parts.append(f"<p{english}>{escape(process.summary)}</p>")
    regions = process.region_names
    if regions:
        parts.append(
            f'<p class="process-card__regions"><span class="visually-hidden">{labels["regions"]}'
            f" </span>{escape(', '.join(regions))}</p>"
        )
    parts.append("</li>")
    return "".join(parts)


@register.simple_tag
def timeline_items(timeline: Iterable[tuple[date, str, str]]) -> SafeString:
    """A process's milestones and agreements by day, a milestone's description under it."""
    items = []
    for day, title, description in timeline:
        more = f'<br><span class="muted">{escape(description)}</span>' if description else ""
        items.append(
            f'<li><time datetime="{day.isoformat()}">{escape(formats.day(day))}</time>: '
            f"{escape(title)}{more}</li>"
        )
    return mark_safe("".join(items))  # noqa: S308 (every text is escaped above)


@register.simple_tag
def agreement_items(agreements: Iterable[AgreementLine]) -> SafeString:
    """A process's agreements (PA-X names them in English), each with its day and a mark where
    it has provisions on women and gender."""
    english, gender = lang_of("en"), _gender_badge()
    items = []
    for agreement in agreements:
        day = f" ({escape(formats.day(agreement.date))})" if agreement.date else ""
        items.append(
            f'<li><a href="{escape(agreement.get_absolute_url())}"{english}>'
            f"{escape(agreement.name)}</a>{day}{gender if agreement.gender_provisions else ''}</li>"
        )
    return mark_safe("".join(items))  # noqa: S308 (every text is escaped above)


@register.simple_tag
def agreement_cards(agreements: Iterable[Agreement]) -> SafeString:
    """The agreements list's cards: an agreement's name, day, stage and process (in English,
    as PA-X names them), marked where it has provisions on women and gender."""
    english, gender = lang_of("en"), _gender_badge()
    items = []
    # A stage is translated and escaped once a page (as on the process cards), a process's link
    # written once: fifty cards share a handful of each.
    said = _Said()
    processes: dict[int, str] = {}
    for agreement in agreements:
        day = f"{escape(formats.day(agreement.date))} &middot; " if agreement.date else ""
        stage = f"{said.label(agreement, 'stage')} &middot; " if agreement.stage else ""
        process = processes.get(agreement.process_id, "")
        if not process:
            linked = agreement.process
            process = processes[agreement.process_id] = (
                f'<a href="{escape(linked.get_absolute_url())}"{english}>{escape(linked.name)}</a>'
            )
        items.append(
            '<li class="card"><h3 class="process-card__name">'
            f'<a href="{escape(agreement.get_absolute_url())}"{english}>{escape(agreement.name)}'
            f"</a></h3><p>{day}{stage}{process}"
            f"{gender if agreement.gender_provisions else ''}</p></li>"
        )
    return mark_safe("".join(items))  # noqa: S308 (every text is escaped above)


def _gender_badge() -> str:
    return (
        f' <span class="badge badge--gender">{escape(_("provisions on women and gender"))}</span>'
    )
