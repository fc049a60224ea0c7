"""The matrix API's schemas: programs, a program's matrix (its 84 rows with their entries),
an entry's update, evidence documents, action plan items, progress figures."""

import datetime
from typing import Literal

from ninja import Field, Schema

from nonprolif.preparedness.models import MatrixStatus, Weapon


class PreparednessMatrixProgramOut(Schema):
    code: str
    name: str
    lead_agency: str

    @staticmethod
    def resolve_lead_agency(obj) -> str:
        return obj.lead_agency.code


class PreparednessMatrixRowOut(Schema):
    code: str = Field(description='the row: "<measure>.<weapon>", e.g. "2.3.CW"')
    paragraph: int = Field(description="the operative paragraph, 1 to 3")
    measure: str
    weapon: Weapon
    section: str = Field(description="in the caller's language")
    text: str = Field(description="the obligation, in the caller's language")
    status: MatrixStatus = Field(description='X, ?, NA, or "" (not assessed)')
    legal_reference: str
    citation: str
    agency: str | None = Field(description="the responsible agency's code")
    evidence_count: int
    plan_item_count: int
    updated_at: datetime.datetime | None


class PreparednessMatrixOut(Schema):
    program: PreparednessMatrixProgramOut
    rows: list[PreparednessMatrixRowOut] = Field(description="every row of the matrix, in order")


class PreparednessMatrixEntryIn(Schema):
    status: Literal["X", "?", "NA", ""] = ""
    legal_reference: str = ""
    citation: str = ""
    agency: str | None = Field(None, description="a national agency of the program (its code)")


class PreparednessMatrixEvidenceOut(Schema):
    id: int
    row: str
    title: str
    file_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime

    @staticmethod
    def resolve_row(obj) -> str:
        return obj.entry.row.code


class PreparednessMatrixPlanItemIn(Schema):
    title_es: str = ""
    title_en: str = ""
    owner_agency: str = Field("", description="a national agency of the program (its code)")
    due_date: datetime.date | None = None
    description_es: str = ""
    description_en: str = ""


class PreparednessMatrixPlanItemOut(Schema):
    id: int = Field(description="the coordination action item's id")
    title_es: str
    title_en: str
    owner_agency: str
    due_date: datetime.date
    status: str
    overdue: bool

    @staticmethod
    def resolve_owner_agency(obj) -> str:
        return obj.owner_agency.code

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue


class PreparednessMatrixTallyOut(Schema):
    key: str = Field(description='paragraph number, agency code, "" (no agency) or "total"')
    label: str
    rows: int
    x: int
    unclear: int
    na: int
    blank: int
    share: float | None = Field(description="X / (rows - NA); null when no row applies")


class PreparednessMatrixProgressOut(Schema):
    paragraphs: list[PreparednessMatrixTallyOut]
    agencies: list[PreparednessMatrixTallyOut]
    total: PreparednessMatrixTallyOut
