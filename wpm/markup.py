"""Markdown in, safe HTML out: only a small set of tags survives, and no script ever does."""

import markdown
import nh3
from django.utils.safestring import mark_safe

BIO_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "a"}


def render_markdown(text, tags=BIO_TAGS):
    """Render Markdown, then keep only the allowed tags; raw HTML in the input is escaped."""
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    attributes = {"a": {"href", "title"}}
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
