"""Every colour the UI paints with, worked out from the palette; the Light / Dark / system choice.

No screen names a colour of its own: each asks this module for a tone, which
starts from a hue chosen for the palette's lightness and is then moved towards
the text colour until it reads (4.5:1 for text, 3:1 for controls and graphics)
on the palette's backgrounds. So a system high-contrast palette works as well
as the two the app offers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from playbook_app.ui.widgets import focus_ring

TEXT_RATIO = 4.5  # WCAG 2.1 1.4.3, normal text
GRAPHIC_RATIO = 3.0  # WCAG 2.1 1.4.11, controls and graphics
SETTING = "view/theme"
TONE_PROPERTY = "playbookTone"

# Paper is white whatever the screen shows: the printed agenda keeps its own ink.
PRINT_PAPER = QColor("#ffffff")
PRINT_TEXT = QColor("#1c2733")
PRINT_MUTED = QColor("#5a6673")
# The projector is always white on black, for a dim room and a far wall.
PROJECTOR_BACKGROUND = QColor("#000000")
PROJECTOR_TEXT = QColor("#ffffff")
PROJECTOR_SECONDARY = QColor("#d0d0d0")
PROJECTOR_FLAG = QColor("#ffd84d")


class Theme(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {"system": "&Follow the system", "light": "&Light", "dark": "&Dark"}[self.value]


class Tone(Enum):
    """What a colour is for: its hue on a light and on a dark palette, and the ratio it needs."""

    MUTED = ("", "", TEXT_RATIO)
    ERROR = ("#a4001d", "#ff8f8f", TEXT_RATIO)
    WARNING = ("#8a5300", "#f2b661", TEXT_RATIO)  # a moved item's reason, a past date
    FLAG = ("#8a3b00", "#ffb27a", TEXT_RATIO)  # team disagreement
    STAGE_ICON = ("#1f5fa8", "#8ab8f2", GRAPHIC_RATIO)
    UNSURE_ICON = ("#9a5b00", "#f2b661", GRAPHIC_RATIO)
    QUIET_ICON = ("", "", GRAPHIC_RATIO)
    BORDER = ("", "", GRAPHIC_RATIO)  # an unchosen card's outline

    def __init__(self, light: str, dark: str, ratio: float) -> None:
        self.light = light
        self.dark = dark
        self.ratio = ratio


# Chart bands (Not yet started, Emerging, Developing, Advancing) and its bars, light then dark.
_BANDS = (
    ("#8a9099", "#e0a030", "#3c7dc4", "#3f9a50"),
    ("#8a9099", "#c98a1c", "#5b95d6", "#4fae62"),
)
_BARS = (("#2f6199", "#173a5e"), ("#9cc3f5", "#e3efff"))
# The years chart's lines, one per recommendation: hues told apart with any colour vision.
_LINES = ("#1f4e79", "#d55e00", "#009e73", "#cc79a7", "#0072b2", "#8a5300", "#56b4e9", "#333333")


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` of the way towards ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def readable(
    colour: QColor, backgrounds: Iterable[QColor], towards: QColor, ratio: float
) -> QColor:
    """`colour` moved towards `towards` (the text) until it reaches `ratio` on each background."""
    grounds = list(backgrounds)
    for step in range(21):
        candidate = blend(colour, towards, step / 20)
        if all(contrast(candidate, ground) >= ratio for ground in grounds):
            return candidate
    return QColor(towards)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _grounds(palette: QPalette) -> tuple[QColor, QColor]:
    return palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)


def secondary(text: QColor, background: QColor) -> QColor:
    """A quieter version of `text` that still reads on `background`."""
    return readable(blend(text, background, 0.3), (background,), text, TEXT_RATIO)


def tone(palette: QPalette, which: Tone) -> QColor:
    text = palette.color(QPalette.ColorRole.Text)
    window, base = _grounds(palette)
    if which in (Tone.MUTED, Tone.QUIET_ICON):
        start = blend(text, window, 0.3)
    elif which is Tone.BORDER:
        start = blend(text, base, 0.55)
    else:
        start = QColor(which.dark if is_dark(palette) else which.light)
    return readable(start, (window, base), text, which.ratio)


@dataclass(frozen=True)
class ChartColours:
    text: QColor
    muted: QColor
    rule: QColor
    band_fills: tuple[QColor, ...]
    band_labels: tuple[QColor, ...]
    bar: QColor
    bar_overall: QColor


def chart_colours(palette: QPalette) -> ChartColours:
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    dark = is_dark(palette)
    hues = [QColor(h) for h in _BANDS[dark]]
    fills = tuple(blend(base, hue, 0.2) for hue in hues)
    labels = tuple(readable(blend(hue, text, 0.45), (base,), text, TEXT_RATIO) for hue in hues)
    bar, overall = (readable(QColor(h), fills, text, GRAPHIC_RATIO) for h in _BARS[dark])
    return ChartColours(
        text=text,
        muted=readable(blend(text, base, 0.35), (base, *fills), text, TEXT_RATIO),
        rule=blend(text, base, 0.8),  # a hairline between rows: decoration only
        band_fills=fills,
        band_labels=labels,
        bar=bar,
        bar_overall=overall,
    )


def year_lines(palette: QPalette) -> tuple[QColor, ...]:
    """The years chart's lines; each also labels its line's end, so it must read as text."""
    text = palette.color(QPalette.ColorRole.Text)
    grounds = (palette.color(QPalette.ColorRole.Base), *chart_colours(palette).band_fills)
    return tuple(readable(QColor(hue), grounds, text, TEXT_RATIO) for hue in _LINES)


@dataclass(frozen=True)
class Pair:
    """A colour drawn on another, and the ratio it needs: what the contrast test checks."""

    name: str
    foreground: QColor
    background: QColor
    minimum: float


def pairs(palette: QPalette) -> list[Pair]:
    """Every foreground and background the UI paints together on this palette."""
    role = QPalette.ColorRole
    text, window, base = palette.color(role.Text), *_grounds(palette)
    found = [
        Pair("window text", palette.color(role.WindowText), window, TEXT_RATIO),
        Pair("text", text, base, TEXT_RATIO),
        Pair("button text", palette.color(role.ButtonText), palette.color(role.Button), TEXT_RATIO),
        Pair(
            "selected text",
            palette.color(role.HighlightedText),
            palette.color(role.Highlight),
            TEXT_RATIO,
        ),
        Pair(
            "selected row's state line",
            secondary(palette.color(role.HighlightedText), palette.color(role.Highlight)),
            palette.color(role.Highlight),
            TEXT_RATIO,
        ),
        Pair("placeholder", palette.color(role.PlaceholderText), base, TEXT_RATIO),
        Pair("link", palette.color(role.Link), window, TEXT_RATIO),
        Pair("focus and chosen outline", palette.color(role.Highlight), base, GRAPHIC_RATIO),
    ]
    for which in Tone:
        for ground_name, ground in (("window", window), ("base", base)):
            found.append(Pair(f"{which.name.lower()} on {ground_name}", tone(palette, which),
                              ground, which.ratio))  # fmt: skip
    chart = chart_colours(palette)
    found.append(Pair("chart muted", chart.muted, base, TEXT_RATIO))
    for index, fill in enumerate(chart.band_fills):
        found += [
            Pair(f"chart band {index + 1} label", chart.band_labels[index], base, TEXT_RATIO),
            Pair(f"chart bar on band {index + 1}", chart.bar, fill, GRAPHIC_RATIO),
            Pair(f"chart overall bar on band {index + 1}", chart.bar_overall, fill, GRAPHIC_RATIO),
            Pair(f"chart text on band {index + 1}", chart.text, fill, TEXT_RATIO),
        ]
    for index, line in enumerate(year_lines(palette)):
        for ground_name, ground in (
            ("base", base),
            *((f"band {n + 1}", fill) for n, fill in enumerate(chart.band_fills)),
        ):
            found.append(Pair(f"years line {index + 1} on {ground_name}", line, ground, TEXT_RATIO))
    return found


def projector_pairs() -> list[Pair]:
    ground = PROJECTOR_BACKGROUND
    return [
        Pair("projector text", PROJECTOR_TEXT, ground, TEXT_RATIO),
        Pair("projector secondary", PROJECTOR_SECONDARY, ground, TEXT_RATIO),
        Pair("projector flag", PROJECTOR_FLAG, ground, TEXT_RATIO),
    ]


def _palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette()
    for role, name in colours.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role, QColor(name))
    text = QColor(colours[QPalette.ColorRole.Text])
    base = QColor(colours[QPalette.ColorRole.Base])
    disabled = blend(text, base, 0.5)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colours[role]))
    return palette


def light_palette() -> QPalette:
    r = QPalette.ColorRole
    return _palette({
        r.Window: "#efefef", r.WindowText: "#1a1a1a", r.Base: "#ffffff", r.AlternateBase: "#f5f5f5",
        r.Text: "#1a1a1a", r.Button: "#e6e6e6", r.ButtonText: "#1a1a1a", r.Highlight: "#2b5fa6",
        r.HighlightedText: "#ffffff", r.Link: "#1d4f91", r.LinkVisited: "#5b3a91",
        r.PlaceholderText: "#5c5c5c", r.ToolTipBase: "#ffffdc", r.ToolTipText: "#1a1a1a",
        r.Light: "#ffffff", r.Midlight: "#d6d6d6", r.Mid: "#8a8a8a", r.Dark: "#6e6e6e",
        r.Shadow: "#2a2a2a", r.BrightText: "#ffffff",
    })  # fmt: skip


def dark_palette() -> QPalette:
    r = QPalette.ColorRole
    return _palette({
        r.Window: "#202124", r.WindowText: "#ececec", r.Base: "#17181a", r.AlternateBase: "#26282b",
        r.Text: "#ececec", r.Button: "#303236", r.ButtonText: "#ececec", r.Highlight: "#6ea4ec",
        r.HighlightedText: "#0b0c0d", r.Link: "#8ab8f2", r.LinkVisited: "#c3a6f0",
        r.PlaceholderText: "#a8a8a8", r.ToolTipBase: "#303236", r.ToolTipText: "#ececec",
        r.Light: "#4a4d52", r.Midlight: "#3a3c40", r.Mid: "#8a8d92", r.Dark: "#101112",
        r.Shadow: "#000000", r.BrightText: "#ffffff",
    })  # fmt: skip


def print_palette() -> QPalette:
    palette = light_palette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        palette.setColor(role, PRINT_PAPER)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, PRINT_TEXT)
    return palette


def readable_system(palette: QPalette) -> QPalette:
    """The system's palette, with the few roles some styles make too faint brought up to 4.5:1."""
    fixed = QPalette(palette)
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        text, base = fixed.color(group, role.Text), fixed.color(group, role.Base)
        placeholder = fixed.color(group, role.PlaceholderText)
        if placeholder.alpha() < 255:  # Fusion's is the text colour, half transparent
            placeholder = blend(base, QColor(placeholder.rgb()), placeholder.alphaF())
        fixed.setColor(
            group, role.PlaceholderText, readable(placeholder, (base,), text, TEXT_RATIO)
        )
        # Fusion's own highlight is too light under white text (3.7:1).
        chosen_text = fixed.color(group, role.HighlightedText)
        away = QColor("#000000" if chosen_text.lightness() >= 128 else "#ffffff")
        highlight = readable(fixed.color(group, role.Highlight), (chosen_text,), away, TEXT_RATIO)
        fixed.setColor(group, role.Highlight, highlight)
    return fixed


