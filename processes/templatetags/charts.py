"""A chart's data table, written in Python: {% load charts %}{% chart_table chart %}.

The insights page shows some ninety rows of figures under its charts; the template engine
spent about 40 microseconds on each row and its cells, most of the page's own time.
"""

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe

from processes.insights import Chart
from wpm.markup import escape

register = template.Library()


@register.simple_tag
def chart_table(chart: Chart) -> SafeString:
    """The chart's rows under its columns; a row's first cell links to the list it counts."""
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in chart.columns)
    rows = []
    for row, link in chart.linked_rows:
        # A share of nobody counted is none, written as on a process's page.
        cells = ["\N{EN DASH}" if cell is None else escape(localize(cell)) for cell in row]
        if cells and link:
            cells[0] = f'<a href="{escape(link)}">{cells[0]}</a>'
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return mark_safe(  # noqa: S308 (every text is escaped above)
        f"<table><caption>{escape(chart.title)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
