"""The network's cards, written in Python: {% load content %} then {% article_cards articles %},
{% event_cards events %} or {% voice_cards voices %}, each giving the list's <li> items.

The home page, site search and the lists show them; the template engine spent some 150
microseconds on each (an event's time in its own zone, each label looked up again), as much as
the rest of the home page's content.
"""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils import dateformat
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from wpm import formats
from wpm.markup import escape
from wpm.models import Article, ContentStatus, Event, Voice
from wpm.storage import media_url
from wpm.templatetags.wpm import lang_of

register = template.Library()
register.filter("media_url", media_url)


def _draft(item: Article | Event) -> str:
    return (
        ""
        if item.status == ContentStatus.PUBLISHED
        else f' <span class="badge">{escape(_("Draft"))}</span>'
    )


@register.simple_tag
def article_cards(articles: Iterable[Article]) -> SafeString:
    """An article's kind, day, title and summary, marked where its language is not the page's."""
    kinds = dict(Article.Kind.choices)
    items = []
    for article in articles:
        lang = lang_of(article.language)
        items.append(
            '<li class="card"><p class="process-card__meta">'
            f'<span class="badge">{escape(kinds.get(article.kind, article.kind))}</span> '
            f'<time datetime="{article.published_on:%Y-%m-%d}">'
            f"{escape(formats.day(article.published_on))}</time>{_draft(article)}</p>"
            f'<h3 class="process-card__name"><a href="{escape(article.get_absolute_url())}"{lang}>'
            f"{escape(article.title)}</a></h3><p{lang}>{escape(article.summary)}</p></li>"
        )
    return mark_safe("".join(items))  # noqa: S308 (every text is escaped above)


@register.simple_tag
def event_cards(events: Iterable[Event]) -> SafeString:
    """An event's kind, its start in its own time zone (named for the reader), its title and
    its place, or that it is online."""
    kinds = dict(Event.Kind.choices)
    online = escape(_("Online"))
    items = []
    for event in events:
        starts = event.starts_at.astimezone(ZoneInfo(event.time_zone))
        place = f"{online} · " if event.online and event.place else online if event.online else ""
        items.append(
            '<li class="card"><p class="process-card__meta">'
            f'<span class="badge">{escape(kinds.get(event.kind, event.kind))}</span> '
            f'<time datetime="{dateformat.format(starts, "Y-m-d\\TH:i:sO")}">'
            f"{escape(date_format(starts, 'DATETIME_FORMAT'))}</time> "
            f"({escape(formats.zone_name(event.time_zone))}){_draft(event)}</p>"
            f'<h3 class="process-card__name"><a href="{escape(event.get_absolute_url())}"'
            f"{lang_of(event.language)}>{escape(event.title)}</a></h3>"
            f"<p>{place}{escape(event.place)}</p></li>"
        )
    return mark_safe("".join(items))  # noqa: S308 (every text is escaped above)


@register.simple_tag
def voice_cards(voices: Iterable[Voice], single: bool = False) -> SafeString:
    """A voice's words in their language, who spoke them and where she is from, with a link to
    share it (but on its own page: ``single``)."""
    share = escape(_("Share this voice"))
    items = []
    for voice in voices:
        photo_url = media_url(voice.photo)
        photo = (
            f'<img src="{escape(photo_url)}" alt="" width="56" height="56"'
            ' class="voice__photo" loading="lazy">'
            if photo_url
            else ""
        )
        who = f"<strong>{escape(voice.name)}</strong>, {escape(voice.role)}"
        if voice.organisation:
            who += f", {escape(voice.organisation)}"
        if voice.country:
            who += f" ({escape(str(voice.country.name))})"  # type: ignore[attr-defined]  # a Country, typed as text
        link = (
            ""
            if single
            else f'<a class="voice__link" href="{escape(voice.get_absolute_url())}">{share}'
            f'<span class="visually-hidden">: {escape(voice.name)}</span></a>'
        )
        items.append(
            f'<li class="voice"><figure><blockquote lang="{escape(voice.quote_language)}">'
            f"<p>{linebreaksbr(voice.quote, autoescape=True)}</p></blockquote>"
            f"<figcaption>{photo} {who} {link}</figcaption></figure></li>"
        )
    return mark_safe("".join(items))  # noqa: S308 (every text is escaped above)
