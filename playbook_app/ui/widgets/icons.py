"""Small answer-state icons drawn in code, distinct by shape so colour is never the only cue."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap

from playbook_app.domain.assessment import AnswerKind, Response
from playbook_app.ui.widgets.theme import Tone, tone

_SIZE = 20
_SCALE = 2  # drawn at twice the size so the icon stays sharp on high-density screens
_cache: dict[tuple[str, str, str], QIcon] = {}


def state_key(response: Response) -> str:
    if response.answer is None:
        return "blank"
    if response.answer is AnswerKind.RATED and response.stage is not None:
        return f"stage{int(response.stage)}"
    if response.answer is AnswerKind.UNSURE:
        return "unsure"
    return "na"


def answer_icon(response: Response) -> QIcon:
    key = state_key(response)
    palette = QGuiApplication.palette()
    # Drawn anew for each palette: a change of theme must not leave old colours behind.
    cache_key = (
        key,
        palette.color(QPalette.ColorRole.Base).name(),
        palette.color(QPalette.ColorRole.Highlight).name(),
    )
    icon = _cache.get(cache_key)
    if icon is None:
        inks = (tone(palette, Tone.STAGE_ICON), tone(palette, Tone.UNSURE_ICON),
                tone(palette, Tone.QUIET_ICON))  # fmt: skip
        icon = _cache[cache_key] = QIcon(_draw(key, inks))
        # On a selected row the colours would sink into the highlight: the selected text's there.
        selected = palette.color(QPalette.ColorRole.HighlightedText)
        icon.addPixmap(_draw(key, (selected, selected, selected)), QIcon.Mode.Selected)
    return icon


def _draw(key: str, inks: tuple[QColor, QColor, QColor]) -> QPixmap:
    stage_ink, unsure_ink, muted_ink = inks
    pixmap = QPixmap(_SIZE * _SCALE, _SIZE * _SCALE)
    pixmap.setDevicePixelRatio(_SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    circle = QRectF(2.5, 2.5, _SIZE - 5, _SIZE - 5)
    if key == "blank":
        # A dashed empty ring: "nothing here yet".
        pen = QPen(muted_ink, 1.4, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawEllipse(circle)
    elif key.startswith("stage"):
        # A pie that fills a quarter per stage: Not yet started shows one
        # quarter, so it still differs from an unanswered ring.
        stage = int(key[-1])
        painter.setPen(QPen(stage_ink, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
        painter.setBrush(stage_ink)
        painter.setPen(Qt.PenStyle.NoPen)
        span = -(stage + 1) * 90 * 16
        painter.drawPie(circle, 90 * 16, span)
    elif key == "unsure":
        painter.setPen(QPen(unsure_ink, 1.6))
        painter.drawEllipse(circle)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(12)
        painter.setFont(font)
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, "?")
    else:
        # Not applicable: a ring struck through.
        painter.setPen(QPen(muted_ink, 1.6))
        painter.drawEllipse(circle)
        painter.drawLine(QPointF(5, _SIZE - 5), QPointF(_SIZE - 5, 5))
    painter.end()
    return pixmap
