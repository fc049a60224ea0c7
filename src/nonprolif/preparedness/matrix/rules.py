"""Who may act on matrix."""
