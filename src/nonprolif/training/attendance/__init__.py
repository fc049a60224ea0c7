"""Attendance: one mark (present or absent) per participant and session day, completion."""
