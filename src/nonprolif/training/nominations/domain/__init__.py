"""Writes of seats, nominations and the assignment."""
