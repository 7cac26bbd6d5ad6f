"""Counts of people under five are never published exactly."""

import pytest
from django.template import Context, Template
from django.utils import translation

from wpm.disclosure import public_count, public_count_text


@pytest.mark.parametrize(
    ("count", "shown", "published"),
    [
        (0, "0", 0),
        (1, "fewer than 5", None),
        (4, "fewer than 5", None),
        (5, "5", 5),
        (12, "12", 12),
    ],
)
def test_small_counts_are_hidden(count, shown, published):
    assert public_count_text(count) == shown
    assert public_count(count) == published


def test_pages_show_the_rule_in_the_readers_language():
    template = Template("{% load wpm %}{{ few|public_count }} / {{ many|public_count }}")
    context = Context({"few": 3, "many": 40})
    assert template.render(context) == "fewer than 5 / 40"
    with translation.override("de"):
        assert template.render(context) == "weniger als 5 / 40"
