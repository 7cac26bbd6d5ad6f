"""The back office's notes of staff's own actions, in the reader's language.

Django stores its own edits as structured JSON and words them when they are read; a plain
message it shows as stored. The site's notes ("Review: approved", "Status: published") are
stored as their English words, as they always were, and worded when read: each kind is a Note,
declared where it is written, that knows its stored shape and its words in the catalogue. A
history and the audit log show every entry through worded(), so entries written before read in
German too; a message no note knows is shown as stored.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.admin.models import LogEntry
from django.utils.functional import Promise

NOTES: list["Note"] = []


class Note:
    """One kind of note. ``stored`` is its English words, with "{}" where what it records goes
    (a value, or several joined by ", "); ``words`` is the same in a translatable string, with
    "%(value)s" there; ``choices`` (a TextChoices or a mapping) names each value the note
    stores as a code."""

    def __init__(self, stored: str, words: Promise, choices: Any = None) -> None:
        self.stored = stored
        self.words = words
        self.names: Mapping[str, Any] = dict(getattr(choices, "choices", None) or choices or {})
        before, hole, after = stored.partition("{}")
        self.pattern = re.compile(
            re.escape(before) + ("(.+)" if hole else "") + re.escape(after) + r"\Z", re.S
        )
        NOTES.append(self)

    def __call__(self, value: str | int | Iterable[str] | None = None) -> str:
        """The note as stored."""
        if value is None:
            return self.stored
        if not isinstance(value, str | int):
            value = ", ".join(value)
        return self.stored.format(value)

    def word(self, message: str) -> str | None:
        """The message in the reader's language, if it is a note of this kind."""
        found = self.pattern.match(message)
        if found is None:
            return None
        if not found.groups():
            return str(self.words)
        values = found.group(1).split(", ")
        return str(self.words) % {
            "value": ", ".join(str(self.names.get(value, value)) for value in values)
        }


def worded(entry: LogEntry) -> str:
    """What an entry of the back office's log says, in the reader's language."""
    message = entry.change_message
    if message.startswith("["):
        return entry.get_change_message()
    for note in NOTES:
        words = note.word(message)
        if words is not None:
            return words
    return message
