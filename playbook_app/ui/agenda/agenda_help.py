"""Help > How the agenda is built: the domain's own rule sentences, shown, never restated."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from playbook_app.domain.agenda import (
    MOVE_RULE,
    NEXT_STEPS_RULE,
    OUTSIDE_RULE,
    PRIORITY_RULE,
    Bucket,
)
from playbook_app.domain.scoring import DEFAULTS_RULE, PLACEMENT_RULE, TEAM_RULE

TITLE = "How the agenda is built"


def agenda_help_html() -> str:
    """The rules under plain headings; the sentences are the domain's, escaped."""

    def para(text: str) -> str:
        return f"<p>{escape(text)}</p>"

    buckets = "".join(f"<li>{escape(bucket.rule)}</li>" for bucket in Bucket)
    return (
        f"<h2>{escape(TITLE)}</h2>"
        "<p>The Agenda screen, the PDF and the CSV all follow these rules.</p>"
        f"<h3>Priority</h3>{para(PRIORITY_RULE)}"
        f"<h3>The five groups, in order</h3><ul>{buckets}</ul>"
        f"<h3>Outside the groups</h3>{para(OUTSIDE_RULE)}"
        f"<h3>Moving an item</h3>{para(MOVE_RULE)}"
        f"<h3>Suggested next steps</h3>{para(NEXT_STEPS_RULE)}"
        f"<h3>Team assessments</h3>{para(TEAM_RULE)}"
        f"<h3>Blank importance, effort or control</h3>{para(DEFAULTS_RULE)}"
        f"<h3>Placement on the Summary screen</h3>{para(PLACEMENT_RULE)}"
    )


class AgendaHelpDialog(QDialog):
    """Non-modal, so it can stay open beside the agenda."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(TITLE)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(agenda_help_html())
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(640, 640)
