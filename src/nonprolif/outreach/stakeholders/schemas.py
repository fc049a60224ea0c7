"""The stakeholder API's schemas: stakeholders (a list row, one with its facts, the input)
and their contacts."""

import datetime

from ninja import Field, Schema

from nonprolif.outreach.models import Sector, StakeholderKind


class OutreachStakeholderFilters(Schema):
    q: str = Field("", max_length=200, description="words of the name (accents, case folded)")
    sector: Sector | None = None
    kind: StakeholderKind | None = None
    state: str = Field("", max_length=100)
    agency: str = Field("", max_length=32, description="the responsible agency's code")
    program: str = Field("", max_length=64, description="the program's code")


class OutreachStakeholderOut(Schema):
    id: int
    label: str = Field(description="STK-<id>")
    name: str
    kind: StakeholderKind
    sector: Sector
    state: str
    city: str
    responsible_agency: str = Field(description="the responsible agency's code")
    program: str = Field(description="the program's code")

    @staticmethod
    def resolve_label(obj) -> str:
        return f"STK-{obj.pk}"

    @staticmethod
    def resolve_responsible_agency(obj) -> str:
        return obj.responsible_agency.code

    @staticmethod
    def resolve_program(obj) -> str:
        return obj.program.code


class OutreachStakeholderDetailOut(OutreachStakeholderOut):
    address: str
    materials: str
    cbrn_categories: list[str] = Field(description="the CBRN categories' codes")
    language: str
    notes: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_cbrn_categories(obj) -> list[str]:
        return [c.code for c in obj.cbrn_categories.order_by("code")]


class OutreachStakeholderIn(Schema):
    program: str = Field(max_length=64, description="the program's code")
    name: str = Field(max_length=300)
    kind: StakeholderKind
    sector: Sector
    state: str = Field("", max_length=100)
    city: str = Field("", max_length=100)
    address: str = Field("", max_length=2000)
    materials: str = Field("", max_length=5000)
    cbrn_categories: list[str] = Field(default_factory=list, max_length=20)
    responsible_agency: str = Field(
        "", max_length=32, description="an agency's code; a liaison's own agency when empty"
    )
    language: str = Field("es", pattern="^(es|en)$")
    notes: str = Field("", max_length=5000)


class OutreachStakeholderPatch(Schema):
    name: str | None = Field(None, max_length=300)
    kind: StakeholderKind | None = None
    sector: Sector | None = None
    state: str | None = Field(None, max_length=100)
    city: str | None = Field(None, max_length=100)
    address: str | None = Field(None, max_length=2000)
    materials: str | None = Field(None, max_length=5000)
    cbrn_categories: list[str] | None = Field(None, max_length=20)
    responsible_agency: str | None = Field(None, max_length=32)
    language: str | None = Field(None, pattern="^(es|en)$")
    notes: str | None = Field(None, max_length=5000)


class OutreachContactOut(Schema):
    id: int
    stakeholder: int
    name: str
    position: str
    email: str
    phone: str

    @staticmethod
    def resolve_stakeholder(obj) -> int:
        return obj.stakeholder_id


class OutreachContactIn(Schema):
    name: str = Field(max_length=200)
    position: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)
