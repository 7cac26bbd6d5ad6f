"""The filter forms render in Python (their select boxes, inputs and fields), as Django's templates
would."""

from html.parser import HTMLParser

import django_filters
import pytest
from django import forms
from django.utils import translation

from mediators.models import ExpertiseArea, Mediator
from wpm.choices import per_language
from wpm.widgets import (
    CheckboxInput,
    NumberInput,
    Select,
    SelectMultiple,
    TextInput,
    checkboxes,
    filter_fields,
)

CHOICES = [
    ("", "Any"),
    ("a<b", "A & B"),
    ("fr", "Français"),
    ("Group", [("1", "one"), ("2", "two")]),
]


class Elements(HTMLParser):
    """Tags with their attributes (in any order) and text: what a browser makes of the markup."""

    def __init__(self, html):
        super().__init__()
        self.seen = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, sorted(attrs, key=lambda pair: pair[0])))

    def handle_endtag(self, tag):
        self.seen.append(("/" + tag,))

    def handle_data(self, data):
        if data.strip():
            self.seen.append(data.strip())


@pytest.mark.parametrize(
    ("ours", "djangos", "value"),
    [
        (Select, forms.Select, "fr"),
        (Select, forms.Select, "2"),
        (Select, forms.Select, None),
        (SelectMultiple, forms.SelectMultiple, ["fr", "a<b"]),
    ],
)
def test_the_markup_is_djangos(ours, djangos, value):
    attrs = {"id": "id_language", "class": "wide"}
    expected = djangos(choices=CHOICES, attrs=attrs).render("language", value)
    rendered = ours(choices=CHOICES, attrs=attrs).render("language", value)
    assert Elements(rendered).seen == Elements(expected).seen


def test_labels_and_values_are_escaped_and_the_choice_selected():
    html = SelectMultiple(choices=CHOICES).render("language", ["a<b"])
    assert '<option value="a&lt;b" selected>A &amp; B</option>' in html
    assert "multiple" in html
    assert "<b" not in html.replace("&lt;b", "")


class Topics(forms.Form):
    topic = forms.MultipleChoiceField(
        choices=[("a<b", "A & B"), ("fr", "Français")], widget=forms.CheckboxSelectMultiple
    )


def test_checkboxes_are_labelled_checked_escaped_and_counted():
    field = Topics({"topic": ["fr"]})["topic"]
    html = checkboxes(field, {"fr": 3})
    seen = Elements(html).seen
    assert (
        "input",
        [("id", "id_topic_0"), ("name", "topic"), ("type", "checkbox"), ("value", "a<b")],
    ) in seen
    assert (
        "input",
        [
            ("checked", None),
            ("id", "id_topic_1"),
            ("name", "topic"),
            ("type", "checkbox"),
            ("value", "fr"),
        ],
    ) in seen
    assert ("label", [("for", "id_topic_0")]) in seen
    assert "A & B" in seen and "(0)" in seen and "(3)" in seen
    assert "<b" not in html.replace("&lt;b", "")


def test_checkboxes_without_counts_show_none():
    html = checkboxes(Topics()["topic"])
    assert "count" not in html
    assert "checked" not in html


def test_choices_given_per_language_follow_the_language_and_the_value():
    from mediators.filters import RosterFilter

    def region_select(language, value=None):
        with translation.override(language):
            form = RosterFilter({"region": value} if value else None).form
            return str(form["region"])

    english, german = region_select("en"), region_select("de")
    assert '<option value="150">Europe</option>' in english
    assert '<option value="150">Europa</option>' in german
    assert '<option value="horn-of-africa">Horn of Africa</option>' in english
    assert '<option value="horn-of-africa">Horn von Afrika</option>' in german
    assert '<option value="" selected>Any</option>' in english
    chosen = region_select("de", "150")
    assert '<option value="150" selected>Europa</option>' in chosen
    assert '<option value="" selected>' not in chosen
    assert region_select("en") == english, "the choice of one form does not stay for the next"


def test_choices_of_an_unmarked_function_are_read_on_every_form():
    offered = [("a", "Alpha")]

    class Letters(forms.Form):
        letter = forms.ChoiceField(choices=lambda: list(offered), widget=Select)

    assert '<option value="a">Alpha</option>' in str(Letters()["letter"])
    offered.append(("b", "Beta"))
    assert '<option value="b">Beta</option>' in str(Letters()["letter"])


