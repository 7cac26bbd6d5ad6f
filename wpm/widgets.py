"""Select boxes whose options are rendered in plain Python.

Django renders each <option> through the template engine and builds a context for it, some tens
of microseconds apiece; the filter forms' language and country lists hold hundreds of options,
which made them the costliest part of the roster and catalogue pages. These widgets, and the
checkbox groups below, give the markup Django's templates give, as a browser reads it.
"""

from functools import lru_cache
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


class QuickOptionsMixin:
    def render(self, name, value, attrs=None, renderer=None):
        chosen = [str(item) for item in self.format_value(value)]
        if not self.allow_multiple_selected:
            chosen = chosen[:1]
        chosen = set(chosen)
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        parts = [f"<select name={_quoted(name)}{flatatt(attrs)}>"]
        for group, options in self._options():
            if group:
                parts.append(f"<optgroup label={group}>")
            for option_value, start, end in options:
                selected = " selected" if option_value in chosen else ""
                if selected and not self.allow_multiple_selected:
                    chosen = set()  # a single select shows its first match only, as Django's
                parts.append(f"{start}{selected}{end}")
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every value and label is escaped above)

    def _options(self):
        """The options' markup. Choices a function gives per language (wpm.choices.per_language)
        are read once per language; reading hundreds of them on every form cost more than
        writing them out."""
        key = _per_language_key(self.choices)
        if key is None:
            return _markup(tuple(self._groups()))
        options = _PER_LANGUAGE.get(key)
        if options is None:
            options = _PER_LANGUAGE[key] = _markup(tuple(self._groups()))
        return options

    def _groups(self):
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                yield str(option_value), tuple((str(v), str(text)) for v, text in label)
            else:
                yield None, (("" if option_value is None else str(option_value), str(label)),)


_PER_LANGUAGE = {}


def _per_language_key(choices):
    """What the options of per-language choices depend on, or None for other choices.
    django-filter wraps a field's choices to put its empty and null options first (a model
    choice field's iterator also knows its field, but holds rows, not a function)."""
    field = getattr(choices, "field", None)
    source = getattr(choices, "choices", choices) if field is not None else choices
    function = getattr(source, "func", source)  # Django wraps a function, django-filter not
    if not getattr(function, "per_language", False):
        return None
    labels = (str(field.empty_label), str(field.null_label)) if field is not None else ()
    return function, labels, get_language()


@lru_cache(maxsize=64)
def _markup(groups):
    """Each option's escaped markup around the place of " selected": the same long lists of
    languages and countries, in each language, on every filter form."""
    return [
        (
            _quoted(group) if group else None,
            [
                (value, f"<option value={_quoted(value)}", f">{escape(label)}</option>")
                for value, label in options
            ],
        )
        for group, options in groups
    ]


def _quoted(value):
    return f'"{escape(str(value))}"'


def checkboxes(field, counts=None):
    """A multiple-choice field's boxes, each with its label and, given counts, how many results
    it has. The <fieldset> and <legend> around them are the template's."""
    chosen = {str(value) for value in field.field.widget.format_value(field.value())}
    parts = []
    for index, (value, label) in enumerate(_choices(field.field)):
        value = str(value)
        box_id = f"{field.auto_id}_{index}"
        checked = " checked" if value in chosen else ""
        count = ""
        if counts is not None:
            count = f' <span class="count">({counts.get(value, 0)})</span>'
        parts.append(
            f'<div class="choice"><input type="checkbox" name={_quoted(field.html_name)}'
            f" value={_quoted(value)} id={_quoted(box_id)}{checked}>"
            f" <label for={_quoted(box_id)}>{escape(str(label))}{count}</label></div>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value and label is escaped above)


class Select(QuickOptionsMixin, forms.Select):
    pass


class SelectMultiple(QuickOptionsMixin, forms.SelectMultiple):
    pass


def _choices(form_field):
    """The field's choices. A model choice field's rows come from one plain query: its own
    iterator opens a server-side cursor, three round trips on PostgreSQL."""
    queryset = getattr(form_field, "queryset", None)
    if queryset is None:
        return form_field.choices
    return [
        (form_field.prepare_value(row), form_field.label_from_instance(row)) for row in queryset
    ]
