import importlib.util
import os

import pytest
from django.conf import settings
from django.utils import translation

from wpm import m49
from wpm.geography import REGIONS, region_choices, region_name, regions_of

GENERATOR = settings.BASE_DIR / ".ci" / "generate_m49.py"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_m49", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_m49_tables_are_what_the_generator_makes_of_cldr():
    """Nobody edits wpm/m49.py by hand: it is CLDR's containment data, as the script writes it."""
    generator = _generator()
    if not generator.CLDR.is_dir():
        why = f"CLDR is not at {generator.CLDR} (run npm ci)"
        if os.environ.get("WPM_REQUIRE_BROWSER") == "1":
            pytest.fail(f"WPM_REQUIRE_BROWSER=1 but {why}.")
        pytest.skip(why)
    assert (settings.BASE_DIR / "wpm" / "m49.py").read_text() == generator.source()


def test_a_country_has_a_subregion_in_a_region():
    assert regions_of("de") == ("155", "150")
    assert regions_of("XK") == ("039", "150")
    assert regions_of("") == (None, None)
    # Ceuta and Melilla have a code in CLDR, but no number of their own in M49.
    assert regions_of("EA") == (None, None)
    assert set(m49.SUBREGION_REGION.values()) == set(REGIONS)
    assert set(m49.COUNTRY_SUBREGION.values()) == set(m49.SUBREGION_REGION)


def test_regions_are_named_and_ordered_in_the_reader_s_language():
    with translation.override("de"):
        choices = region_choices()
        assert region_name("150") == "Europa"
    assert choices[0] == ("002", "Afrika")
    assert ("154", "\N{EN DASH} Nordeuropa") in choices
    assert len(choices) == len(REGIONS) + len(m49.SUBREGION_REGION)
    assert region_name("150", "en") == "Europe"


@pytest.mark.parametrize(
    ("language", "code", "name"),
    [
        ("en", "NR", "Nauru"),
        ("en", "BS", "Bahamas"),
        ("en", "VG", "British Virgin Islands"),
        ("de", "NR", "Nauru"),
        ("de", "VI", "Amerikanische Jungferninseln"),
        ("de", "FK", "Falklandinseln"),
    ],
)
def test_countries_are_named_as_people_write_them(language, code, name):
    from django.utils import translation
    from django_countries import countries

    with translation.override(language):
        assert countries.name(code) == name
        assert (code, name) in list(countries)
