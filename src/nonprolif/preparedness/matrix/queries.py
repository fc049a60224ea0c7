"""Reads of the 1540 matrix.

Every read of a program's entries starts from ``MatrixEntry.objects.visible_to`` (the rule
``matrix_scope``: coordinators and auditors every program's, the users of a national agency
of the program its own; partners nothing); ``get_..._for`` raise Http404 for a missing row
and an invisible one alike. The rows are data shared by every program (not scoped). A
program's matrix costs a fixed number of queries whatever its size: the rows, the entries
with their agencies and counts, in two queries.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor, Agency
from nonprolif.core.models.agency import AgencyKind
from nonprolif.core.scoping import scoped
from nonprolif.core.web.forms import as_id
from nonprolif.events.models import ActionItem
from nonprolif.preparedness.models import (
    MatrixEntry,
    MatrixEvidence,
    MatrixRow,
    MatrixStatus,
    Weapon,
)
from nonprolif.preparedness.models.matrix import matrix_scope
from nonprolif.program.models import Program

WEAPONS = tuple(Weapon.values)  # the columns of a line: NW, CW, BW
PARAGRAPHS = (1, 2, 3)
#: How a row's text names its weapon type, and how a line (the three columns) says it.
_WEAPON_WORDS = {
    "es": ("armas nucleares", "armas nucleares, químicas o biológicas"),
    "en": ("nuclear weapons", "nuclear, chemical or biological weapons"),
}


def national_agencies(program: Program) -> QuerySet[Agency]:
    """The program's national agencies (its lead and member agencies of kind national), by
    code."""
    members = Program.member_agencies.through.objects.filter(program_id=program.pk)
    return Agency.objects.filter(
        Q(pk=program.lead_agency_id) | Q(pk__in=members.values("agency_id")),
        kind=AgencyKind.NATIONAL,
    ).order_by("code")


def matrix_programs(user: Actor) -> QuerySet[Program]:
    """The programs whose matrix ``user`` may read, by code."""
    return scoped(Program.objects.all(), matrix_scope(user)).order_by("code")  # type: ignore[arg-type]


def get_matrix_program_for(user: Actor, code: Any) -> Program:
    """The program ``code`` if ``user`` may read its matrix; Http404 otherwise."""
    program = (
        matrix_programs(user).select_related("lead_agency").filter(code=str(code)[:32]).first()
    )
    if program is None:
        raise Http404(_("No such program."))
    return program


def get_row_for(code: Any) -> MatrixRow:
    """The matrix row ``code`` ("2.3.CW"); Http404 when there is none."""
    row = MatrixRow.objects.filter(code=str(code)[:32]).first()
    if row is None:
        raise Http404(_("No such row of the matrix."))
    return row


def measure_text(row: MatrixRow) -> str:
    """The obligation of a row's line (all three weapon types), in the active language."""
    language = "en" if (translation.get_language() or "es").startswith("en") else "es"
    own, every = _WEAPON_WORDS[language]
    text = row.text_en if language == "en" else row.text_es
    return text.replace(own, every) if own in text else text


def _entries(user: Actor, program: Program) -> QuerySet[MatrixEntry]:
    return (
        MatrixEntry.objects.visible_to(user)  # type: ignore[arg-type]
        .filter(program=program)
        .select_related("agency", "updated_by")
        .annotate(
            evidence_count=Count("evidence", distinct=True),
            plan_count=Count("action_items", distinct=True),
        )
    )


@dataclass
class Cell:
    row: MatrixRow
    entry: MatrixEntry | None

    @property
    def status(self) -> str:
        return self.entry.status if self.entry is not None else ""


@dataclass
class Line:
    measure: str
    text: str
    cells: list[Cell] = field(default_factory=list)  # NW, CW, BW

    @property
    def legal_references(self) -> list[str]:
        return [
            f"{c.row.weapon}: {c.entry.legal_reference}"
            for c in self.cells
            if c.entry is not None and c.entry.legal_reference
        ]

    @property
    def agencies(self) -> list[str]:
        codes: list[str] = []
        for cell in self.cells:
            if cell.entry is not None and cell.entry.agency is not None:
                code = cell.entry.agency.code
                if code not in codes:
                    codes.append(code)
        return codes


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class ParagraphBlock:
    paragraph: int
    sections: list[Section] = field(default_factory=list)

    @property
    def title(self) -> str:
        return _("Operative paragraph %(n)d") % {"n": self.paragraph}

    @property
    def lines(self) -> list[Line]:
        return [line for section in self.sections for line in section.lines]


def matrix_layout(user: Actor, program: Program) -> list[ParagraphBlock]:
    """The matrix of ``program`` as ``user`` reads it: per operative paragraph, its sections,
    one line per measure with the NW, CW and BW cells (each its row and entry, None when not
    yet written). Two queries."""
    entries = {entry.row_id: entry for entry in _entries(user, program)}
    blocks: dict[int, ParagraphBlock] = {}
    lines: dict[str, Line] = {}
    for row in MatrixRow.objects.order_by("position"):
        block = blocks.setdefault(row.paragraph, ParagraphBlock(paragraph=row.paragraph))
        if not block.sections or block.sections[-1].title != row.section:
            block.sections.append(Section(title=row.section))
        line = lines.get(row.measure)
        if line is None:
            line = lines[row.measure] = Line(measure=row.measure, text=measure_text(row))
            block.sections[-1].lines.append(line)
        line.cells.append(Cell(row=row, entry=entries.get(row.pk)))
    return [blocks[n] for n in sorted(blocks)]