# Applying ---------------------------------------------------------------------------------

_watching_system = False
_choice = Theme.SYSTEM
# What apply() last put on: the choice and the palette it left in effect (focus_ring
# knows its own style).
_applied: tuple[Theme, QPalette] | None = None


def load_choice(settings: QSettings | None) -> Theme:
    value = settings.value(SETTING, Theme.SYSTEM.value) if settings is not None else None
    try:
        return Theme(str(value))
    except ValueError:
        return Theme.SYSTEM


def save_choice(settings: QSettings | None, choice: Theme) -> None:
    if settings is not None:
        settings.setValue(SETTING, choice.value)


def apply(choice: Theme) -> None:
    """Put the chosen palette (and a style that honours it) on the whole application.

    Cheapest before the first widget is made (`build_main_window` does so): applied
    later, every widget already polished is polished again.
    """
    global _watching_system, _choice, _applied
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if not _watching_system:
        # The system may switch between light and dark while the app runs.
        QGuiApplication.styleHints().colorSchemeChanged.connect(_system_changed)
        _watching_system = True
    _choice = choice
    hints = QGuiApplication.styleHints()
    if choice is Theme.SYSTEM:
        hints.unsetColorScheme()
        if focus_ring.style_touched():
            focus_ring.put_on(app, focus_ring.native_style_name(app))
        # An empty palette follows the system's; then only the roles it makes too faint.
        app.setPalette(QPalette())
        system = app.palette()
        if not focus_ring.style_touched():
            if is_dark(system):  # the ring's style also outlines tick boxes there
                focus_ring.put_on(app, focus_ring.native_style_name(app))
                system = app.palette()
            else:
                focus_ring.on_first_keyboard_move(app)
        fixed = readable_system(system)
        palette = QPalette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            for role in (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Highlight):
                if fixed.color(group, role) != system.color(group, role):
                    palette.setColor(group, role, fixed.color(group, role))
    else:
        scheme = Qt.ColorScheme.Dark if choice is Theme.DARK else Qt.ColorScheme.Light
        hints.setColorScheme(scheme)
        # Native styles on some platforms ignore a palette; Fusion always honours it.
        focus_ring.put_on(app, "fusion")
        palette = dark_palette() if choice is Theme.DARK else light_palette()
    app.setPalette(palette)
    retone_all()
    _applied = (choice, app.palette())


def ensure(choice: Theme) -> None:
    """`apply(choice)` unless the application shows it already, style and palette alike."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _applied is not None:
        applied, palette = _applied
        if applied is choice and focus_ring.in_place(app) and app.palette() == palette:
            return
    apply(choice)


def _system_changed(_scheme: Qt.ColorScheme) -> None:
    if _choice is Theme.SYSTEM:
        apply(Theme.SYSTEM)


def set_tone(widget: QWidget, which: Tone | None) -> None:
    """Colour a widget's text by what it says (None: the palette's own text colour again)."""
    widget.setProperty(TONE_PROPERTY, "" if which is None else which.name)
    _retone(widget)


def _retone(widget: QWidget) -> None:
    name = widget.property(TONE_PROPERTY)
    # Only the text roles are set, so every other role still follows the application's.
    palette = QPalette()
    if name:
        colour = tone(QApplication.palette(widget), Tone[str(name)])
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(group, role, colour)
    widget.setPalette(palette)


def retone_all() -> None:
    """After the palette changed: every toned widget takes its colour from the new one."""
    for widget in QApplication.allWidgets():
        if widget.property(TONE_PROPERTY):
            _retone(widget)
