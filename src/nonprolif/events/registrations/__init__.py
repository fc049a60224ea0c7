"""Conference registrations: seats per agency (quotas), registering officials, the
coordinator's decision, badges and check-in at the door."""
