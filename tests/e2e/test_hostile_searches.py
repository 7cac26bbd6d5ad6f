"""Hostile words in a saved search never run: on the list that offers to save it, in the
account that keeps it and on the page its email links to (see hostile.py)."""

from urllib.parse import urlencode

import pytest

from tests.e2e.conftest import login_in_browser
from tests.e2e.hostile import packed
from wpm.forms import SaveSearchForm
from wpm.models import SavedSearch

pytestmark = pytest.mark.django_db(transaction=True)


def test_saved_searches_with_hostile_words(visitor, member, live_server, settings):
    settings.SAVED_SEARCHES_PER_USER = 1000
    queries = packed(200)
    for query in queries:
        form = SaveSearchForm(
            {"feed": "mediators:roster_feed", "query": urlencode({"q": query})}, user=member
        )
        assert form.is_valid(), form.errors
        form.save()
    titles = list(SavedSearch.objects.values_list("title", flat=True))
    assert len(titles) == len(queries)
    login_in_browser(visitor.page.context, member, live_server)
    # The list offers to save the search, its words in the form.
    for query in queries[:5]:
        visitor.visit("/en/mediators/?" + urlencode({"q": query}), stored=[query])
    visitor.visit("/en/me/searches/", stored=titles)
    token = SavedSearch.unsubscribe_token(*SavedSearch.objects.all())
    visitor.visit(f"/en/searches/stop/{token}/", stored=titles)
    visitor.assert_safe()
