"""Team mode: the rater bar, hand-over, Team review, the projector, consensus and participants."""
