"""Colours: every pair the theme paints reads on light, dark and system palettes; View > Theme."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from playbook_app.domain.demo import demo_record
from playbook_app.domain.playbook import Playbook
from playbook_app.storage import Store
from playbook_app.ui.shell.main_window import MainWindow
from playbook_app.ui.widgets import theme

OpenWindow = Callable[..., MainWindow]


def _high_contrast_black() -> QPalette:
    """What Windows' "Night sky" high-contrast theme hands Qt, roughly."""
    r = QPalette.ColorRole
    palette = theme.dark_palette()
    for role, name in ((r.Window, "#000000"), (r.Base, "#000000"), (r.Text, "#ffffff"),
                       (r.WindowText, "#ffffff"), (r.Highlight, "#8ee3f0"),
                       (r.HighlightedText, "#000000"), (r.Button, "#000000"),
                       (r.ButtonText, "#ffffff"), (r.Link, "#75e9fc"),
                       (r.PlaceholderText, "#a0a0a0")):  # fmt: skip
        palette.setColor(role, QColor(name))
    return palette


PALETTES = {
    "light": theme.light_palette,
    "dark": theme.dark_palette,
    "high contrast": lambda: theme.readable_system(_high_contrast_black()),
    "Qt's own": lambda: theme.readable_system(QApplication.style().standardPalette()),
}


@pytest.mark.parametrize("name", PALETTES)
def test_every_colour_pair_the_theme_paints_meets_wcag_contrast(qtbot: QtBot, name: str) -> None:
    palette = PALETTES[name]()
    low = [
        f"{p.name}: {theme.contrast(p.foreground, p.background):.2f} < {p.minimum}"
        for p in theme.pairs(palette)
        if theme.contrast(p.foreground, p.background) < p.minimum
    ]
    assert low == []


def test_the_projector_and_the_printed_chart_keep_their_own_readable_colours() -> None:
    pairs = [*theme.projector_pairs(), *theme.pairs(theme.print_palette())]
    assert [p.name for p in pairs if theme.contrast(p.foreground, p.background) < p.minimum] == []


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert theme.contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert theme.contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_the_measured_dark_palette_failures_are_gone(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    """Form errors, the moved-item reason and "Not saved" were 1.3-2.2:1 on a dark palette."""
    store.add_record(demo_record(playbook))
    window = open_window(store)
    try:
        window.features.view_options.choose_theme(theme.Theme.DARK)
        QApplication.processEvents()  # Qt hands the new palette to widgets as events
        window.save_status.set_state("Not saved: the disk is full")
        label = window.save_status.label
        palette = label.palette()
        ground = palette.color(QPalette.ColorRole.Window)
        assert ground.lightness() < 128
        text = palette.color(QPalette.ColorRole.WindowText)
        assert theme.contrast(text, ground) >= theme.TEXT_RATIO
        assert text != QApplication.palette().color(QPalette.ColorRole.WindowText)  # still red
        # Every toned label on every built screen, after the switch.
        for widget in window.findChildren(QLabel):
            if widget.property(theme.TONE_PROPERTY):
                colours = widget.palette()
                ratio = theme.contrast(
                    colours.color(QPalette.ColorRole.WindowText),
                    colours.color(QPalette.ColorRole.Window),
                )
                assert ratio >= theme.TEXT_RATIO, widget.text()
    finally:
        theme.apply(theme.Theme.SYSTEM)


def test_the_theme_choice_is_remembered_and_offered_in_the_view_menu(
    qtbot: QtBot, data_dir: Path, playbook: Playbook
) -> None:
    from playbook_app.app import build_main_window

    with Store.open(data_dir) as store:
        store.add_record(demo_record(playbook))
        window = build_main_window(store, playbook)
        qtbot.addWidget(window)
        actions = window.features.view_options.theme_actions
        assert actions[theme.Theme.SYSTEM].isChecked()
        try:
            actions[theme.Theme.DARK].trigger()
            assert theme.is_dark(QApplication.palette())
            window.close()
            again = build_main_window(store, playbook)
            qtbot.addWidget(again)
            assert again.features.view_options.theme_actions[theme.Theme.DARK].isChecked()
            assert theme.is_dark(QApplication.palette())
            again.close()
        finally:
            theme.apply(theme.Theme.SYSTEM)


def test_tick_boxes_are_outlined_where_the_dark_palette_would_hide_them(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QCheckBox, QStyleFactory

    from playbook_app.ui.widgets.focus_style import FocusStyle

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before_style, before_palette = app.style().name(), app.palette()
    try:
        app.setStyle(FocusStyle(QStyleFactory.create("fusion")))
        app.setPalette(theme.dark_palette())
        box = QCheckBox("Be candid about the constraints")
        qtbot.addWidget(box)
        box.resize(box.sizeHint())
        image = box.grab().toImage()
        window = app.palette().color(QPalette.ColorRole.Window)
        # The indicator sits at the left: some of its pixels must stand out at 3:1.
        best = max(
            theme.contrast(image.pixelColor(x, y), window)
            for x in range(min(20, image.width()))
            for y in range(image.height())
        )
        assert best >= theme.GRAPHIC_RATIO
    finally:
        app.setStyle(QStyleFactory.create(before_style))
        app.setPalette(before_palette)


def test_no_colour_is_written_down_outside_the_theme_module() -> None:
    """A colour named in a screen would not follow the palette: every one lives in theme.py."""
    ui = Path(theme.__file__).resolve().parent.parent
    literal = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|QColor\(\s*['\"\d]|rgb\(")
    paths = [p for p in sorted(ui.rglob("*.py")) if p != Path(theme.__file__).resolve()]
    assert len(paths) > 50
    found = [
        f"{path.relative_to(ui)}:{n}"
        for path in paths
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if literal.search(line)
    ]
    assert found == []


def test_the_years_chart_lines_read_on_every_palette(qtbot: QtBot) -> None:
    names = [p.name for p in theme.pairs(theme.dark_palette()) if p.name.startswith("years line")]
    assert len(names) == 8 * 5  # each line on the plot's ground and on each of the four bands
    for make in PALETTES.values():
        palette = make()
        lines = theme.year_lines(palette)
        base = palette.color(QPalette.ColorRole.Base)
        assert min(theme.contrast(line, base) for line in lines) >= theme.TEXT_RATIO


def test_a_new_window_puts_the_focus_style_back_when_something_replaced_it(
    qtbot: QtBot, store: Store, playbook: Playbook, open_window: OpenWindow
) -> None:
    from PySide6.QtWidgets import QStyleFactory

    from playbook_app.ui.widgets.focus_style import FocusStyle

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    store.add_record(demo_record(playbook))
    first = open_window(store)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # the ring waits for the keyboard
    first.close()
    assert isinstance(app.style(), FocusStyle)
    app.setStyle(QStyleFactory.create("fusion"))
    window = open_window(store, for_keys=False)
    assert isinstance(app.style(), FocusStyle)
    window.close()
