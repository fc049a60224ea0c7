"""Who may act on materials."""
