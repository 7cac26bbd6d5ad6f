"""wpm.markup.escape, which the cards and tables written in Python use: the same as Django's
conditional_escape for every kind of value and every hostile text."""

import pytest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import override

from tests.e2e.hostile import PAYLOADS
from wpm.markup import escape
from wpm.models import ContentStatus


@pytest.mark.parametrize("text", [*PAYLOADS, 'O\'Brien & "Sons" <b>', "", "Ä ü ß"])
def test_text_is_escaped_as_django_escapes_it(text):
    assert escape(text) == conditional_escape(text)
    assert "<" not in escape(text) and '"' not in escape(text)


def test_safe_text_lazy_text_and_numbers_are_written_as_django_writes_them():
    safe = mark_safe("<b>ours</b>")
    assert escape(safe) == "<b>ours</b>" == conditional_escape(safe)
    draft = ContentStatus.DRAFT.label  # a lazy translation
    with override("de"):
        assert escape(draft) == conditional_escape(draft) == "Entwurf"
    assert escape(12) == "12" == conditional_escape(12)