def _django_form(choices):
    class Letters(forms.Form):
        letter = forms.ChoiceField(choices=choices, widget=Select)

    return Letters()


def _filter_form(choices):
    class Letters(django_filters.FilterSet):
        letter = django_filters.ChoiceFilter(choices=choices, widget=Select, empty_label="Any")

        class Meta:
            model = Mediator
            fields = []

    return Letters().form


@pytest.mark.parametrize("form", [_django_form, _filter_form])
def test_choices_given_per_language_are_read_once_per_language(form):
    read = []

    @per_language
    def letters():
        read.append(translation.get_language())
        return [("a", "Alpha")]

    for language in ("en", "en", "de", "de"):
        with translation.override(language):
            assert '<option value="a">Alpha</option>' in str(form(letters)["letter"])
            # A form's check of the chosen value reads them too, as a chip's label does.
            assert form(letters).fields["letter"].valid_value("a")
    assert sorted(read) == ["de", "en"]


def test_choices_given_per_language_are_each_callers_own():
    @per_language
    def letters():
        return [("a", "Alpha")]

    with translation.override("en"):
        letters().append(("b", "Beta"))
        assert letters() == [("a", "Alpha")]


@pytest.mark.django_db
def test_a_select_of_rows_lists_the_rows_of_the_moment():
    class Areas(forms.Form):
        area = forms.ModelChoiceField(ExpertiseArea.objects.all(), widget=Select)

    before = str(Areas()["area"])
    area = ExpertiseArea.objects.create(slug="xylo", name_en="Xylo studies", name_de="Xylo")
    assert "Xylo studies" not in before
    assert f'<option value="{area.pk}">Xylo studies</option>' in str(Areas()["area"])


@pytest.mark.parametrize(
    ("ours", "djangos", "value", "attrs"),
    [
        (TextInput, forms.TextInput, 'a "quoted" <b>', {"id": "id_q", "maxlength": "200"}),
        (TextInput, forms.TextInput, None, {"id": "id_q"}),
        (NumberInput, forms.NumberInput, 1990, {"id": "id_year", "min": 1900, "max": 2100}),
        (CheckboxInput, forms.CheckboxInput, True, {"id": "id_available"}),
        (CheckboxInput, forms.CheckboxInput, False, {"id": "id_available", "required": False}),
    ],
)
def test_inputs_are_djangos(ours, djangos, value, attrs):
    expected = djangos(attrs=attrs).render("field", value)
    rendered = ours(attrs=attrs).render("field", value)
    assert Elements(rendered).seen == Elements(expected).seen
    assert "<b>" not in rendered


@pytest.mark.django_db
def test_the_filter_form_labels_every_field_and_keeps_what_was_chosen():
    from mediators.filters import RosterFilter

    form = RosterFilter({"q": "<b>peace</b>", "available": "on", "track": ["1"]}).form
    html = filter_fields(form, {"track": {"1": 7}})
    seen = Elements(html).seen
    for name, field in form.fields.items():
        bound = form[name]
        if isinstance(field.widget, forms.CheckboxSelectMultiple):
            assert ("legend", []) in seen and str(field.label) in seen
        else:
            assert ("label", [("for", bound.id_for_label)]) in seen, name
    assert 'value="&lt;b&gt;peace&lt;/b&gt;"' in html and "<b>" not in html
    assert (
        "input",
        [("checked", None), ("id", "id_available"), ("name", "available"), ("type", "checkbox")],
    ) in seen
    assert "(7)" in seen, "the facet count of a track"
    assert "errorlist" not in html


@pytest.mark.django_db
def test_the_filter_form_shows_its_errors_and_the_pickers_words_in_german():
    from processes.filters import CatalogueFilter

    with translation.override("de"):
        form = CatalogueFilter({"year_from": "1066"}).form
        assert not form.is_valid()
        html = filter_fields(form, {})
    assert 'class="errorlist' in html
    assert 'data-picker-filter="Tippen, um die Liste einzugrenzen"' in html
    assert 'data-picker-remove="%s entfernen"' in html
