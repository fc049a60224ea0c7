"""Who may act on aar."""
