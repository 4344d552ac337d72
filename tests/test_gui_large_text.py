"""Large text and small screens: 14 pt and 18 pt system text, a 1366 × 768 laptop, 200 % scale."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from helpers_gui import make_assessment
from helpers_team import choose_rater
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from playbook_app.domain.demo import CABINET, demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.widgets.participant_rows import FIELD_CHARS

OpenWindow = Callable[..., MainWindow]
LAPTOP = (1366, 768)
AT_200 = (683, 384)  # the same laptop's logical pixels at 200 % scale


@pytest.fixture(params=[14.0, 18.0], ids=["14pt", "18pt"])
def text_size(request: pytest.FixtureRequest) -> Iterator[float]:
    """The application's font at a large point size, as a user's system setting gives it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    font = QFont(before)
    font.setPointSizeF(request.param)
    app.setFont(font)
    yield request.param
    app.setFont(before)


def test_team_screens_fit_a_laptop_at_large_text(
    qtbot: QtBot, text_size: float, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    store.add_record(demo_record(playbook, participants=8))
    window = open_window(store)
    choose_rater(qtbot, window, CABINET[2][0])  # the longest role of the demo cabinet
    assert window.views is not None
    for name in ("summary", "agenda", "team"):
        window.views.show_view(name)
        if window.views.is_covered(name):
            window.views.open_private()
        assert window.minimumSizeHint().width() <= LAPTOP[0], (name, text_size)


def test_new_assessment_keeps_team_member_fields_wide_enough_to_read(
    qtbot: QtBot, text_size: float, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    from playbook_app.ui.assessments.new_assessment_dialog import NewAssessmentDialog

    make_assessment(store, playbook)
    window = open_window(store)
    window.menu_actions.new_assessment.trigger()
    dialog = next(d for d in window.findChildren(NewAssessmentDialog) if d.isVisible())
    dialog.form.team.setChecked(True)
    QApplication.processEvents()
    name, role, _remove = dialog.form.team_rows.rows[0]
    for field in (name, role):
        assert field.width() >= field.fontMetrics().averageCharWidth() * FIELD_CHARS
    assert dialog.width() <= LAPTOP[0]
    dialog.reject()


@pytest.mark.parametrize("screen", [LAPTOP, AT_200], ids=["1366x768", "200%"])
def test_the_projector_shows_every_name_and_its_keys_on_the_rooms_screen(
    qtbot: QtBot,
    store: Store,
    playbook: Playbook,
    open_window: OpenWindow,
    screen: tuple[int, int],
) -> None:
    from playbook_app.ui.team.projector import SMALL_SCREEN, ProjectorWindow

    store.add_record(demo_record(playbook, participants=8))
    window = open_window(store)
    choose_rater(qtbot, window, CABINET[0][0])
    team = window.features.team
    share = 0.85 if screen[1] >= SMALL_SCREEN else 1.0  # as place() sizes it on that screen
    size = (round(screen[0] * share), round(screen[1] * share))
    for action_id in playbook.action_ids[:8]:
        team.set_current(action_id)
        team.reveal(action_id)
        projector = ProjectorWindow(team, window)
        qtbot.addWidget(projector)
        projector.setMaximumSize(*screen)
        projector.resize(*size)
        projector.show()
        QApplication.processEvents()
        assert projector.width() <= screen[0] and projector.height() <= screen[1]
        keys = projector.keys.geometry()
        assert keys.bottom() < projector.height(), action_id  # the key legend stays in view
        grid = projector.spread_grid
        assert grid.height() >= grid.heightForWidth(grid.width()), action_id  # no name cut
        for cell in grid.cells:
            assert cell.height() >= cell.sizeHint().height() - 1, action_id
        projector.close()
