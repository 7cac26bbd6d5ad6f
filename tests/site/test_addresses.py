"""An object's address, reversed once per view and language, is the one reverse() gives."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from wpm.addresses import address


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize(
    ("view_name", "kwargs"),
    [
        ("processes:detail", {"slug": "sudan-juba-talks"}),
        ("processes:detail", {"slug": "a"}),
        ("processes:detail", {"slug": "stand-in-for-a-slug-2"}),
        ("processes:agreement", {"pk": 7}),
        ("processes:agreement", {"pk": 987654321}),
        ("processes:agreement", {"pk": 9876543210}),
        ("mediators:profile", {"slug": "amina_k-2"}),
    ],
)
def test_the_address_is_reverses(language, view_name, kwargs):
    with translation.override(language):
        assert address(view_name, **kwargs) == reverse(view_name, kwargs=kwargs)
        assert address(view_name, **kwargs).startswith(f"/{language}/")


def test_the_script_prefix_is_kept_apart():
    try:
        set_script_prefix("/network/")
        assert address("processes:agreement", pk=3) == "/network/en/processes/agreements/3/"
    finally:
        set_script_prefix("/")
    assert address("processes:agreement", pk=3) == "/en/processes/agreements/3/"


@pytest.mark.parametrize("slug", ["", "with space", "ümlaut", "a/b", "../x"])
def test_an_argument_no_stand_in_fits_is_reverses_to_check(slug):
    with pytest.raises(NoReverseMatch):
        reverse("processes:detail", kwargs={"slug": slug})
    with pytest.raises(NoReverseMatch):
        address("processes:detail", slug=slug)
