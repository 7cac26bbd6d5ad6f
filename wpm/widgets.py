"""Select boxes whose options are rendered in plain Python.

Django renders each <option> through the template engine and builds a context for it, some tens
of microseconds apiece; the filter forms' language and country lists hold hundreds of options,
which made them the costliest part of the roster and catalogue pages. These widgets, and the
checkbox groups below, give the markup Django's templates give, as a browser reads it.
"""

from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# One option: its value, its markup before the place of " selected", and its markup after.
type Option = tuple[str, str, str]
# Options under an <optgroup> label (already quoted), or under None outside any group.
type OptionGroups = list[tuple[str | None, list[Option]]]
# The same before markup: each group's label and its (value, label) pairs.
type Groups = tuple[tuple[str | None, tuple[tuple[str, str], ...]], ...]

# The mixin serves Django's select widgets, whose attributes it reads.
if TYPE_CHECKING:
    _Select = forms.Select
else:
    _Select = object


class QuickOptionsMixin(_Select):
    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        values = [str(item) for item in self.format_value(value)]
        if not self.allow_multiple_selected:
            values = values[:1]
        chosen = set(values)
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

    def _options(self) -> OptionGroups:
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

    def _groups(self) -> Iterator[tuple[str | None, tuple[tuple[str, str], ...]]]:
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                yield str(option_value), tuple((str(v), str(text)) for v, text in label)
            else:
                yield None, (("" if option_value is None else str(option_value), str(label)),)


_PER_LANGUAGE: dict[tuple[object, tuple[str, ...], str | None], OptionGroups] = {}


def _per_language_key(choices: object) -> tuple[object, tuple[str, ...], str | None] | None:
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
def _markup(groups: Groups) -> OptionGroups:
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


def _quoted(value: object) -> str:
    return f'"{escape(str(value))}"'


