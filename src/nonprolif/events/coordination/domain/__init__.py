"""The writes of coordination: meeting decisions, action items, reminders of overdue items."""
