"""Roster cards, written in Python: {% load roster %}{% roster_cards profiles %}.

The cards are the most repeated markup of the site (24 on a roster page, more in site search),
and the template engine spent some 50 microseconds on each; as Django's admin writes the rows of
its change lists, the cards are written here. The markup is what the card's template gave.
"""

from collections.abc import Mapping

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mediators.presentation import Presentation
from wpm.markup import escape

register = template.Library()


@register.simple_tag
def roster_cards(profiles: list[Presentation]) -> SafeString:
    """One card per profile as its viewer may see it (Presentation.card), with the reason it
    matched a search where there is one (``profile.matched``)."""
    labels = {
        "expertise": escape(_("Expertise:")),
        "languages": escape(_("Languages:")),
        "regions": escape(_("Regional experience:")),
    }
    cards = "".join(_card(profile, labels) for profile in profiles)
    return mark_safe(f'<ul class="cards cards--grid">{cards}</ul>')  # noqa: S308 (every text is escaped in _card)


def _card(profile: Presentation, labels: Mapping[str, str]) -> str:
    card = profile.card
    if card.get("photo"):
        photo, large = escape(card["photo"]), escape(card["photo_large"])
        image = (
            f'<img class="mediator-card__photo" src="{photo}" srcset="{photo} 160w, {large} 640w"'
            ' sizes="64px" width="64" height="64" alt="" loading="lazy">'
        )
    else:
        image = (
            '<span class="mediator-card__photo mediator-card__photo--none" aria-hidden="true">'
            "</span>"
        )
    parts = [
        f'<li class="card mediator-card">{image}<div>',
        f'<h3 class="mediator-card__name"><a href="{escape(card["url"])}">'
        f"<bdi>{escape(card['name'])}</bdi></a></h3>",
    ]
    if card["headline"]:
        lang = f' lang="{escape(card["lang"])}"' if card["lang"] else ""
        parts.append(
            f'<p class="mediator-card__headline"{lang} dir="auto">{escape(card["headline"])}</p>'
        )
    if profile.matched:
        parts.append(f'<p class="mediator-card__matched">{escape(profile.matched)}</p>')
    if card["expertise"]:
        tags = "".join(f'<span class="tag">{escape(area)}</span>' for area in card["expertise"])
        parts.append(
            f'<p class="tags"><span class="visually-hidden">{labels["expertise"]} </span>{tags}</p>'
        )
    for kind in ("languages", "regions"):
        if card[kind]:
            parts.append(
                f'<p class="mediator-card__languages"><span class="visually-hidden">'
                f"{labels[kind]} </span>{escape(card[kind])}</p>"
            )
            break
    parts.append("</div></li>")
    return "".join(parts)
