"""On each key action of a follow-up: what was given last time, and one key to keep that stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from playbook_app.domain.assessment import AnswerKind, Stage
from playbook_app.ui.widgets.controls import text_label
from playbook_app.ui.widgets.keys import KEEP_KEY

if TYPE_CHECKING:
    from playbook_app.domain.last_time import LastTime

NOTE_SHOWN = 160  # a long note is cut on the page; the whole note is in last year's assessment


def _answer_words(kind: AnswerKind, stage: Stage | None) -> str:
    if kind is AnswerKind.RATED and stage is not None:
        return stage.label
    return kind.label.split(",")[0]


def describe(last: LastTime) -> str:
    """Last time in one paragraph, for the page and for screen readers."""
    parts = []
    own = last.own
    if own is not None and own.answer is not None:
        parts.append(f"you gave {_answer_words(own.answer, own.stage)}")
        parts.append(f"{len(own.steps_done)} of {last.steps_total} how-steps done")
        note = " ".join(own.note.split())
        if note:
            cut = note if len(note) <= NOTE_SHOWN else note[: NOTE_SHOWN - 1] + "…"
            parts.append(f"your note: “{cut}”")
    else:
        parts.append("you gave no answer")
    if last.team:
        if last.team_stage is None:
            parts.append("the team had no stage")
        elif last.team_agreed:
            parts.append(f"the team agreed {last.team_stage.label}")
        else:
            parts.append(f"the team's median was {last.team_stage.label} (no consensus)")
    # Only a follow-up shows this line: the reports package loads when it first does.
    from playbook_app.reports.labels import nice_date

    when = nice_date(last.date, short=True)
    text = f"Last time ({last.label}, {when}): " + "; ".join(parts)
    return text if text.endswith(("”", ".")) else text + "."


class LastTimePanel(QFrame):
    """Hidden unless the assessment follows one that is here."""

    keepRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.text = text_label("", selectable=True)
        self.text.setAccessibleName("What was given last time")
        row.addWidget(self.text, 1)
        self.keep_button = QPushButton("Keep the same stage", self)
        self.keep_button.setAccessibleName("Keep last time's answer")
        self.keep_button.clicked.connect(self.keepRequested)
        row.addWidget(self.keep_button)
        self.last: LastTime | None = None
        self.setVisible(False)

    def set_last_time(self, last: LastTime | None) -> None:
        self.last = last
        self.setVisible(last is not None)
        if last is None:
            return
        self.text.setText(describe(last))
        keep = last.keepable
        self.keep_button.setEnabled(keep is not None)
        words = _answer_words(keep[0], keep[1]) if keep is not None else "the same stage"
        self.keep_button.setText(f"Keep {words} ({KEEP_KEY})")
        self.keep_button.setAccessibleName(f"Keep last time's answer: {words}")
