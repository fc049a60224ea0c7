"""The cable as plain data: header, numbered paragraphs with their tables and charts,
signature, and the figures the text was written from. The renderers (``reports.render``)
turn a Cable into Markdown, HTML or PDF."""

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]
    caption: str = ""
    numeric: list[bool] = field(default_factory=list)
    total: list[str] | None = None


@dataclass
class Chart:
    name: str  # the file name beside a PDF, e.g. "training.svg"
    title: str
    svg: str


@dataclass
class Paragraph:
    number: int
    key: str  # summary, training, proposal, sessions, conference, overdue, matrix, comment
    heading: str
    text: list[str]  # sentences/lines of the paragraph, in order
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    no_data: bool = False

    @property
    def mark(self) -> str:
        return f"\u00b6{self.number}."


@dataclass
class Header:
    precedence: str
    dtg: str
    from_label: str
    sender: str
    to_label: str
    to: list[str]
    info_label: str
    info: list[str]
    classification: str  # spaced out
    reference: str
    caveats: list[str]
    declassification: str
    tags_label: str
    tags: str
    subject_label: str
    subject: str
    classified_by: str

    def routing_lines(self) -> list[str]:
        """Precedence and DTG, FM, TO, INFO (one addressee per line, aligned)."""
        lines = [f"{self.precedence} {self.dtg}", f"{self.from_label} {self.sender}"]
        for index, name in enumerate(self.to):
            lines.append(
                f"{self.to_label} {name}" if index == 0 else " " * (len(self.to_label) + 1) + name
            )
        for index, name in enumerate(self.info):
            indent = " " * (len(self.info_label) + 1)
            lines.append(f"{self.info_label} {name}" if index == 0 else indent + name)
        return lines

    def slug_lines(self) -> list[str]:
        """Classification and reference, caveats, declassification, tags, subject."""
        return [
            f"{self.classification}   {self.reference}",
            *self.caveats,
            "",
            self.declassification,
            f"{self.tags_label}: {self.tags}",
            f"{self.subject_label}: {self.subject}",
            "",
            self.classified_by,
        ]

    def lines(self) -> list[str]:
        return [*self.routing_lines(), "", *self.slug_lines()]

    def title(self) -> str:
        """The cable's title (a PDF's title metadata): its subject and reference."""
        return f"{self.subject} ({self.reference})"


@dataclass
class Cable:
    language: str
    program_code: str
    as_of: datetime.date
    generated_at: datetime.datetime
    marking: str
    portion: str
    header: Header
    paragraphs: list[Paragraph]
    signature: str
    figures: dict[str, Any]  # JSON-ready: the numbers the text was written from

    @property
    def charts(self) -> list[Chart]:
        return [chart for paragraph in self.paragraphs for chart in paragraph.charts]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings, charts without their SVG (served apart)."""
        data = dataclasses.asdict(self)
        data["as_of"] = self.as_of.isoformat()
        data["generated_at"] = self.generated_at.isoformat()
        data["header"]["lines"] = self.header.lines()
        for paragraph, source in zip(data["paragraphs"], self.paragraphs, strict=True):
            paragraph["mark"] = source.mark
            for chart in paragraph["charts"]:
                chart.pop("svg")
        return data
