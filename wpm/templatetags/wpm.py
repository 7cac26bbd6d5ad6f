from django import forms, template
from django.utils.safestring import SafeString

from wpm import widgets

register = template.Library()


@register.simple_tag(takes_context=True)
def checkboxes(context: template.Context, field: forms.BoundField) -> SafeString:
    """A multiple-choice field's checkboxes, each with its count when the context's facets
    (counts by field name) have the field's: {% checkboxes field %}."""
    facets = context.get("facets") or {}
    return widgets.checkboxes(field, facets.get(field.name))
