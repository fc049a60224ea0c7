"""The program status report, laid out as a reporting cable.

``build_cable`` reads the program's data through the selectors (``visible_to`` of every
model; only users who see the whole program — coordinators and auditors — may generate a
report, see ``events.view_program_report``) and returns a :class:`Cable`: the header, the
numbered paragraphs with their tables and charts, the signature, and ``figures``, the
numbers the text was written from (tests recompute each from the database). Nothing in it
is typed by hand. ``issue_cable`` is the service that numbers a cable and records who
generated it. The renderers (``reports.render``) turn a Cable into Markdown, HTML or PDF.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nonprolif.core.charts import bar_chart_svg
from nonprolif.core.domain.audit import record
from nonprolif.core.models import Agency, AuditEntry
from nonprolif.events.coordination.queries import overdue_action_items
from nonprolif.events.models import Conference, Registration, ScheduleRelease, Speaker
from nonprolif.events.models.coordination import program_today
from nonprolif.events.models.registrations import RegistrationStatus
from nonprolif.program.models import ItemStatus
from nonprolif.program.queries import current_proposals_for, program_proposals
from nonprolif.reports import vocabulary as v
from nonprolif.training.models import Session
from nonprolif.training.progress.queries import program_progress

REPORT_ACTION = "program.report"
UPCOMING_SESSIONS = 5
DECLASSIFY_AFTER_YEARS = 20
TAG_CODES = ("PREL", "PARM", "KNNP")


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
    key: str  # summary, training, proposal, sessions, conference, overdue, comment
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
    figures: dict

    @property
    def charts(self) -> list[Chart]:
        return [chart for paragraph in self.paragraphs for chart in paragraph.charts]

    def as_dict(self) -> dict:
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


# Helpers ----------------------------------------------------------------------------------------


def _short(agency: Agency) -> str:
    return (agency.acronym or agency.code).upper()


def _percent(part: int, whole: int | None, language: str) -> str:
    if not whole:
        return "—"
    value = round(100 * part / whole)
    return f"{value}\u00a0%" if language == "es" else f"{value}%"


def _top(agency: Agency) -> Agency:
    while agency.parent_id is not None:
        agency = agency.parent
    return agency


def next_reference(program, moment: datetime.datetime) -> str:
    """The next reference number of the program's reports: CODE-YEAR-SEQUENCE, the sequence
    counting the reports issued for the program that year (from the audit trail)."""
    issued = AuditEntry.objects.filter(
        action=REPORT_ACTION,
        object_type=program._meta.label_lower,
        object_id=str(program.pk),
        at__year=moment.year,
    ).count()
    return f"{program.code.upper()}-{moment.year}-{issued + 1:04d}"


def _official_of(user):
    try:
        return user.official
    except Exception:
        return None


def _author(user) -> tuple[str, str, str]:
    """(name, title, surname) of who generates the cable."""
    official = _official_of(user)
    if official is not None:
        name = official.full_name
        title = official.position or _("National coordinator")
        surname = official.family_names
    else:
        name = user.get_full_name() or user.username
        title = _("National coordinator") if user.has_role("coordinator") else _("Auditor")
        surname = user.last_name or user.username
    return name, title, surname


# Sections ---------------------------------------------------------------------------------------


def _training(user, program, language: str, words: dict, figures: dict) -> Paragraph:
    paragraph = Paragraph(number=0, key="training", heading=words["section_training"], text=[])
    progress = program_progress(user, program)
    rows = {
        row.agency.code: {**row.counts, "seats": row.seats, "agency": _short(row.agency)}
        for row in progress.rows
    }
    totals = progress.totals
    figures["training"] = {
        "agencies": rows,
        "totals": totals,
        "target": progress.target,
        "seats_total": progress.seats_total,
    }
    target = progress.target
    paragraph.text = [
        words["training_intro"].format(
            target=target if target is not None else words["training_no_target"]
        )
    ]
    if not any(totals.values()) and progress.seats_total is None:
        paragraph.text.append(words["training_none"])
        paragraph.no_data = True
        return paragraph
    stages = ["nominated", "approved", "assigned", "attended", "certified"]
    table = Table(
        columns=[
            words["col_agency"],
            words["col_seats"],
            *(words[f"col_{stage}"] for stage in stages),
            words["col_percent"],
        ],
        rows=[
            [
                row["agency"],
                "—" if row["seats"] is None else str(row["seats"]),
                *(str(row[stage]) for stage in stages),
                _percent(row["certified"], row["seats"], language),
            ]
            for row in rows.values()
        ],
        numeric=[False] + [True] * 7,
        total=[
            words["total"],
            "—" if progress.seats_total is None else str(progress.seats_total),
            *(str(totals[stage]) for stage in stages),
            _percent(totals["certified"], progress.seats_total, language),
        ],
    )
    paragraph.tables.append(table)
    labels = [row["agency"] for row in rows.values()]
    svg = bar_chart_svg(
        labels,
        {
            words["series_seats"]: [row["seats"] or 0 for row in rows.values()],
            words["col_approved"]: [row["approved"] for row in rows.values()],
            words["series_certified"]: [row["certified"] for row in rows.values()],
        },
        title=words["chart_training"],
    ).decode()
    paragraph.charts.append(Chart(name="training.svg", title=words["chart_training"], svg=svg))
    return paragraph


def _proposal(user, program, language: str, words: dict, figures: dict) -> Paragraph:
    paragraph = Paragraph(number=0, key="proposal", heading=words["section_proposal"], text=[])
    states = v.STATES[language]
    current = {p.pk for p in current_proposals_for(user, program)}
    proposals = [p for p in program_proposals(user, program) if p.pk in current]
    figures["proposals"] = []
    if not proposals:
        paragraph.text = [words["proposal_none"]]
        paragraph.no_data = True
        return paragraph
    zone = program.time_zone
    for proposal in sorted(proposals, key=lambda p: (p.submitted_by.code, p.pk)):
        items = sorted(proposal.visible_items, key=lambda item: item.number)
        counts = dict.fromkeys(ItemStatus.values, 0)
        for item in items:
            counts[item.status] += 1
        accepted = counts[ItemStatus.ACCEPTED] + counts[ItemStatus.AMENDED]
        figures["proposals"].append(
            {
                "id": proposal.pk,
                "version": proposal.version,
                "status": str(proposal.status),
                "items": {item.number: str(item.status) for item in items},
                "accepted": accepted,
                "amended": counts[ItemStatus.AMENDED],
                "rejected": counts[ItemStatus.REJECTED],
                "awaiting": counts[ItemStatus.AWAITING],
                "total": len(items),
            }
        )
        paragraph.text.append(
            words["proposal_line"].format(
                title=proposal.title,
                version=proposal.version,
                agency=_short(proposal.submitted_by),
                date=v.long_date(proposal.submitted_on, language),
                status=states[str(proposal.status)],
                accepted=accepted,
                total=len(items),
                amended=counts[ItemStatus.AMENDED],
                rejected=counts[ItemStatus.REJECTED],
                awaiting=counts[ItemStatus.AWAITING],
            )
        )
        rows = []
        for item in items:
            decision = item.current_decision
            decided = ""
            if decision is not None:
                decided = v.short_date(program_today(zone, decision.at), language)
            rows.append([str(item.number), item.title, states[str(item.status)], decided])
        paragraph.tables.append(
            Table(
                columns=[
                    "#",
                    words["col_item"],
                    words["col_decision"],
                    words["col_decided_on"],
                ],
                rows=rows,
                caption=f"{proposal.title} (v{proposal.version})",
                numeric=[True, False, False, False],
            )
        )
    return paragraph


def _sessions(user, program, language: str, words: dict, figures: dict, as_of) -> Paragraph:
    paragraph = Paragraph(number=0, key="sessions", heading=words["section_sessions"], text=[])
    upcoming = list(
        Session.objects.visible_to(user)
        .filter(program=program, start__gte=as_of)
        .select_related("venue", "audience_agency")
        .annotate(participant_count=Count("participants", distinct=True))
        .order_by("start", "item_number", "cohort", "pk")[:UPCOMING_SESSIONS]
    )
    scheduled = Session.objects.visible_to(user).filter(program=program, start__gte=as_of).count()
    figures["sessions"] = {
        "held_before": Session.objects.visible_to(user)
        .filter(program=program, end__lt=as_of)
        .count(),
        "scheduled_after": scheduled,
        "upcoming": [session.pk for session in upcoming],
        "next_start": upcoming[0].start.isoformat() if upcoming else None,
    }
    if not upcoming:
        paragraph.text = [words["sessions_none"].format(date=v.long_date(as_of, language))]
        paragraph.no_data = True
        return paragraph
    paragraph.text = [
        words["sessions_intro"].format(count=len(upcoming), date=v.long_date(as_of, language))
    ]
    paragraph.tables.append(
        Table(
            columns=[
                words["col_dates"],
                words["col_session"],
                words["col_venue"],
                words["col_participants"],
            ],
            rows=[
                [
                    f"{v.short_date(s.start, language)} \u2013 {v.short_date(s.end, language)}",
                    f"{s.item_number}. {s.title} · {s.audience_label}",
                    s.venue.name if s.venue_id else words["venue_none"],
                    f"{s.participant_count} / {s.capacity}",
                ]
                for s in upcoming
            ],
            numeric=[False, False, False, True],
        )
    )
    return paragraph


def _conference(user, program, language: str, words: dict, figures: dict) -> Paragraph:
    paragraph = Paragraph(number=0, key="conference", heading=words["section_conference"], text=[])
    conferences = list(
        Conference.objects.visible_to(user)
        .filter(program=program)
        .select_related("host_agency")
        .order_by("start_date", "pk")
    )
    figures["conferences"] = []
    if not conferences:
        paragraph.text = [words["conference_none"]]
        paragraph.no_data = True
        return paragraph
    ids = [c.pk for c in conferences]
    speaker_rows = (
        Speaker.objects.visible_to(user)
        .filter(conference__in=ids)
        .order_by()
        .values_list("conference", "status", "response")
    )
    registrations = (
        Registration.objects.visible_to(user)
        .filter(conference__in=ids)
        .order_by()
        .values("conference", "agency__code", "agency__acronym", "status")
        .annotate(n=Count("pk"))
    )
    releases = {}
    for release in (
        ScheduleRelease.objects.visible_to(user)
        .filter(conference__in=ids)
        .order_by("conference", "version")
        .values_list("conference", "version")
    ):
        releases[release[0]] = release[1]
    statuses = [s for s, _label in RegistrationStatus.choices]
    for conference in conferences:
        speakers = {
            "proposed": 0,
            "accepted": 0,
            "confirmed": 0,
            "declined": 0,
            "awaiting_answer": 0,
        }
        for conf_id, status, response in speaker_rows:
            if conf_id != conference.pk:
                continue
            if status == "proposed":
                speakers["proposed"] += 1
            elif status == "accepted":
                speakers["accepted"] += 1
                if response == "accepted":
                    speakers["confirmed"] += 1
                elif response == "declined":
                    speakers["declined"] += 1
                else:
                    speakers["awaiting_answer"] += 1
            elif status == "declined":
                speakers["declined"] += 1
        by_agency: dict[str, dict] = {}
        for row in registrations:
            if row["conference"] != conference.pk:
                continue
            entry = by_agency.setdefault(
                row["agency__code"],
                {
                    "agency": (row["agency__acronym"] or row["agency__code"]).upper(),
                    **dict.fromkeys(statuses, 0),
                },
            )
            entry[row["status"]] += row["n"]
        total = sum(sum(e[s] for s in statuses) for e in by_agency.values())
        approved = sum(e["approved"] for e in by_agency.values())
        release = releases.get(conference.pk)
        figures["conferences"].append(
            {
                "id": conference.pk,
                "speakers": speakers,
                "registrations": {
                    code: {s: e[s] for s in statuses} for code, e in sorted(by_agency.items())
                },
                "registrations_total": total,
                "registrations_approved": approved,
                "release": release,
            }
        )
        paragraph.text.append(
            words["conference_line"].format(
                title=conference.title,
                place=conference.city,
                dates=v.date_range(conference.start_date, conference.end_date, language),
                host=_short(conference.host_agency),
                proposed=speakers["proposed"],
                accepted=speakers["accepted"],
                confirmed=speakers["confirmed"],
                declined=speakers["declined"],
                registrations=total,
                approved=approved,
                release=words["conference_release"].format(version=release)
                if release
                else words["conference_no_release"],
            )
        )
        if by_agency:
            rows = sorted(by_agency.values(), key=lambda e: e["agency"])
            paragraph.tables.append(
                Table(
                    columns=[
                        words["col_agency"],
                        words["col_submitted"],
                        words["col_approved"],
                        words["col_declined"],
                        words["col_cancelled"],
                    ],
                    rows=[[e["agency"], *(str(e[s]) for s in statuses)] for e in rows],
                    caption=conference.title,
                    numeric=[False, True, True, True, True],
                    total=[
                        words["total"],
                        *(str(sum(e[s] for e in rows)) for s in statuses),
                    ],
                )
            )
            svg = bar_chart_svg(
                [e["agency"] for e in rows],
                {
                    words["col_approved"]: [e["approved"] for e in rows],
                    words["col_submitted"]: [e["submitted"] for e in rows],
                },
                title=words["chart_registrations"],
            ).decode()
            paragraph.charts.append(
                Chart(
                    name=f"registrations-{conference.pk}.svg",
                    title=words["chart_registrations"],
                    svg=svg,
                )
            )
    return paragraph


def _overdue(user, program, language: str, words: dict, figures: dict, as_of) -> Paragraph:
    paragraph = Paragraph(number=0, key="overdue", heading=words["section_overdue"], text=[])
    items = overdue_action_items(user, program, on=as_of)
    states = v.STATES[language]
    figures["overdue"] = [
        {"id": item.pk, "days": item.days_overdue, "owner": item.owner_agency.code}
        for item in items
    ]
    if not items:
        paragraph.text = [words["overdue_none"].format(date=v.long_date(as_of, language))]
        return paragraph
    paragraph.text = [
        words["overdue_intro"].format(count=len(items), date=v.long_date(as_of, language))
    ]
    rows = []
    for item in items:
        owner = _short(item.owner_agency)
        if item.visible_owner is not None:
            owner += f" · {item.visible_owner.full_name}"
        rows.append(
            [
                item.title,
                owner,
                v.short_date(item.due_date, language),
                str(item.days_overdue),
                states[item.status],
            ]
        )
    paragraph.tables.append(
        Table(
            columns=[
                words["col_action"],
                words["col_owner"],
                words["col_due"],
                words["col_days"],
                words["col_status"],
            ],
            rows=rows,
            numeric=[False, False, False, True, False],
        )
    )
    return paragraph


def _summary(figures: dict, words: dict, language: str, cable_data: dict) -> list[str]:
    sentences = [words["summary_open"]]
    training = figures.get("training")
    if training and (any(training["totals"].values()) or training["target"]):
        certified = training["totals"]["certified"]
        target = training["target"]
        if target:
            sentences.append(
                words["summary_training"].format(
                    certified=certified,
                    target=target,
                    percent=_percent(certified, target, language),
                )
            )
        else:
            sentences.append(words["summary_training_no_target"].format(certified=certified))
    else:
        sentences.append(words["summary_training_none"])
    proposals = figures["proposals"]
    if proposals:
        for proposal, title in zip(proposals, cable_data["proposal_titles"], strict=True):
            sentences.append(
                words["summary_proposal"].format(
                    title=title,
                    version=proposal["version"],
                    status=v.STATES[language][proposal["status"]],
                    accepted=proposal["accepted"],
                    total=proposal["total"],
                    rejected=proposal["rejected"],
                    awaiting=proposal["awaiting"],
                )
            )
    else:
        sentences.append(words["summary_no_proposal"])
    sessions = figures["sessions"]
    if sessions["next_start"]:
        sentences.append(
            words["summary_sessions"].format(
                count=sessions["scheduled_after"],
                date=v.long_date(datetime.date.fromisoformat(sessions["next_start"]), language),
            )
        )
    else:
        sentences.append(
            words["summary_no_sessions"].format(date=v.long_date(cable_data["as_of"], language))
        )
    if figures["conferences"]:
        for conference, texts in zip(
            figures["conferences"], cable_data["conferences"], strict=True
        ):
            sentences.append(
                words["summary_conference"].format(
                    **texts,
                    confirmed=conference["speakers"]["confirmed"],
                    registrations=conference["registrations_total"],
                )
            )
    else:
        sentences.append(words["summary_no_conference"])
    overdue = len(figures["overdue"])
    sentences.append(
        words["summary_overdue"].format(count=overdue) if overdue else words["summary_no_overdue"]
    )
    sentences.append(words["summary_close"])
    return sentences


def _comment(figures: dict, words: dict, cable_data: dict) -> list[str]:
    sentences = [words["comment_open"]]
    training = figures.get("training")
    if training is not None:
        rows = training["agencies"].values()
        with_seats = [row for row in rows if row["seats"]]
        if not with_seats:
            sentences.append(words["comment_no_seats"])
        else:
            short = [row["agency"] for row in with_seats if row["nominated"] < row["seats"]]
            sentences.append(
                words["comment_short_nominations"].format(agencies=", ".join(short))
                if short
                else words["comment_nominations_full"]
            )
            if figures["sessions"]["held_before"]:
                behind = [
                    row["agency"] for row in with_seats if 2 * row["certified"] < row["seats"]
                ]
                sentences.append(
                    words["comment_behind"].format(agencies=", ".join(behind))
                    if behind
                    else words["comment_on_track"]
                )
    awaiting = sum(p["awaiting"] for p in figures["proposals"])
    if figures["proposals"]:
        sentences.append(
            words["comment_awaiting"].format(count=awaiting)
            if awaiting
            else words["comment_all_decided"]
        )
    for conference in figures["conferences"]:
        unanswered = conference["speakers"]["awaiting_answer"]
        if unanswered:
            sentences.append(words["comment_pending_speakers"].format(count=unanswered))
        submitted = sum(agency["submitted"] for agency in conference["registrations"].values())
        if submitted:
            sentences.append(words["comment_pending_registrations"].format(count=submitted))
    overdue = figures["overdue"]
    if overdue:
        oldest = cable_data["oldest_overdue"]
        sentences.append(
            words["comment_overdue"].format(
                count=len(overdue),
                title=oldest["title"],
                owner=oldest["owner"],
                days=oldest["days"],
            )
        )
    else:
        sentences.append(words["comment_no_overdue"])
    sentences.append(words["comment_close"])
    return sentences


# The cable --------------------------------------------------------------------------------------


def build_cable(
    user,
    program,
    *,
    language: str,
    as_of: datetime.date | None = None,
    marking: str = v.DEFAULT_MARKING,
    reference: str = "",
    now: datetime.datetime | None = None,
) -> Cable:
    """The status report of ``program`` in ``language`` ("es" or "en") as of ``as_of`` (a
    date in the program's time zone, default today there), marked ``marking``
    (unclassified, sbu, confidential). Reads only; ``reference`` is the number
    ``issue_cable`` gives it. ValidationError naming the field on a bad language or marking.
    """
    if language not in v.LANGUAGES:
        raise ValidationError({"lang": _("Choose es or en.")})
    if marking not in v.MARKINGS:
        raise ValidationError(
            {"marking": _("Choose one of: %(values)s.") % {"values": ", ".join(v.MARKINGS)}}
        )
    now = now or timezone.now()
    as_of = as_of or program_today(program.time_zone, now)
    words = v.WORDS[language]
    with translation.override("en" if language == "en" else "es-mx"):
        figures: dict = {"as_of": as_of.isoformat()}
        training = _training(user, program, language, words, figures)
        proposal = _proposal(user, program, language, words, figures)
        sessions = _sessions(user, program, language, words, figures, as_of)
        conference = _conference(user, program, language, words, figures)
        overdue = _overdue(user, program, language, words, figures, as_of)
        cable_data = _texts_for_summary(user, program, language, figures, as_of)
        summary = Paragraph(number=1, key="summary", heading="", text=[])
        summary.text = _summary(figures, words, language, cable_data)
        comment = Paragraph(
            number=0, key="comment", heading="", text=_comment(figures, words, cable_data)
        )
        paragraphs = [summary, training, proposal, sessions, conference, overdue, comment]
        for number, paragraph in enumerate(paragraphs, start=1):
            paragraph.number = number
        header = _header(user, program, language, words, marking, reference, now, as_of)
        _name, _title, surname = _author(user)
        signature = (getattr(settings, "REPORT_SIGNATURE", "") or surname).upper()
    _label, portion, _caveats = v.MARKINGS[marking][language]
    return Cable(
        language=language,
        program_code=program.code,
        as_of=as_of,
        generated_at=now,
        marking=marking,
        portion=f"({portion})",
        header=header,
        paragraphs=paragraphs,
        signature=signature,
        figures=figures,
    )


def _texts_for_summary(user, program, language, figures, as_of) -> dict:
    """Titles and places the summary and comment quote (in the cable's language)."""
    words_data: dict = {"as_of": as_of}
    current = {p.pk: p for p in current_proposals_for(user, program)}
    words_data["proposal_titles"] = [current[p["id"]].title for p in figures["proposals"]]
    conferences = {
        c.pk: c
        for c in Conference.objects.visible_to(user).filter(
            pk__in=[c["id"] for c in figures["conferences"]]
        )
    }
    words_data["conferences"] = [
        {
            "title": conferences[c["id"]].title,
            "place": conferences[c["id"]].city,
            "dates": v.date_range(
                conferences[c["id"]].start_date, conferences[c["id"]].end_date, language
            ),
        }
        for c in figures["conferences"]
    ]
    if figures["overdue"]:
        oldest = max(figures["overdue"], key=lambda item: item["days"])
        items = {item.pk: item for item in overdue_action_items(user, program, on=as_of)}
        item = items[oldest["id"]]
        words_data["oldest_overdue"] = {
            "title": item.title,
            "owner": _short(item.owner_agency),
            "days": oldest["days"],
        }
    return words_data


def _header(user, program, language, words, marking, reference, now, as_of) -> Header:
    utc = now.astimezone(datetime.UTC)
    label, _portion, caveats = v.MARKINGS[marking][language]
    partners = list(program.partner_agencies.select_related("parent__parent").order_by("code"))
    to: list[Agency] = []
    for partner in partners:
        top = _top(partner)
        if top not in to:
            to.append(top)
    members = list(program.member_agencies.order_by("code"))
    info = [a for a in members if a.pk != program.lead_agency_id]
    info += [a for a in partners if a not in to]
    name, title, _surname = _author(user)
    decl = utc.date().replace(year=utc.year + DECLASSIFY_AFTER_YEARS)
    decl_text = decl.strftime("%m/%d/%Y") if language == "en" else decl.strftime("%d/%m/%Y")
    program_name = program.name_en if language == "en" else program.name_es
    return Header(
        precedence=words["precedence_routine"],
        dtg=v.dtg(utc, language),
        from_label=words["from"],
        sender=_short(program.lead_agency),
        to_label=words["to"],
        to=[_short(a) for a in to],
        info_label=words["info"],
        info=[_short(a) for a in info],
        classification=v.spaced(label),
        reference=reference or f"{program.code.upper()}-{utc.year}-DRAFT",
        caveats=list(caveats),
        declassification=words["decl"].format(date=decl_text),
        tags_label=words["tags"],
        tags=", ".join([*TAG_CODES, program.country.upper()]),
        subject_label=words["subject"],
        subject=words["subject_text"]
        .format(program=program_name, date=v.long_date(as_of, language))
        .upper(),
        classified_by=words["classified_by"].format(name=name, title=title),
    )


def issue_cable(
    *,
    actor,
    program,
    language: str,
    as_of: datetime.date | None = None,
    marking: str = v.DEFAULT_MARKING,
    now: datetime.datetime | None = None,
) -> Cable:
    """Generate the program's status report and give it the next reference number.

    Side effects: one audit entry ("program.report") naming the reference, language, date
    and marking (the sequence of reference numbers comes from these entries).
    PermissionDenied unless the actor may generate reports (coordinators, auditors);
    ValidationError naming the field on a bad language or marking.
    """
    if not actor.has_perm("events.view_program_report", program):
        raise PermissionDenied(_("You are not allowed to do this."))
    now = now or timezone.now()
    with transaction.atomic():
        reference = next_reference(program, now)
        cable = build_cable(
            actor,
            program,
            language=language,
            as_of=as_of,
            marking=marking,
            reference=reference,
            now=now,
        )
        record(
            actor=actor,
            action=REPORT_ACTION,
            obj=program,
            changes={
                "reference": [None, reference],
                "language": [None, language],
                "as_of": [None, cable.as_of.isoformat()],
                "marking": [None, marking],
            },
        )
    return cable
