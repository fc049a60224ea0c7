"""Schemas of the attendance API: a session's sheet and the marks written."""

import datetime

from ninja import Schema


class DayOut(Schema):
    day: datetime.date
    recordable: bool
    present_count: int


class CellOut(Schema):
    day: datetime.date
    present: bool | None


class AttendanceRowOut(Schema):
    official: int
    name: str
    agency: str
    marks: list[CellOut]
    present_days: int
    total_days: int
    complete: bool
    certificate: str | None


class AttendanceOut(Schema):
    session: int
    completion_percent: int
    days: list[DayOut]
    participants: list[AttendanceRowOut]


class MarkIn(Schema):
    official: int
    day: datetime.date
    present: bool


class AttendanceIn(Schema):
    marks: list[MarkIn]


class DayIn(Schema):
    day: datetime.date


class WrittenOut(Schema):
    written: int
