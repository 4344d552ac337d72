"""What the app says about its content's sources: About, Help, the PDF credit, the UI words."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser
from pytestqt.qtbot import QtBot

from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.reports import agenda_pdf
from playbook_app.storage import Store
from playbook_app.ui.shell.help import AboutDialog, RatingHelpDialog
from playbook_app.ui.shell.main_window import MainWindow

PACKAGE = Path(__file__).resolve().parent.parent / "playbook_app"
ARTICLE = "7 models for how leaders can lay the groundwork for K12 innovation"
STAGES_ORIGIN = (
    "Emerging, Developing and Advancing are the stages ALI's own self-assessment uses; "
    "Not yet started is this app's addition."
)


def flat(text: str) -> str:
    return " ".join(text.split())


def plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return flat(document.toPlainText())


def test_about_credits_both_sources_and_claims_no_program_for_the_playbook(
    qtbot: QtBot, playbook: Playbook, tmp_path: Path
) -> None:
    dialog = AboutDialog(playbook, tmp_path)
    qtbot.addWidget(dialog)
    text = plain(dialog.findChild(QLabel).text())
    assert flat(playbook.source.credit) in text
    for part in (ARTICLE, "District Administration", "Bellwether", "Levers of Change"):
        assert part in text
    assert "are the playbook's" not in text


def test_help_says_where_the_stages_come_from(qtbot: QtBot) -> None:
    dialog = RatingHelpDialog([("Next key action", "Ctrl+Right")])
    qtbot.addWidget(dialog)
    text = flat(dialog.findChild(QTextBrowser).toPlainText())
    assert STAGES_ORIGIN in text
    assert "continuum" not in text
    assert '"Suggested"' in text and "Playbook hint" not in text


def test_pdf_credit_names_the_state_programs_source_and_the_stages_origin(
    playbook: Playbook,
) -> None:
    reader = PdfReader(io.BytesIO(agenda_pdf(demo_record(playbook), playbook)))
    text = flat("\n".join(page.extract_text() or "" for page in reader.pages))
    credit = text[text.index("Appendix C. Content credit") :]
    assert flat(playbook.source.credit) in credit
    assert f"“{ARTICLE}”" in credit
    assert "District Administration, drawing on Bellwether’s “Levers of Change” report" in credit
    assert STAGES_ORIGIN in credit


@pytest.mark.parametrize(
    "wording", ["playbook hint", "playbook's continuum", "playbook’s continuum", "use the hint"]
)
def test_no_screen_or_report_uses_the_old_wording(wording: str) -> None:
    pattern = re.compile(re.escape(wording), re.IGNORECASE)
    found = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for folder in ("ui", "reports", "domain")
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []


def test_the_page_shows_the_community_letter_example_as_the_playbook_gives_it(
    qtbot: QtBot,
    store: Store,
    assessment_id: int,
    open_window: Callable[..., MainWindow],
) -> None:
    window = open_window(store, for_keys=False)
    window.show_action("capacity-advisory")
    assert window.page is not None
    shown = [label.text() for label in window.page.references.findChildren(QLabel)]
    assert "•  Achievement First (letter to the community)" in shown
    assert "•  North Dakota: Rugby Public Schools (video)" in shown
