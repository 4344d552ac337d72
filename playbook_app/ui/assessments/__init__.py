"""Assessments: first run, New and Open dialogs, the form, district profile, rename, delete."""
