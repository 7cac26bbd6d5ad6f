"""Markdown in, safe HTML out: only a small set of tags survives, and no script ever does.
And escape(), for the markup the site writes in Python."""

import html as stdlib_html
import re
from collections.abc import Set
from typing import Any

import markdown
import nh3
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

BIO_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a"}


def escape(value: Any) -> str:
    """conditional_escape(), as the cards and tables written in Python use it: the same output
    for every value (a safe string as it is, anything else escaped), but plain text without
    Django's wrapper, which looks for a lazy string among the arguments first: four times the
    cost, on each of hundreds of texts a list shows."""
    if type(value) is str:
        return stdlib_html.escape(value)
    return conditional_escape(value)


def render_markdown(text: str | None, tags: Set[str] = BIO_TAGS) -> SafeString:
    """Render Markdown, then keep only the allowed tags; raw HTML in the input is escaped."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    attributes: dict[str, set[str]] = {"a": {"href", "title"}}
    if "img" in tags:
        attributes["img"] = {"src", "alt", "title"}
    cleaned = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 just above)


def stored_markdown(rendered: str, text: str | None, tags: Set[str] = BIO_TAGS) -> SafeString:
    """The rendering a model saved with its text (render_markdown on save, so that no request
    renders it); rendered now for a row written without save(), such as a queryset's update."""
    if rendered or not text:
        return mark_safe(rendered)  # noqa: S308 (render_markdown's output, kept on save)
    return render_markdown(text, tags=tags)


def render_unrendered(model: Any, renderings: dict[str, tuple[str, Set[str]]], using: str) -> int:
    """Render the texts whose rendering is not kept yet ({rendering field: (text field, tags)}):
    rows written before renderings were kept, or by a queryset's update. Run after migrate; an
    update per row, so that no save() signal or history record follows."""
    rows = model._default_manager.using(using)
    count = 0
    for rendered, (text, tags) in renderings.items():
        missing = rows.filter(**{rendered: ""}).exclude(**{text: ""}).values_list("pk", text)
        for pk, value in missing.iterator():
            rows.filter(pk=pk).update(**{rendered: render_markdown(value, tags=tags)})
            count += 1
    return count


BLOCK_BREAK = re.compile(r"\n[ \t]*\n")


def leading_blocks(text: str | None, words: int) -> str:
    """The first blocks (paragraphs, headings, lists) of Markdown text that hold at least
    ``words`` words once rendered: an excerpt needs no more, and rendering a whole page costs
    a millisecond or two. Markup counts as words here (list markers, "##"), never more than
    one per word, hence twice as many."""
    taken: list[str] = []
    count = 0
    for block in BLOCK_BREAK.split(text or ""):
        taken.append(block)
        count += len(block.split())
        if count >= 2 * words:
            break
    return "\n\n".join(taken)
