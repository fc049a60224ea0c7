"""The writes of guest speakers: proposals and decisions, invitations, the speaker's answer
and reminders."""
