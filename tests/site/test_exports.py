"""Every CSV the site makes opens in a spreadsheet as text: a cell that would run as a formula
is written with a leading apostrophe."""

import csv
import io

import pytest

from processes.models import Agreement
from tests.factories import ProcessFactory
from wpm.exports import spreadsheet_safe

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_becomes_text(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Peace talks", "", 42, -1, None, "a=b"])
def test_anything_else_is_left_as_it_is(value):
    assert spreadsheet_safe(value) == value


def test_the_lists_downloads_write_formulas_as_text(client):
    for number, name in enumerate(FORMULAS[:4]):
        process = ProcessFactory(name=name, slug=f"formula-{number}")
        Agreement.objects.create(process=process, name=name)
    for address in ("/en/processes/export.csv", "/en/processes/agreements/export.csv"):
        rows = list(csv.reader(io.StringIO(client.get(address).content.decode())))
        names = {row[0] for row in rows[1:]}
        assert names == {"'" + name for name in FORMULAS[:4]}, address
