"""Pure domain model: the playbook, assessments, scoring and the agenda; no I/O, no Qt."""
