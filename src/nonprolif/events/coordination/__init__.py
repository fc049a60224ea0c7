"""What meetings decide and who must do what by when: meeting decisions, action items (their
history and status), reminders of overdue items, and the program's engagement timeline."""
