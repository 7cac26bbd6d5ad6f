"""Process cards, written in Python: {% load catalogue %}{% process_cards processes %}.

A catalogue page shows 24 cards and site search ten; the template engine spent some 60
microseconds on each, as much as the rest of the list. As Django's admin writes the rows of its
change lists, the cards are written here; the markup is what the cards' template gave.
"""

from collections.abc import Iterable, Mapping

from django import template
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from processes.models import Process

register = template.Library()


@register.simple_tag
def process_cards(processes: Iterable[Process]) -> SafeString:
    """A card per process: its name (in English: PA-X names processes in English), track,
    level, stage, years, summary and regions; a draft, which only staff see, says so."""
    english = "" if get_language() == "en" else ' lang="en"'
    labels = {"regions": escape(_("Regions:")), "draft": escape(_("Draft"))}
    cards = "".join(_card(process, english, labels) for process in processes)
    return mark_safe(f'<ul class="process-list">{cards}</ul>')  # noqa: S308 (every text is escaped in _card)


def _card(process: Process, english: str, labels: Mapping[str, str]) -> str:
    draft = "" if process.is_published else f' <span class="badge">{labels["draft"]}</span>'
    meta = [f'<span class="badge badge--track">{escape(str(process.track_label))}</span> ']
    if process.conflict_level:
        meta.append(escape(str(process.conflict_level_label)))
    if process.stage:
        meta.append(f" · {escape(str(process.stage_label))}")
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
