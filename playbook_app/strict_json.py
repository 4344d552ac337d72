"""The one strict JSON reader for packets, playbook packs and stored values, in plain words.

No other module of the app calls json.load or json.loads (tests/test_one_json_reader.py).
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

MAX_DIGITS = 20  # no field needs more; Python refuses ints past 4,300 digits anyway

# The standard decoder's messages, as a person who opened the file in an editor reads them.
_PLAIN = {
    "Invalid control character at": "a text value contains a tab, line break or other control "
    "character; write it as \\t or \\n",
    "Invalid control character": "a text value contains a tab, line break or other control "
    "character; write it as \\t or \\n",
    "Expecting value": "a value is missing or is not JSON (text needs double quotes)",
    "Expecting ',' delimiter": "a comma is missing between two items",
    "Expecting ':' delimiter": "a colon is missing after a key",
    "Expecting property name enclosed in double quotes": "a key is not in double quotes "
    "(or there is a comma after the last item)",
    "Extra data": "there is more after the end of the JSON document",
    "Invalid \\escape": "a backslash starts an escape JSON does not know",
    "Invalid \\uXXXX escape": "a \\u escape is not followed by four hex digits",
    "Unterminated string starting at": "a text value has no closing double quote",
}


class JsonError(ValueError):
    """Text that is not the strict JSON we accept: `problem` in plain words, and where."""

    def __init__(self, problem: str, line: int = 0, column: int = 0, *, cut_off: bool = False):
        where = f"line {line}, column {column}: " if line else ""
        super().__init__(f"{where}{problem}")
        self.problem = problem
        self.line = line
        self.column = column
        self.cut_off = cut_off  # the text stops part-way through (a copy cut short)

    @property
    def reason(self) -> str:
        """What is wrong with the file, worded to follow "The file is" or a file's name:
        the one wording every reader of a JSON file shows."""
        if self.cut_off:
            return f"incomplete ({self}; it may have been cut off while copying)"
        return f"not valid JSON ({self})"


class NotUtf8Error(JsonError):
    """Bytes that are not UTF-8 text at all (a word-processor file, UTF-16, a zip...)."""

    @property
    def reason(self) -> str:
        return f"not UTF-8 text ({self})"


class NotADocumentError(JsonError):
    """Valid or not, the file as a whole cannot be the document asked for: too large,
    empty, or holding something other than one JSON object."""

    @property
    def reason(self) -> str:
        return self.problem


def read_document(data: bytes, *, kind: str, max_bytes: int) -> dict[str, Any]:
    """A whole file that holds one JSON object (`kind` names it: "packet", "playbook pack").

    Checked in the order a person would look: size, text encoding, emptiness, the
    JSON itself, then that it is an object. Every failure is a JsonError whose
    `reason` says what is wrong in the same words for every kind of file.
    """
    if len(data) > max_bytes:
        raise NotADocumentError(
            f"too large to be a {kind} (a {kind} is at most {_size(max_bytes)})"
        )
    text = decode_text(data)
    if not text.strip():
        raise NotADocumentError("empty")
    value = loads(text)
    if not isinstance(value, dict):
        raise NotADocumentError(
            f"not a {kind}: it holds {_kind_of(value)} where a JSON object belongs"
        )
    return value


def decode_text(data: bytes) -> str:
    """UTF-8 bytes to text, a leading byte-order mark dropped (some Windows editors add one)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise NotUtf8Error(
            f"byte 0x{data[error.start]:02x} is not UTF-8 text; save the file as UTF-8",
            line,
            column,
        ) from None
    return text.removeprefix("\ufeff")


def loads(data: bytes | str) -> Any:
    """Parse strictly: no repeated keys, no NaN or Infinity, no absurdly long numbers.

    Every failure is a JsonError whose message says what is wrong and where.
    """
    text = decode_text(data) if isinstance(data, bytes) else data
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_repeated_keys,
            parse_constant=_no_constant,
            parse_float=_finite_float,
            parse_int=_short_int,
        )
    except JsonError:
        raise
    except json.JSONDecodeError as error:
        cut_off = error.msg.startswith("Unterminated string") or error.pos >= len(text.rstrip())
        problem = _PLAIN.get(error.msg, error.msg[:1].lower() + error.msg[1:])
        if cut_off:
            problem = "the text stops part-way through"
        raise JsonError(problem, error.lineno, error.colno, cut_off=cut_off) from None
    except RecursionError:
        raise JsonError("arrays or objects are nested too deeply") from None
    except ValueError as error:  # e.g. a number Python itself refuses to convert
        raise JsonError(f"a value cannot be read ({error})") from None


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of repeated keys without a word; that would hide a mistake.
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            owner = found.get("id")
            within = f" (in the entry with id {owner!r})" if isinstance(owner, str) else ""
            raise JsonError(f'the key "{_short(key)}" appears twice in one object{within}')
        found[key] = value
    return found


def _no_constant(name: str) -> NoReturn:
    raise JsonError(f"it contains {name}, which is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        _no_constant(text)
    return value


def _short_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise JsonError("it contains a number far too long to be meant")
    return int(text)


def _size(count: int) -> str:
    mb = count / 2**20
    return f"{mb:g} MB" if mb >= 1 else f"{count // 1024} KB"


def _kind_of(value: object) -> str:
    # bool before int: bool is a subclass of int, and "true" is not "a number".
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    names = {str: "text", list: "an array", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _short(text: str, limit: int = 60) -> str:
    clean = "".join(c if c.isprintable() else "?" for c in text[:limit])
    return clean + ("..." if len(text) > limit else "")
