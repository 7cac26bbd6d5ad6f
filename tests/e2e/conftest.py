import pytest

from mediators.models import ExpertiseArea
from mediators.taxonomy import ensure_expertise_areas
from processes.models import Instrument
from processes.taxonomy import ensure_instruments


@pytest.fixture(autouse=True)
def _taxonomy(transactional_db):
    """Transactional tests empty every table; put back what the migrations seeded."""
    ensure_expertise_areas(ExpertiseArea)
    ensure_instruments(Instrument)
