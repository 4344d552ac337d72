"""Small answer-state icons drawn in code, distinct by shape so colour is never the only cue."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap

from playbook_app.domain.assessment import AnswerKind, Response

_SIZE = 20
_SCALE = 2  # drawn at twice the size so the icon stays sharp on high-density screens
_STAGE = QColor("#1f5fa8")
_UNSURE = QColor("#9a5b00")
_MUTED = QColor("#5f6b7a")
_cache: dict[str, QIcon] = {}


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
    icon = _cache.get(key)
    if icon is None:
        icon = _cache[key] = QIcon(_draw(key))
        # On a selected row the colours would sink into the highlight: draw in white there.
        icon.addPixmap(_draw(key, QColor("white")), QIcon.Mode.Selected)
    return icon


def _draw(key: str, ink: QColor | None = None) -> QPixmap:
    stage_ink, unsure_ink, muted_ink = (ink, ink, ink) if ink else (_STAGE, _UNSURE, _MUTED)
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
