"""The progress dashboard: nominated → approved → assigned → attended → certified, per
agency, against the targets."""
