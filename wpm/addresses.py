"""Addresses of objects (a process, an agreement, a profile), reversed once per view and
language rather than once per object.

Lists and a process's page link hundreds of objects, and Django's reverse() matches the URL
patterns again for each one. One object's address differs from another's only in its argument,
so the view's address is reversed once with a stand-in argument, and each object's address is
that address with the stand-in replaced. An argument the stand-in cannot stand for (not a plain
slug or a whole number) goes through reverse() itself, which checks it.
"""

import re

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

STAND_INS: dict[type, int | str] = {int: 987654321, str: "stand-in-for-a-slug"}
PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")

_ADDRESSES: dict[tuple[str, str, type, str | None, str], str] = {}


def address(view_name: str, **kwargs: int | str) -> str:
    """reverse(view_name, kwargs=...) for a view of one argument, a slug or a primary key."""
    ((name, value),) = kwargs.items()
    kind = type(value)
    if kind is bool or kind not in STAND_INS or not PLAIN.match(str(value)):
        return reverse(view_name, kwargs=kwargs)
    key = (view_name, name, kind, get_language(), get_script_prefix())
    found = _ADDRESSES.get(key)
    if found is None:
        found = _ADDRESSES[key] = reverse(view_name, kwargs={name: STAND_INS[kind]})
    before, _stand_in, after = found.rpartition(str(STAND_INS[kind]))
    return f"{before}{value}{after}"
