"""The Rate screen: navigator, key-action page, stage picker, checklist, details and references."""
