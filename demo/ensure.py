"""How every part of the demo writes: it ensures rows, it never overwrites them.

The rows the demo wants are found by their natural key (an email, a slug, a name), with the
foundation's own pattern (``wpm.seed.missing``, as the seed rows are); only the missing ones
are made, and a row that exists is left as it is, whoever changed it since. So
seed_demo can run any number of times, and an interrupted run is completed by the next one.
The few other helpers every part shares are here too: batches, the count check, the regions that
bulk_create does not derive, and the comma-separated lists the vocabularies are written in.
"""

from wpm.geography import regions_of


def create_checked(row):
    """Save a new row after the model's own checks, as the back office would."""
    row.full_clean()
    row.save()
    return row


def bulk_insert(*row_lists):
    """Insert each list of new rows of one model in one go; returns the lists that had rows."""
    inserted = [rows for rows in row_lists if rows]
    for rows in inserted:
        type(rows[0]).objects.bulk_create(rows)
    return inserted


def batches(count, size):
    """The numbers 1 to count in runs of at most size, so that memory stays flat at any count."""
    for start in range(1, count + 1, size):
        yield range(start, min(start + size, count + 1))


def check_count(count, maximum):
    """A count between none and as many as the numbering of demo rows can tell apart."""
    if not 0 <= count <= maximum:
        raise ValueError(f"count must be between 0 and {maximum}.")


def derived_regions(country):
    """The sub-region and region a row's save() derives from its country; bulk_create skips it."""
    subregion, region = regions_of(country)
    return {"subregion": subregion or "", "region": region or ""}


def split(text):
    """The items of a comma-separated list, as the demo's vocabularies are written."""
    return [item.strip() for item in text.split(",")]
