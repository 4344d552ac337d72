"""Untrusted JSON: strict decoding and typed field checks, each failing with one PacketError."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any, NoReturn, TypeVar

from playbook_app import strict_json
from playbook_app.domain.assessment import Stage
from playbook_app.domain.dates import is_iso_date
from playbook_app.domain.limits import NAME_MAX
from playbook_app.domain.playbook import Playbook
from playbook_app.exchange.packet import TIMESTAMP, PacketError, parse_timestamp

# The cap holds a 12-person team that fills every field to its limit (domain/limits.py)
# with 4-byte UTF-8 characters (emoji), the widest a packet writes: per person and key
# action a note (2,000) and a reason (500), 12 x 20 x 2,500 x 4 bytes = 2.4 MB; the
# team's 20 rationales (2,000) and agenda items (200 + 500 + 300) add 0.24 MB, names
# and the JSON around each answer (about 400 bytes) some 0.1 MB: under 2.8 MB in all.
# Notes of 10,000 characters, as before, would have needed 10 MB.
MAX_BYTES = 5 * 1024 * 1024
SHORT_TEXT = NAME_MAX  # names, roles, labels, owners, ids
# Control characters (tabs and line breaks allowed in long text only) and lone
# surrogates, which no UTF-8 file can hold and SQLite would refuse.
_BAD_SHORT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BAD_LONG = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_E = TypeVar("_E", bound=Enum)


def decode(data: bytes) -> dict[str, Any]:
    """A packet file's bytes through the one strict reader: one JSON object, or PacketError
    worded as the pack loader words the same fault."""
    try:
        return strict_json.read_document(data, kind="packet", max_bytes=MAX_BYTES)
    except strict_json.JsonError as error:
        raise PacketError(f"The file is {error.reason}.") from None


# Fields --------------------------------------------------------------------------


def fail(where: str, key: str, problem: str) -> NoReturn:
    raise PacketError(f'In {where}, "{key}": {problem}.')


def quote(text: str, limit: int = 60) -> str:
    """Untrusted text made safe to quote in one line of a message."""
    clean = "".join(c if c.isprintable() else "?" for c in text[:limit])
    return clean + ("..." if len(text) > limit else "")


def kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    names = {int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def fields(value: object, keys: tuple[str, ...], where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PacketError(f"{where[0].upper()}{where[1:]} must be an object, not {kind_of(value)}.")
    for key in value:
        if key not in keys:
            raise PacketError(f'Unknown key "{quote(key)}" in {where}.')
    for key in keys:
        if key not in value:
            raise PacketError(f'"{key}" is missing from {where}.')
    return value


def items(value: object, name: str) -> list[tuple[str, object]]:
    if not isinstance(value, list):
        raise PacketError(f'"{name}" must be a list, not {kind_of(value)}.')
    return [(f'"{name}" item {n}', item) for n, item in enumerate(value, start=1)]


def text(obj: dict[str, Any], key: str, where: str, limit: int) -> str:
    value = obj[key]
    if not isinstance(value, str):
        fail(where, key, f"must be text, not {kind_of(value)}")
    if len(value) > limit:
        fail(where, key, f"is {len(value):,} characters long; the limit is {limit:,}")
    bad = (_BAD_LONG if limit > SHORT_TEXT else _BAD_SHORT).search(value)
    if bad:
        fail(where, key, f"contains a control or invalid character (U+{ord(bad[0]):04X})")
    return value


def uid(obj: dict[str, Any], key: str, where: str) -> str:
    value = text(obj, key, where, SHORT_TEXT)
    if not value.strip():
        fail(where, key, "must not be empty")
    return value


def once(action: str, seen: set[str], where: str) -> str:
    if action in seen:
        fail(where, "action", f'key action "{action}" appears twice')
    seen.add(action)
    return action


def action(obj: dict[str, Any], where: str, playbook: Playbook) -> str:
    action = text(obj, "action", where, SHORT_TEXT)
    if not playbook.has_action(action):
        fail(where, "action", f'"{quote(action)}" is not a key action of this playbook')
    return action


def steps(obj: dict[str, Any], where: str, playbook: Playbook, action: str) -> frozenset[str]:
    value = obj["steps_done"]
    if not isinstance(value, list):
        fail(where, "steps_done", f"must be a list, not {kind_of(value)}")
    known = set(playbook.action(action).step_ids)
    for step in value:
        if not isinstance(step, str):
            fail(where, "steps_done", f"must list step ids (text), not {kind_of(step)}")
        if step not in known:
            fail(where, "steps_done", f'"{quote(step)}" is not a step of key action "{action}"')
    if len(set(value)) != len(value):
        fail(where, "steps_done", "lists a step twice")
    return frozenset(value)


def enum(
    obj: dict[str, Any], key: str, where: str, kind: type[_E], *, required: bool = False
) -> Any:
    value = obj[key]
    if value is None and not required:
        return None
    choices = [str(member.value) for member in kind]
    if not isinstance(value, str) or value not in choices:
        shown = f'"{quote(value)}"' if isinstance(value, str) else kind_of(value)
        fail(where, key, f"{shown} is not one of {', '.join(choices)}")
    return kind(value)


def stage(obj: dict[str, Any], where: str, *, required: bool) -> Stage | None:
    value = obj["stage"]
    keys = [s.key for s in Stage]
    if value is None and not required:
        return None
    if not isinstance(value, str) or value not in keys:
        shown = f'"{quote(value)}"' if isinstance(value, str) else kind_of(value)
        fail(where, "stage", f"{shown} is not one of {', '.join(keys)}")
    return Stage.from_key(value)


def scale(obj: dict[str, Any], key: str, where: str) -> int | None:
    value = obj[key]
    if value is None:
        return None
    if type(value) is not int or not 1 <= value <= 3:
        shown = str(value) if type(value) is int else kind_of(value)
        fail(where, key, f"must be 1, 2, 3 or null, not {shown}")
    return value


def date(obj: dict[str, Any], key: str, where: str, *, required: bool) -> str:
    value = obj[key]
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not is_iso_date(value):
        shown = f'"{quote(value)}"' if isinstance(value, str) else kind_of(value)
        fail(where, key, f"{shown} is not a date written YYYY-MM-DD")
    return value


EARLIEST_YEAR = 2000  # no packet was ever made before; an earlier stamp is a wrong clock
CLOCK_SLACK = timedelta(days=1)  # time zones and a clock a little fast are no reason to refuse


def timestamp(obj: dict[str, Any], key: str, where: str, now: datetime | None) -> str:
    """An instant with its offset, neither before 2000 nor more than a day ahead of `now`.

    A stamp outside that window would win (or lose) every merge for ever, so it is
    refused, and the message says why: the sending laptop's clock was wrong.
    Without `now` (reading back this computer's own export) only the form is checked.
    """
    value = obj[key]
    if not isinstance(value, str) or not TIMESTAMP.fullmatch(value):
        shown = f'"{quote(value)}"' if isinstance(value, str) else kind_of(value)
        fail(where, key, f"{shown} is not a date and time like 2026-11-22T18:04:05Z")
    if now is None:
        if parse_timestamp(value) is None:
            fail(where, key, f'"{quote(value)}" is not a date and time like 2026-11-22T18:04:05Z')
        return value
    # The year is read from the text first: a year-1 or year-9999 stamp with an
    # offset cannot even be converted to UTC.
    year = int(value[:4])
    instant = parse_timestamp(value) if EARLIEST_YEAR <= year <= now.year + 1 else None
    if year < EARLIEST_YEAR:
        fail(where, key, f"{value} is before {EARLIEST_YEAR}. {_WRONG_CLOCK}")
    if instant is None and year <= now.year + 1:
        fail(where, key, f'"{quote(value)}" is not a date and time like 2026-11-22T18:04:05Z')
    if instant is None or instant > now + CLOCK_SLACK:
        fail(
            where,
            key,
            f"{value} is more than a day ahead of this computer's clock "
            f"({now.astimezone(UTC):%Y-%m-%d %H:%M} UTC). {_WRONG_CLOCK}",
        )
    return value


_WRONG_CLOCK = (
    "The clock of the laptop that made this packet is wrong: set its date and time, "
    "then export the packet again"
)
