"""Figures kept per version of the content (wpm.derived): counted once for all the processes,
held by each process for the version in hand, counted afresh after any write."""

import pytest
from django.core.cache import cache

from wpm import derived
from wpm.models import PageVersion

pytestmark = pytest.mark.django_db


class Count:
    """A figure that says how many times it was counted."""

    def __init__(self):
        self.times = 0

    def __call__(self):
        self.times += 1
        return {"counted": self.times}


def test_a_figure_is_counted_once_for_a_version():
    figure = Count()
    assert derived.kept("figure", figure) == {"counted": 1}
    assert derived.kept("figure", figure) == {"counted": 1}
    assert figure.times == 1


def test_a_write_has_it_counted_afresh():
    figure = Count()
    derived.kept("figure", figure)
    PageVersion.bump()
    assert derived.kept("figure", figure) == {"counted": 2}


def test_another_process_reads_it_from_the_cache():
    figure = Count()
    derived.kept("figure", figure)
    derived.forget()  # as a process that has held nothing yet
    assert derived.kept("figure", figure) == {"counted": 1}
    assert figure.times == 1


def test_a_process_holds_it_without_asking_the_cache_again():
    figure = Count()
    derived.kept("figure", figure)
    cache.clear()
    assert derived.kept("figure", figure) == {"counted": 1}
    derived.forget()
    assert derived.kept("figure", figure) == {"counted": 2}, "nothing held, nothing cached"


def test_variants_are_held_apart():
    english, german = Count(), Count()
    derived.kept("figure", english, "en")
    assert derived.kept("figure", german, "de") == {"counted": 1}
    assert (english.times, german.times) == (1, 1)


def test_a_figure_of_one_version_is_never_held_for_the_next():
    figure = Count()
    derived.kept("figure", figure)
    PageVersion.bump()
    derived.kept("figure", figure)
    derived.kept("figure", figure)
    assert figure.times == 2
    PageVersion.bump()
    assert derived.kept("figure", figure) == {"counted": 3}
