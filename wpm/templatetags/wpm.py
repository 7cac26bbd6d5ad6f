from django import template

from wpm import widgets

register = template.Library()


@register.simple_tag(takes_context=True)
def checkboxes(context, field):
    """A multiple-choice field's checkboxes, each with its count when the context's facets
    (counts by field name) have the field's: {% checkboxes field %}."""
    facets = context.get("facets") or {}
    return widgets.checkboxes(field, facets.get(field.name))
