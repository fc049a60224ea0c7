"""The writes of the conference: the event, its rooms and talks, the draft timetable and the
published schedule releases."""
