"""Packets: export one person's or the whole assessment's answers; import them with a preview."""
