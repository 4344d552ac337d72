"""The PDF's summary chart as a PNG picture, for formats that take pictures only (Word).

The chart is drawn once, as reportlab shapes (pdf_chart); this paints those
same rectangles, lines and strings with Pillow, so both formats show one chart.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib.colors import Color

from playbook_app.reports.pdf_fonts import font_file

_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def _rgb(colour: Color | None) -> tuple[int, int, int] | None:
    if colour is None:
        return None
    return (round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255))


@lru_cache(maxsize=32)
def _font(path: Path, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(1, round(size)))


def drawing_png(drawing: Drawing, scale: float = 3.0, font_dir: Path | None = None) -> bytes:
    """The drawing as a PNG, `scale` pixels to the point (3: about 216 dots per inch)."""
    width, height = float(drawing.width), float(drawing.height)
    image = Image.new("RGB", (math.ceil(width * scale), math.ceil(height * scale)), "white")
    pen = ImageDraw.Draw(image)

    def y_of(y: float) -> float:
        return (height - y) * scale  # reportlab counts up from the bottom, images down

    def paint(shapes: list[object]) -> None:
        for shape in shapes:
            if isinstance(shape, Group):
                paint(list(shape.contents))
            elif isinstance(shape, Rect):
                left, bottom = float(shape.x), float(shape.y)
                box = (
                    left * scale,
                    y_of(bottom + float(shape.height)),
                    (left + float(shape.width)) * scale,
                    y_of(bottom),
                )
                pen.rectangle(box, fill=_rgb(shape.fillColor), outline=_rgb(shape.strokeColor))
            elif isinstance(shape, Line):
                pen.line(
                    (shape.x1 * scale, y_of(shape.y1), shape.x2 * scale, y_of(shape.y2)),
                    fill=_rgb(shape.strokeColor),
                    width=max(1, round(float(shape.strokeWidth) * scale)),
                )
            elif isinstance(shape, String):
                font = _font(font_file(shape.fontName, font_dir), shape.fontSize * scale)
                pen.text(
                    (shape.x * scale, y_of(shape.y)),
                    shape.text,
                    fill=_rgb(shape.fillColor),
                    font=font,
                    anchor=_ANCHORS.get(shape.textAnchor, "ls"),
                )

    paint(list(drawing.contents))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
