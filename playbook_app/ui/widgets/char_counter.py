"""A live count of the characters in a text box against its limit, shown beside the box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from playbook_app.ui.widgets.controls import text_label


def counter_text(count: int, limit: int) -> str:
    if count > limit:
        # Only text stored by an older version can be this long.
        return (
            f"{count:,} of {limit:,} characters: packets and the PDF carry the first "
            f"{limit:,}. Shorten it to keep all of it."
        )
    return f"{count:,} of {limit:,} characters"


def character_counter(field: QPlainTextEdit, limit: int, parent: QWidget | None = None) -> QLabel:
    """A muted label that follows `field`: "120 of 2,000 characters"."""
    label = text_label(counter_text(0, limit), muted=True, scale=0.85, parent=parent)
    label.setAlignment(Qt.AlignmentFlag.AlignRight)
    label.setAccessibleDescription(f"{field.accessibleName()} length")

    def update() -> None:
        label.setText(counter_text(len(field.toPlainText()), limit))

    field.textChanged.connect(update)
    update()
    return label
