"""PySide6 views, models and dialogs; the only package besides app.py that imports Qt."""
