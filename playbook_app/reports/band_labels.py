"""Where the stage names go above the placement bands: whole, over their band, never overlapping."""

from __future__ import annotations

from collections.abc import Sequence


def spread_labels(
    centers: Sequence[float], widths: Sequence[float], left: float, right: float, gap: float
) -> list[float] | None:
    """Left edges for labels centred on `centers` as nearly as they can be, kept in order
    inside [left, right] with at least `gap` between them; None when they cannot all fit.

    A narrow band (the half-stage ones at either end) gets its name in full, let out
    sideways over the empty space beside it, rather than cut short.
    """
    count = len(centers)
    if count == 0:
        return []
    if sum(widths) + gap * (count - 1) > right - left:
        return None
    lefts = [min(max(c - w / 2, left), right - w) for c, w in zip(centers, widths, strict=True)]
    for i in range(1, count):
        lefts[i] = max(lefts[i], lefts[i - 1] + widths[i - 1] + gap)
    lefts[-1] = min(lefts[-1], right - widths[-1])
    for i in range(count - 2, -1, -1):
        lefts[i] = min(lefts[i], lefts[i + 1] - gap - widths[i])
    return lefts
