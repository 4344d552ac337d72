"""Help: how rating works (the scale, unsure and not applicable, the keys) and the About box."""

from __future__ import annotations

from html import escape
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from playbook_app import APP_NAME, __version__
from playbook_app.domain.agenda import Bucket
from playbook_app.domain.assessment import EFFORT_LABELS, IMPORTANCE_LABELS, STAGES_ORIGIN, Stage
from playbook_app.domain.playbook import Control, Playbook
from playbook_app.domain.scoring import PLACEMENT_RULE
from playbook_app.paths import data_mode

# Qt, PySide6 and python-bidi are under the GNU LGPL v3: where their source is, and the
# offer of a copy.
SOURCE_OFFER = (
    "The source code of Qt and PySide6 for the versions above is published by The Qt "
    "Company at download.qt.io (official_releases/qt and official_releases/QtForPython), "
    "and python-bidi's at pypi.org/project/python-bidi. For three years from the release "
    "of this version, anyone may also ask its maintainers for a copy of that exact "
    "source, at no more than the cost of sending it."
)


def rating_help_html(shortcuts: list[tuple[str, str]]) -> str:
    """The whole explanation as HTML; every piece of text is escaped."""
    stages = "".join(
        f"<li><b>{escape(s.label)}</b> (key {int(s) + 1}): {escape(s.descriptor)}</li>"
        for s in Stage
    )
    controls = "".join(f"<li><b>{escape(c.label)}</b></li>" for c in Control)
    keys = "".join(
        f"<tr><td style='padding-right:18px'><b>{escape(keys)}</b></td><td>{escape(what)}</td></tr>"
        for what, keys in shortcuts
    )
    importance = ", ".join(IMPORTANCE_LABELS.values())
    effort = ", ".join(EFFORT_LABELS.values())
    return f"""
<h2>How rating works</h2>
<p>For each key action, choose where your district stands today. Rate what is true
now, not what is planned. {escape(STAGES_ORIGIN)}</p>
<ul>{stages}</ul>
<p><b>Unsure, we need to find out</b> (key 5 or U) records that you don't know yet.
On the agenda: {escape(Bucket.FIND_OUT.rule)}</p>
<p><b>Not applicable</b> (key 6 or N) records that the key action does not fit your
district; add a short reason, because the agenda lists these with their reasons.</p>
<p>Neither <i>unsure</i> nor <i>not applicable</i> lowers or raises any score: both are
left out of the averages, and the count of them is always shown.</p>
<h3>The how-steps checklist</h3>
<p>Tick the steps your district already does. The page then suggests a stage (for
example "You checked 4 of 6 steps: that often means Developing"), but it never sets
one: your judgement decides.</p>
<h3>Priorities</h3>
<ul>
<li><b>Importance</b> for your priorities this year: {escape(importance)}.</li>
<li><b>Effort</b> to move up one stage: {escape(effort)}.</li>
<li><b>Who can move it forward</b>:<ul>{controls}</ul>
The app suggests one for each key action ("Suggested"), its own reading of the page;
it is stored only when you choose it or press "Use the suggestion".</li>
<li><b>Confidence</b> in your rating: low, medium or high.</li>
</ul>
<p>These feed the prioritized action agenda. {escape(PLACEMENT_RULE)}</p>
<h3>Saving</h3>
<p>Every answer is saved the moment you give it; notes are saved when you pause
typing or leave the field. The status bar says "All changes saved". If something
cannot be saved, it says so, keeps your change on screen and offers Retry.</p>
<h3>Keyboard</h3>
<p>The number keys and letters work whenever the cursor is not in a text box.
After you rate, the page stays put so you can add details; press Ctrl+Right
(or Alt+Right) for the next key action.</p>
<table>{keys}</table>
"""


class RatingHelpDialog(QDialog):
    """Non-modal, so it can stay open beside the page while rating."""

    def __init__(self, shortcuts: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("How rating works")
        layout = QVBoxLayout(self)
        browser = QTextBrowser(self)
        browser.setAccessibleName("How rating works")
        browser.setOpenLinks(False)
        browser.setHtml(rating_help_html(shortcuts))
        layout.addWidget(browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(640, 640)


def about_html(playbook: Playbook, data_dir: Path) -> str:
    return f"""
<h2>{escape(APP_NAME)}</h2>
<p>Version {escape(__version__)}</p>
<p>A readiness assessment and action agenda for local school-system leaders.</p>
<p><b>Works fully offline.</b> No account, no network connection, ever: your answers
and notes stay on this computer.</p>
<p><b>Your data is kept in</b><br>{escape(str(data_dir))}<br>
{escape(data_mode(data_dir))}</p>
<p><b>Content</b><br>{"<br>".join(escape(credit) for credit in playbook.credits)}<br>
Playbook version {escape(playbook.version)}. Summaries and steps are in this app's own
words; names of states, districts, programs and resources are kept as these sources
give them.</p>
<p><b>Licences</b><br>{escape(APP_NAME)} is free software under the Apache License 2.0.
It is built with Qt {escape(qVersion())} and PySide6 {escape(PySide6.__version__)}
and python-bidi (GNU LGPL v3), reportlab, Pillow, sqlite-utils, platformdirs,
arabic-reshaper and Python; an installed copy carries each one's licence and a NOTICE
file listing them with their versions. You may replace these LGPL libraries with your
own builds of them. {escape(SOURCE_OFFER)}</p>
"""


class AboutDialog(QDialog):
    def __init__(self, playbook: Playbook, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        label = QLabel(about_html(playbook, data_dir))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Scrolls rather than clips when the screen is small or the text grows; the label
        # keeps its own text as its name, and the area is no Tab stop of its own.
        scroll = QScrollArea(self)
        scroll.setAccessibleName(f"About {APP_NAME}")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(label)
        layout.addWidget(scroll)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.resize(600, 600)
