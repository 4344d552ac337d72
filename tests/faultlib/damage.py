"""Ways a database file gets damaged in the wild, as pure functions on its bytes."""

from __future__ import annotations

import random
from collections.abc import Callable

PAGE = 4096


def garbage(data: bytes) -> bytes:
    """Random bytes of the same length (a file overwritten by something else)."""
    return random.Random(5).randbytes(max(len(data), PAGE))


def zeroed_header(data: bytes) -> bytes:
    """The 100-byte SQLite header wiped."""
    return bytes(100) + data[100:]


def truncated(data: bytes) -> bytes:
    """The second half lost (a copy cut short, a file system that lost blocks)."""
    return data[: len(data) // 2]


def bit_flips(data: bytes) -> bytes:
    """Single bits flipped in the b-tree page headers of several pages (bad RAM, bad disk)."""
    damaged = bytearray(data)
    for start in range(PAGE, len(damaged), 2 * PAGE):
        damaged[start] ^= 0x20  # page type: no longer one of 2, 5, 10, 13
        damaged[start + 3] ^= 0x80  # cell count: far beyond what the page holds
    return bytes(damaged)


def zero_length(data: bytes) -> bytes:
    return b""


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "garbage": garbage,
    "zeroed-header": zeroed_header,
    "truncated": truncated,
    "bit-flips": bit_flips,
    "zero-length": zero_length,
}
