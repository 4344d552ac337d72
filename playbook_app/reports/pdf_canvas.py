"""The page furniture: a running header, and "Page X of Y" footers drawn once the total is known.

The canvas keeps each finished page's state and draws the header and footer
on all of them at save time, when the page count is known: one layout pass.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from playbook_app.reports.pdf_styles import FONT, FONT_BOLD, MUTED, RULE
from playbook_app.reports.pdf_text import Run, draw_runs, fit_runs, line_runs


class PageFurniture:
    """What every page carries; the cover carries only the footer."""

    def __init__(
        self,
        *,
        header_left: str,
        header_right: str,
        footer_left: str,
        pdf_date: str,
        margin: float,
    ) -> None:
        self.header_left = header_left
        self.header_right = header_right
        self.footer_left = footer_left
        self.pdf_date = pdf_date  # "D:YYYYMMDDhhmmss+00'00'"
        self.margin = margin

    def canvas_maker(self) -> Callable[..., Canvas]:
        furniture = self

        def make(*args: Any, **kwargs: Any) -> Canvas:
            return _NumberedCanvas(furniture, *args, **kwargs)

        return make


@lru_cache(maxsize=64)
def _fit(text: str, font: str, size: float, width: float) -> tuple[Run, ...]:
    """`text` on one line, in fonts that print it, cut with an ellipsis to fit `width`."""
    return tuple(fit_runs(line_runs(text, font), size, width))


class Bookmark(Flowable):  # type: ignore[misc]
    """An entry in the PDF's outline (the reader's bookmarks panel) for where it stands."""

    def __init__(self, title: str, level: int) -> None:
        super().__init__()
        self.title = " ".join(title.split())
        self.level = level
        self.width = self.height = 0
        # With the heading that follows it: a bookmark must not stay behind on the page before.
        self.keepWithNext = 1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, _NumberedCanvas):
            canvas.bookmark(self.title, self.level)


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    def __init__(self, furniture: PageFurniture, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []
        self._marks: list[str] = []  # this page's bookmark keys
        self._mark_count = 0
        self.setDateFormatter(lambda *_: furniture.pdf_date)
        # The reader's title bar shows the title, not the file name (PDF/UA asks for this).
        self.setViewerPreference("DisplayDocTitle", "true")

    def bookmark(self, title: str, level: int) -> None:
        """An outline entry for the current page; the page itself is only made at save()."""
        self._mark_count += 1
        key = f"outline{self._mark_count}"
        self._marks.append(key)
        self.addOutlineEntry(title, key, level=level, closed=level >= 1)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._marks = []
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            marks = state["_marks"]
            self.__dict__.update(state)
            self._decorate(number, total)
            # Pages are made here, so here is where a bookmark can name its page.
            for key in marks:
                Canvas.bookmarkPage(self, key, fit="XYZ", top=None, left=None, zoom=None)
            super().showPage()
        if self._mark_count:
            self.showOutline()
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        f = self._furniture
        width, height = self._pagesize
        left, right = f.margin, width - f.margin
        self.saveState()
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        if number > 1:
            y = height - 0.55 * 72
            half = (right - left) / 2 - 6
            draw_runs(self, left, y, _fit(f.header_left, FONT_BOLD, 8, half), 8)
            draw_runs(self, right, y, _fit(f.header_right, FONT, 8, half), 8, right=True)
            self.line(left, y - 5, right, y - 5)
        y = 0.5 * 72
        self.line(left, y + 11, right, y + 11)
        self.setFont(FONT, 7.5)
        page = f"Page {number} of {total}"
        self.drawRightString(right, y, page)
        room = right - left - self.stringWidth(page, FONT, 7.5) - 12
        draw_runs(self, left, y, _fit(f.footer_left, FONT, 7.5, room), 7.5)
        self.restoreState()
