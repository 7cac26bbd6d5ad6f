import datetime

from django import forms, template
from django.contrib.admin.models import LogEntry
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from wpm import adminlog, formats, widgets
from wpm.disclosure import public_count_text
from wpm.forms import error_summary

register = template.Library()


@register.filter
def worded(entry: LogEntry) -> str:
    """A back-office log entry in the reader's language (wpm.adminlog)."""
    return adminlog.worded(entry)


@register.simple_tag(takes_context=True)
def filter_fields(context: template.Context, form: forms.Form) -> SafeString:
    """The fields of a list's filter form, multiple choices with the context's facet counts:
    {% filter_fields filterset.form %} (wpm.widgets.filter_fields)."""
    return widgets.filter_fields(form, context.get("facets") or {})


@register.simple_tag(takes_context=True)
def page_errors(context: template.Context) -> list[dict[str, str]]:
    """The errors of the page's form and of the formsets beside it, for the title and the
    summary at the top of every page: {% page_errors as errors %} (wpm.forms.error_summary)."""
    return error_summary(context.get("form"), context.get("formsets") or ())


@register.simple_tag
def picker(field: forms.BoundField) -> SafeString:
    """A long multiple choice as a picker: {% picker field %} (wpm.widgets.picker)."""
    return widgets.picker(field)


@register.filter
def public_count(count: int) -> str:
    """A count of people for the public: {{ n|public_count }} reads "fewer than 5" below five."""
    return public_count_text(count)


@register.filter
def percent(share: float | int | None) -> str:
    """{{ 26|percent }} reads "26%" in English and "26 %" in German."""
    return formats.percent(share)


@register.filter
def day(value: datetime.date | None) -> str:
    """{{ agreement.date|day }} reads as {{ agreement.date }}, worked out once per day."""
    return formats.day(value) if value else ""


@register.filter
def lang_of(language: str) -> SafeString:
    """' lang="en"' where a text in that language stands on a page in another, so a screen
    reader reads it with the right voice: <h3{{ "en"|lang_of }}>; nothing where they agree."""
    if not language or language == get_language():
        return mark_safe("")
    return format_html(' lang="{}"', language)


@register.filter
def zone_name(zone: str) -> str:
    """{{ event.time_zone|zone_name }} reads "Kenya Time", not "Africa/Nairobi"."""
    return formats.zone_name(zone)
