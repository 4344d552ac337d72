"""The Summary and Agenda screens, agenda cards and their edits, export (PDF, Word, CSV), print."""
