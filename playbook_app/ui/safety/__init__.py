"""Keeping data safe: backups, restore, the start-up recovery dialog, the risky-folder warning."""
