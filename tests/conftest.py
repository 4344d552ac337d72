"""Shared test set-up: Qt offscreen before any Qt import, a private data folder, the real pack."""

from __future__ import annotations

import os

# Before anything imports Qt: tests run on machines without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers_gui import make_assessment

from playbook_app.content import load_default
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store


@pytest.fixture(autouse=True, scope="session")
def no_sockets() -> Iterator[None]:
    """The whole run with sockets forbidden: the app opens none (DESIGN.md section 8)."""
    from faultlib.socket_guard import forbid_sockets

    attempts: list[str] = []
    with forbid_sockets(attempts.append):
        yield
    assert attempts == [], f"something tried to open a socket: {attempts}"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder of the test's own (not yet created: the app creates it)."""
    return tmp_path / "data"


@pytest.fixture(scope="session")
def playbook() -> Playbook:
    return load_default()


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """A real SQLite store in the test's data folder, closed afterwards."""
    opened = Store.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def assessment_id(store: Store, playbook: Playbook) -> int:
    return make_assessment(store, playbook)


@pytest.fixture
def open_window(qtbot: Any, playbook: Playbook) -> Callable[..., Any]:
    """Build and show a main window on a store; ``for_keys`` also waits for it to be active."""
    from playbook_app.app import build_main_window

    def factory(store: Store, *, for_keys: bool = True) -> Any:
        window = build_main_window(store, playbook, remember_window=False)
        qtbot.addWidget(window)
        window.show()
        if for_keys:
            # Shortcuts reach only the active window, as on a real desktop.
            window.activateWindow()
            # isActiveWindow(): a bool, where activeWindow() would hand back None
            # on every poll until the window is up.
            qtbot.waitUntil(window.isActiveWindow)
        else:
            qtbot.waitExposed(window)
        return window

    return factory
