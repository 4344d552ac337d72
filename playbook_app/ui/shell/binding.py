"""A start-up check that the installed PySide6 keeps Python's reference counts intact."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject

_CALLS = 64


def drops_references() -> bool:
    """Whether each Qt call that returns nothing takes a reference to None with it.

    PySide6 6.12.0 does this on Python 3.11 (on 3.12 and later None is immortal,
    so the count cannot fall). The count falls by one per call and a signal's
    emit does the same to True, until the interpreter aborts: typing a few hundred
    characters into the notes was enough. pyproject.toml keeps that release out;
    this catches a copy installed some other way before any work is at risk.
    """
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_CALLS):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - _CALLS // 2


def defect_message() -> str:
    version = ".".join(str(part) for part in sys.version_info[:3])
    return (
        f"This copy of PySide6 ({PySide6.__version__}) has a known defect with "
        f"Python {version}: the app would close without warning after a few minutes "
        "of use. Nothing was changed. Install again with ./scripts/app, which picks "
        "a PySide6 release without the defect, or use Python 3.12 or newer."
    )
