"""The lists' filter sets share their filters and form class between requests: nothing of one
request may reach another, whatever it chose, its language or the choices it was offered."""

import pytest
from django.http import QueryDict
from django.utils import translation

from mediators.filters import RosterFilter
from mediators.models import Audience, Mediator
from processes.filters import AgreementFilter, CatalogueFilter
from tests.factories import MediatorFactory, ProcessFactory
from tests.mediators.conftest import area

pytestmark = pytest.mark.django_db


def test_two_filter_sets_at_once_each_filter_by_their_own_query():
    design = MediatorFactory(display_name="Dana Design")
    design.expertise.set([area("process-design")])
    gender = MediatorFactory(display_name="Gita Gender")
    gender.expertise.set([area("gender-inclusion")])
    listed = Mediator.objects.listed()
    first = RosterFilter(QueryDict("expertise=process-design"), queryset=listed)
    second = RosterFilter(QueryDict("expertise=gender-inclusion"), queryset=listed)
    assert list(second.qs) == [gender]
    assert list(first.qs) == [design]
    # Each filter answers to its own filter set: the audience of one is not the other's.
    staff = RosterFilter(QueryDict("q=Dana"), queryset=listed, audience=Audience.STAFF)
    assert staff.filters["q"].parent is staff and first.filters["q"].parent is first


def test_the_areas_one_request_offers_are_not_offered_to_the_next():
    MediatorFactory().expertise.set([area("process-design")])
    only_one = RosterFilter(
        QueryDict("expertise=gender-inclusion"),
        queryset=Mediator.objects.listed(),
        expertise=[("process-design", "Process design")],
    )
    assert not only_one.is_valid()  # not an area this one offers
    every = RosterFilter(QueryDict("expertise=gender-inclusion"), queryset=Mediator.objects.all())
    assert every.is_valid()
    offered = [value for value, _label in every.form.fields["expertise"].choices]
    assert {"process-design", "gender-inclusion"} <= set(offered)


@pytest.mark.parametrize("filter_set", [RosterFilter, CatalogueFilter, AgreementFilter])
def test_a_form_speaks_the_language_of_its_request(filter_set):
    with translation.override("de"):
        german = str(filter_set(QueryDict("q=x")).form["q"].label_tag())
    with translation.override("en"):
        english = str(filter_set(QueryDict("q=x")).form["q"].label_tag())
    assert german != english
    assert ("Suche" in german or "Name enthält" in german) and "Search" not in german


def test_a_form_keeps_what_its_request_chose_and_no_more():
    ProcessFactory(name="Harbour talks")
    chose = CatalogueFilter(QueryDict("track=1&year_from=1990"))
    assert chose.is_valid()
    fresh = CatalogueFilter(QueryDict(""))
    fresh.is_valid()
    assert not fresh.form.cleaned_data.get("track")
    assert 'value="1990"' in str(chose.form["year_from"])
    assert 'value="1990"' not in str(fresh.form["year_from"])


def test_choices_one_form_is_given_or_labels_it_changes_do_not_reach_the_next():
    first = CatalogueFilter(QueryDict("")).form
    first.fields["track"].choices = [("1", "Only track 1")]
    first.fields["ordering"].empty_label = "Changed for one form"
    first.fields["region"].widget.attrs["data-one"] = "one"
    second = CatalogueFilter(QueryDict("")).form
    assert [value for value, _label in second.fields["track"].choices] == ["1", "1.5", "2", "3"]
    assert next(iter(second.fields["ordering"].choices)) == ("", "Relevance or name")
    assert next(iter(first.fields["ordering"].choices)) == ("", "Changed for one form")
    assert "data-one" not in str(second["region"])
    assert "Only track 1" not in str(second["track"])
