"""Who may act on improvement."""
