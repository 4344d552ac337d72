"""Shared building blocks for every room: controls, labels, text commit, icons, theme, messages."""