def get_entry_for(user: Actor, program: Program, row: MatrixRow) -> MatrixEntry:
    """The entry of ``row`` in ``program`` (one ``user`` reads: the caller got the program
    through ``get_matrix_program_for``): the stored one, else a new blank one (unsaved)."""
    entry = (
        MatrixEntry.objects.visible_to(user)  # type: ignore[arg-type]
        .select_related("agency", "updated_by", "program", "row")
        .filter(program=program, row=row)
        .first()
    )
    if entry is None:
        if not matrix_programs(user).filter(pk=program.pk).exists():
            raise Http404(_("No such program."))
        entry = MatrixEntry(program=program, row=row)
    return entry


def evidence_for(user: Actor, entry: MatrixEntry) -> QuerySet[MatrixEvidence]:
    """The evidence of ``entry``, oldest first, if ``user`` reads it."""
    if entry.pk is None:
        return MatrixEvidence.objects.none()
    return (
        MatrixEvidence.objects.filter(
            entry__in=MatrixEntry.objects.visible_to(user).filter(pk=entry.pk)  # type: ignore[arg-type]
        )
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )


def get_evidence_for(user: Actor, pk: Any) -> MatrixEvidence:
    """The evidence document ``pk`` with its entry, if ``user`` reads the entry's program's
    matrix; Http404 otherwise."""
    number = as_id(pk)
    evidence = (
        MatrixEvidence.objects.filter(
            pk=number,
            entry__in=MatrixEntry.objects.visible_to(user),  # type: ignore[arg-type]
        )
        .select_related("entry__program", "entry__row", "entry__agency")
        .first()
        if number is not None
        else None
    )
    if evidence is None:
        raise Http404(_("No such evidence document."))
    return evidence


def plan_items_for(user: Actor, entry: MatrixEntry) -> QuerySet[ActionItem]:
    """The action plan items of ``entry`` that ``user`` reads (the action items' own access,
    and the entry's), by due date."""
    if entry.pk is None:
        return ActionItem.objects.none()
    return (
        ActionItem.objects.visible_to(user)  # type: ignore[arg-type]
        .filter(matrix_entries__in=MatrixEntry.objects.visible_to(user).filter(pk=entry.pk))  # type: ignore[arg-type]
        .select_related("owner_agency", "meeting__program")
        .order_by("due_date", "pk")
    )


def plan_items_of_program(user: Actor, program: Program) -> QuerySet[ActionItem]:
    """Every action plan item of ``program``'s matrix that ``user`` reads."""
    return ActionItem.objects.visible_to(user).filter(  # type: ignore[arg-type]
        pk__in=MatrixEntry.action_items.through.objects.filter(
            matrixentry__in=MatrixEntry.objects.visible_to(user).filter(program=program)  # type: ignore[arg-type]
        ).values("actionitem_id")
    )


@dataclass
class Tally:
    """The statuses of a group of rows: X, ?, NA and blank (not assessed)."""

    key: str
    label: str
    rows: int = 0
    x: int = 0
    unclear: int = 0
    na: int = 0

    @property
    def blank(self) -> int:
        return self.rows - self.x - self.unclear - self.na

    @property
    def share(self) -> float | None:
        """X / (rows - NA): the share of the applicable rows in place (None: none apply)."""
        applicable = self.rows - self.na
        return self.x / applicable if applicable else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)

    def add(self, status: str, n: int = 1) -> None:
        if status == MatrixStatus.YES:
            self.x += n
        elif status == MatrixStatus.UNCLEAR:
            self.unclear += n
        elif status == MatrixStatus.NOT_APPLICABLE:
            self.na += n


@dataclass
class Progress:
    paragraphs: list[Tally]  # operative paragraphs 1-3
    agencies: list[Tally]  # by agency code; "" last: the rows with no responsible agency
    total: Tally


def progress(user: Actor, program: Program) -> Progress:
    """How far ``program``'s matrix is, as ``user`` reads it: per operative paragraph and per
    responsible agency, the rows marked X, ?, NA and blank, and the share in place (X over
    the rows that apply). Three grouped queries."""
    paragraphs = {
        n: Tally(key=str(n), label=_("Operative paragraph %(n)d") % {"n": n}) for n in PARAGRAPHS
    }
    total = Tally(key="total", label=_("Total"))
    for paragraph, n in (
        MatrixRow.objects.order_by().values_list("paragraph").annotate(n=Count("pk"))
    ):
        paragraphs[paragraph].rows += n
        total.rows += n
    agencies: dict[str, Tally] = {}
    assigned = 0
    for row in (
        MatrixEntry.objects.visible_to(user)  # type: ignore[arg-type]
        .filter(program=program)
        .order_by()
        .values("row__paragraph", "status", "agency__code", "agency__acronym")
        .annotate(n=Count("pk"))
    ):
        paragraphs[row["row__paragraph"]].add(row["status"], row["n"])
        total.add(row["status"], row["n"])
        code = row["agency__code"]
        if code:
            tally = agencies.setdefault(
                code, Tally(key=code, label=(row["agency__acronym"] or code).upper())
            )
            tally.rows += row["n"]
            tally.add(row["status"], row["n"])
            assigned += row["n"]
    by_agency = [agencies[code] for code in sorted(agencies)]
    if total.rows - assigned:
        unassigned = Tally(key="", label=_("No responsible agency"), rows=total.rows - assigned)
        unassigned.x, unassigned.unclear, unassigned.na = _unassigned(total, by_agency)
        by_agency.append(unassigned)
    return Progress(paragraphs=[paragraphs[n] for n in PARAGRAPHS], agencies=by_agency, total=total)


def _unassigned(total: Tally, agencies: list[Tally]) -> tuple[int, int, int]:
    return (
        total.x - sum(t.x for t in agencies),
        total.unclear - sum(t.unclear for t in agencies),
        total.na - sum(t.na for t in agencies),
    )
