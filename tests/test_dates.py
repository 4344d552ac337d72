"""The one strict YYYY-MM-DD reader: real days only, nothing looser."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from playbook_app.domain.dates import is_iso_date, parse_iso_date


@given(st.dates(min_value=date(1, 1, 1)))
def test_every_real_day_reads_back_as_itself(day: date) -> None:
    assert parse_iso_date(day.isoformat()) == day


@pytest.mark.parametrize(
    "text",
    ["2026-02-31", "2026-13-01", "2026-1-05", "20260105", "2026-01-05 ", "２０２６-01-05", ""],
)
def test_anything_but_a_real_day_written_yyyy_mm_dd_is_refused(text: str) -> None:
    assert parse_iso_date(text) is None and not is_iso_date(text)
