"""Calendar dates written YYYY-MM-DD: the one strict reader every layer uses."""

from __future__ import annotations

import re
from datetime import date

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_iso_date(text: str) -> date | None:
    """The date `text` names, exactly YYYY-MM-DD and a real day (no 2026-02-31); else None."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def is_iso_date(text: str) -> bool:
    return parse_iso_date(text) is not None
