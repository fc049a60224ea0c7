"""Conference pages."""
