"""Strict reading of a parsed pack: types, required and unknown keys, slugs, unique ids."""

from __future__ import annotations

import re
from collections.abc import Iterable

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 64


class ContentError(Exception):
    """A content pack that cannot be used; the message names the file and the place."""

    def __init__(self, file: str, place: str, problem: str) -> None:
        super().__init__(f"{file}: {place}: {problem}" if place else f"{file}: {problem}")
        self.file = file
        self.place = place
        self.problem = problem


def kind_of(value: object) -> str:
    """The JSON word for a parsed value, so messages speak the editor's language."""
    # bool before int: bool is a subclass of int, and "true" is not "a number".
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "null"
    return type(value).__name__


def join(place: str, key: str) -> str:
    return f"{place}.{key}" if place else key


class IdRegistry:
    """Every id in the pack and where it was first used; answers key on ids, so none may clash."""

    def __init__(self, file: str) -> None:
        self._file = file
        self._seen: dict[str, tuple[str, str]] = {}

    def claim(self, value: str, kind: str, place: str) -> str:
        if value in self._seen:
            first = self._seen[value][1]
            raise ContentError(self._file, place, f"duplicate id {value!r} (first used at {first})")
        self._seen[value] = (kind, place)
        return value

    def kind(self, value: str) -> str | None:
        entry = self._seen.get(value)
        return entry[0] if entry else None


class Entry:
    """One JSON object being read; unknown and missing keys are refused before any value is read."""

    def __init__(
        self,
        file: str,
        value: object,
        place: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
    ) -> None:
        self.file = file
        self.place = place
        if not isinstance(value, dict):
            raise self.error("", f"expected an object, found {kind_of(value)}")
        required = tuple(required)
        allowed = (*required, *optional)
        # Unknown keys first: a typo ('txt') should be reported as the typo,
        # not as the 'text' it displaced.
        for key in value:
            if key not in allowed:
                raise self.error(
                    "", f"unknown key {key!r} (allowed keys: {', '.join(sorted(allowed))})"
                )
        for key in required:
            if key not in value:
                raise self.error("", f"missing key {key!r}")
        self._data: dict[str, object] = value

    def error(self, key: str, problem: str) -> ContentError:
        place = join(self.place, key) if key else self.place
        return ContentError(self.file, place or "top level", problem)

    def has(self, key: str) -> bool:
        return key in self._data

    def text(self, key: str, *, one_line: bool = False, max_len: int | None = None) -> str:
        """A non-empty string, trimmed of surrounding whitespace."""
        return self._check_text(key, self._data[key], one_line=one_line, max_len=max_len)

    def _check_text(
        self, key: str, value: object, *, one_line: bool = False, max_len: int | None = None
    ) -> str:
        if not isinstance(value, str):
            hint = "; put it in quotes" if isinstance(value, int | float) else ""
            raise self.error(key, f"expected a string, found {kind_of(value)}{hint}")
        value = value.strip()
        if not value:
            raise self.error(key, "must not be empty")
        if one_line and "\n" in value:
            raise self.error(key, "must be a single line")
        if max_len is not None and len(value) > max_len:
            raise self.error(key, f"is {len(value)} characters long; keep it to {max_len} or fewer")
        return value

    def slug(self, key: str) -> str:
        value = self.text(key)
        if len(value) > SLUG_MAX or not SLUG_PATTERN.fullmatch(value):
            raise self.error(
                key,
                f"{value!r} is not a valid id (lowercase letters, digits and single hyphens, "
                f"at most {SLUG_MAX} characters, e.g. 'vision-local')",
            )
        return value

    def _array(self, key: str, *, non_empty: bool) -> list[object]:
        if key not in self._data:
            return []
        value = self._data[key]
        if not isinstance(value, list):
            raise self.error(key, f"expected an array, found {kind_of(value)}")
        if non_empty and not value:
            raise self.error(key, "must list at least one entry")
        return value

    def entry(self, key: str, required: Iterable[str], optional: Iterable[str] = ()) -> Entry:
        """An object held under `key`."""
        return Entry(self.file, self._data[key], join(self.place, key), required, optional)

    def entries(
        self,
        key: str,
        required: Iterable[str],
        optional: Iterable[str] = (),
        *,
        non_empty: bool = True,
    ) -> list[Entry]:
        """An array of objects; places count from 1, the way a person counts entries in the file."""
        required, optional = tuple(required), tuple(optional)
        return [
            Entry(self.file, item, f"{join(self.place, key)}[{i}]", required, optional)
            for i, item in enumerate(self._array(key, non_empty=non_empty), start=1)
        ]

    def strings(self, key: str, *, non_empty: bool = True) -> list[str]:
        """An array of distinct non-empty strings."""
        result: list[str] = []
        for i, item in enumerate(self._array(key, non_empty=non_empty), start=1):
            value = self._check_text(f"{key}[{i}]", item)
            if value in result:
                raise self.error(f"{key}[{i}]", f"{value!r} is listed twice")
            result.append(value)
        return result