def checkboxes(field: forms.BoundField, counts: Mapping[str, int] | None = None) -> SafeString:
    """A multiple-choice field's boxes, each with its label and, given counts, how many results
    it has. The <fieldset> and <legend> around them are the template's."""
    form_field = field.field
    if not isinstance(form_field, forms.ChoiceField):
        raise TypeError(f"{field.name} offers no choices to tick.")
    chosen = {str(value) for value in form_field.widget.format_value(field.value())}
    invalid = ' aria-invalid="true"' if field.errors else ""
    parts = []
    for index, (value, label) in enumerate(_choices(form_field)):
        value = str(value)
        box_id = f"{field.auto_id}_{index}"
        checked = " checked" if value in chosen else ""
        count = ""
        if counts is not None:
            count = f' <span class="count">({counts.get(value, 0)})</span>'
        parts.append(
            f'<div class="choice"><input type="checkbox" name={_quoted(field.html_name)}'
            f" value={_quoted(value)} id={_quoted(box_id)}{checked}{invalid}>"
            f" <label for={_quoted(box_id)}>{escape(str(label))}{count}</label></div>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value and label is escaped above)


class Select(QuickOptionsMixin, forms.Select):
    pass


class SelectMultiple(QuickOptionsMixin, forms.SelectMultiple):
    pass


def _choices(form_field: forms.ChoiceField) -> Iterable[tuple[Any, Any]]:
    """The field's choices. A model choice field's rows come from one plain query: its own
    iterator opens a server-side cursor, three round trips on PostgreSQL."""
    if not isinstance(form_field, forms.ModelChoiceField) or form_field.queryset is None:
        # Django keeps a choice field's choices as (value, label) pairs, whatever it was given;
        # the stubs type what is read as anything that may be assigned.
        return form_field.choices  # type: ignore[return-value]
    return [
        (form_field.prepare_value(row), form_field.label_from_instance(row))
        for row in form_field.queryset
    ]


class QuickInputMixin(forms.widgets.Input):
    """Django's <input> (django/forms/widgets/input.html) written in Python: the filter forms
    render a handful on every request, each through two templates."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f" value={_quoted(widget['value'])}"
        markup = f"<input type={_quoted(widget['type'])} name={_quoted(name)}{shown}"
        return mark_safe(f"{markup}{flatatt(widget['attrs'])}>")  # noqa: S308 (escaped above)


class TextInput(QuickInputMixin, forms.TextInput):
    pass


class NumberInput(QuickInputMixin, forms.NumberInput):
    pass


class CheckboxInput(QuickInputMixin, forms.CheckboxInput):
    pass


def picker(field: forms.BoundField) -> SafeString:
    """A long multiple choice (languages, countries) that static/js/picker.js turns into a
    picker a person types into; without the script it stays the browser's select box. Its words
    come from the data-picker-* attributes."""
    words = {
        "filter": _("Type to narrow the list"),
        "none": _("No match"),
        # Translators: %s is a language or a country, in the pickers of long lists.
        "remove": _("Remove %s"),
        "chosen": _("%s chosen"),
        "removed": _("%s removed"),
    }
    data = "".join(f" data-picker-{key}={_quoted(text)}" for key, text in words.items())
    required = ""
    if field.field.required:
        required = f' <span class="required-mark">({escape(str(_("required")))})</span>'
    help_text = ""
    if field.help_text:
        described = f" id={_quoted(field.auto_id + '_helptext')}" if field.auto_id else ""
        help_text = f'<div class="helptext"{described}>{field.help_text}</div>'
    return mark_safe(  # noqa: S308 (every text is escaped above; help texts are ours, as markup)
        f'<div class="picker" data-picker{data}>'
        f"<label for={_quoted(field.id_for_label)}>{escape(str(field.label))}{required}</label>"
        f"{help_text}{_errors(field)}{field}</div>"
    )


def filter_fields(form: forms.Form, facets: Mapping[str, Mapping[str, int]]) -> SafeString:
    """The fields of a list's filter form (templates/includes/filtered_list.html); multiple
    choices show their facet counts when given. An error list is written only where there are
    errors. Written in Python: a dozen fields, some of hundreds of options, on every request
    to the roster and the catalogue."""
    errors = form.non_field_errors()
    parts = [str(errors) if errors else ""]
    for field in form:
        widget = field.field.widget
        label = escape(str(field.label))
        if isinstance(widget, forms.CheckboxSelectMultiple):
            parts.append(_group(field, label, checkboxes(field, facets.get(field.name))))
        elif isinstance(widget, forms.SelectMultiple):
            parts.append(picker(field))
        elif isinstance(widget, forms.CheckboxInput):
            parts.append(
                f'<div class="choice">{_errors(field)}{field}'
                f" <label for={_quoted(field.id_for_label)}>{label}</label></div>"
            )
        else:
            parts.append(
                f"<div><label for={_quoted(field.id_for_label)}>{label}</label>"
                f"{_errors(field)}{field}</div>"
            )
    return mark_safe("\n".join(parts))  # noqa: S308 (labels are escaped, the rest is Django's)


def _group(field: forms.BoundField, label: str, boxes: str) -> str:
    """A group of boxes in its fieldset, which its hint and its error describe. The summary of
    a failed form leads to the group, by the id Django gives it (wpm.forms.error_summary), and
    the group then takes the focus, so that a screen reader reads its name and its error."""
    attrs = f" id={_quoted(field.auto_id)}" if field.auto_id else ""
    if field.errors:
        attrs += ' tabindex="-1"'
    if described := field.aria_describedby:
        attrs += f" aria-describedby={_quoted(described)}"
    help_text = ""
    if field.help_text:
        hint_id = f" id={_quoted(field.auto_id + '_helptext')}" if field.auto_id else ""
        help_text = f'<p class="hint"{hint_id}>{field.help_text}</p>'
    return f"<fieldset{attrs}><legend>{label}</legend>{_errors(field)}{help_text}{boxes}</fieldset>"


def _errors(field: forms.BoundField) -> str:
    return str(field.errors) if field.errors else ""
