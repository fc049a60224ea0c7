"""Who may act on tips."""
