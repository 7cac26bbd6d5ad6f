"""The network's own pages as a new site starts with them: Markdown files in `pages/`.

Each page has a file per language, `<slug>.<language>.md`: a front matter of `key: value` lines
between two `---` lines (title, and the page's position, the same in every language),
then the text. From then on the pages belong to staff, who edit them in the back office.
"""

from pathlib import Path
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS

from wpm.seed import ensure_rows, seed_new_site

DIRECTORY = Path(__file__).with_name("pages")
LANGUAGES = ("en", "de")
SHARED = ("position",)  # the same in every language of a page


class SeedPage(NamedTuple):
    slug: str
    position: int
    title_en: str
    title_de: str
    body_en: str
    body_de: str


def read_page_file(path):
    """The front matter as a dict, and the text after it exactly as written."""
    text = path.read_text(encoding="utf-8")
    head, separator, body = text.removeprefix("---\n").partition("\n---\n")
    if not text.startswith("---\n") or not separator:
        raise ValueError(f"{path} does not start with a front matter between two '---' lines")
    fields = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if not colon:
            raise ValueError(f"{path}: {line!r} is not a 'key: value' line")
        fields[key.strip()] = value.strip()
    return fields, body


def load_pages(directory=DIRECTORY):
    """Every page of the directory, with its text in each language."""
    pages = []
    for path in sorted(directory.glob(f"*.{LANGUAGES[0]}.md")):
        slug = path.name.removesuffix(f".{LANGUAGES[0]}.md")
        read = {
            language: read_page_file(directory / f"{slug}.{language}.md") for language in LANGUAGES
        }
        shared = {tuple(read[language][0].get(key) for key in SHARED) for language in LANGUAGES}
        if len(shared) != 1:
            raise ValueError(f"The files of {slug!r} differ in {', '.join(SHARED)}")
        fields = read[LANGUAGES[0]][0]
        pages.append(
            SeedPage(
                slug=slug,
                position=int(fields["position"]),
                title_en=read["en"][0]["title"],
                title_de=read["de"][0]["title"],
                body_en=read["en"][1],
                body_de=read["de"][1],
            )
        )
    return pages


PAGES = load_pages()
SLUGS = [page.slug for page in PAGES]


def ensure_pages(page_model, using=DEFAULT_DB_ALIAS):
    """Create the starting pages that are missing, published; a page that exists stays as it is.

    Returns the slugs of the pages it created.
    """
    rows = [{**page._asdict(), "status": "published"} for page in PAGES]
    return ensure_rows(page_model, rows, using=using)


seed_pages = seed_new_site("wpm", "Page", ensure_pages)
