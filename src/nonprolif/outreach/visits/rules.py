"""Who may act on visits."""
