"""Who may act on plan."""
