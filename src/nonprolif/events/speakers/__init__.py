"""Guest speakers: proposals, the coordinator's decision, invitations through a secret link,
the speaker's answer and reminders."""
