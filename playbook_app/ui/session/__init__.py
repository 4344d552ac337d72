"""The one seam to storage: the open session, its write queue, undo commands, whole-folder work."""
