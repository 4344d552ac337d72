"""The yearly cycle: next year's review, Since last time, and the history export."""
