"""Schemas of the progress API."""

import uuid

from ninja import Schema


class ProgressRowOut(Schema):
    agency: str
    seats: int | None
    nominated: int
    approved: int
    assigned: int
    attended: int
    certified: int


class ProgressOut(Schema):
    program: str
    target: int | None
    item: uuid.UUID | None
    agencies: list[ProgressRowOut]
    totals: ProgressRowOut
