"""Who may act on conduct."""
