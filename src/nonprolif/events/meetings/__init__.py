"""Meetings of the program: who met, when, where, and what they talked about."""
