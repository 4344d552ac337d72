"""Nothing of the notes in any log: the crash log keeps where an error arose, never its words."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from playbook_app.domain.demo import NOTES, TRICKY_NOTE
from playbook_app.logs import LOG_NAME, crash_report
from playbook_app.ui.widgets.errors import install_excepthook


def _fail_with(note: str) -> None:
    try:
        raise KeyError(note)
    except KeyError as error:
        raise ValueError(f"could not use the note {note!r}") from error


def test_a_crash_log_holds_no_note_and_is_private(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    install_excepthook(tmp_path)
    umask = os.umask(0)  # the most open one: the log must be private anyway
    try:
        for note in (NOTES[4], TRICKY_NOTE):
            with pytest.raises(ValueError) as caught:
                _fail_with(note)
            sys.excepthook(caught.type, caught.value, caught.tb)
    finally:
        os.umask(umask)

    log = tmp_path / LOG_NAME
    text = log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    for secret in (NOTES[4], *TRICKY_NOTE.splitlines()):
        assert secret not in text
    # Still useful: the kinds of error and where they arose, cause included.
    assert text.count("builtins.ValueError") == 2 and text.count("builtins.KeyError") == 2
    assert "which happened while handling:" in text
    assert f'File "{__file__}"' in text and "in _fail_with" in text
    err = capsys.readouterr().err
    assert "error: unexpected ValueError" in err and NOTES[4] not in err
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert boxes and str(log) in boxes[0].informativeText()
    for box in boxes:
        box.close()


def test_a_crash_report_follows_the_whole_chain_once() -> None:
    words = "".join(["private", " words"])  # not in any source line the report shows
    try:
        _fail_with(words)
    except ValueError as error:
        assert error.__cause__ is not None
        error.__cause__.__context__ = error  # a loop must not hang the report
        report = crash_report(error)
    assert words not in report
    lines = report.splitlines()
    assert lines[0] == "builtins.ValueError" and lines.count("builtins.KeyError") == 1
