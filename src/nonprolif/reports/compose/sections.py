"""The five sections of the cable between the summary and the comment, each a paragraph
with its tables (and charts) written from plain facts."""

import datetime

from nonprolif.core.charts import bar_chart_svg
from nonprolif.reports import vocabulary as v
from nonprolif.reports.compose.cable import Chart, Paragraph, Table
from nonprolif.reports.facts import (
    ConferenceFacts,
    MatrixFacts,
    OverdueItem,
    ProposalFacts,
    SessionFacts,
    TrainingFacts,
)

Words = dict[str, str]
STAGES = ("nominated", "approved", "assigned", "attended", "certified")


def percent(part: int, whole: int | None, language: str) -> str:
    """``40%`` (en) or ``40 %`` (es, a no-break space); a dash when there is no whole."""
    if not whole:
        return "—"
    value = round(100 * part / whole)
    return f"{value}\u00a0%" if language == "es" else f"{value}%"


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def training_paragraph(training: TrainingFacts, language: str, words: Words) -> Paragraph:
    paragraph = Paragraph(number=0, key="training", heading=words["section_training"], text=[])
    target = training.target
    paragraph.text = [
        words["training_intro"].format(
            target=target if target is not None else words["training_no_target"]
        )
    ]
    if not any(training.totals.values()) and training.seats_total is None:
        paragraph.text.append(words["training_none"])
        paragraph.no_data = True
        return paragraph
    rows = training.rows
    paragraph.tables.append(
        Table(
            columns=[
                words["col_agency"],
                words["col_seats"],
                *(words[f"col_{stage}"] for stage in STAGES),
                words["col_percent"],
            ],
            rows=[
                [
                    row.agency,
                    _count(row.seats),
                    *(str(row.counts[stage]) for stage in STAGES),
                    percent(row.counts["certified"], row.seats, language),
                ]
                for row in rows
            ],
            numeric=[False] + [True] * 7,
            total=[
                words["total"],
                _count(training.seats_total),
                *(str(training.totals[stage]) for stage in STAGES),
                percent(training.totals["certified"], training.seats_total, language),
            ],
        )
    )
    svg = bar_chart_svg(
        [row.agency for row in rows],
        {
            words["series_seats"]: [row.seats or 0 for row in rows],
            words["col_approved"]: [row.counts["approved"] for row in rows],
            words["series_certified"]: [row.counts["certified"] for row in rows],
        },
        title=words["chart_training"],
    ).decode()
    paragraph.charts.append(Chart(name="training.svg", title=words["chart_training"], svg=svg))
    return paragraph


def proposal_paragraph(proposals: list[ProposalFacts], language: str, words: Words) -> Paragraph:
    paragraph = Paragraph(number=0, key="proposal", heading=words["section_proposal"], text=[])
    if not proposals:
        paragraph.text = [words["proposal_none"]]
        paragraph.no_data = True
        return paragraph
    states = v.STATES[language]
    for proposal in proposals:
        paragraph.text.append(
            words["proposal_line"].format(
                title=proposal.title,
                version=proposal.version,
                agency=proposal.agency,
                date=v.long_date(proposal.submitted_on, language),
                status=states[proposal.status],
                accepted=proposal.accepted,
                total=len(proposal.items),
                amended=proposal.amended,
                rejected=proposal.rejected,
                awaiting=proposal.awaiting,
            )
        )
        paragraph.tables.append(
            Table(
                columns=["#", words["col_item"], words["col_decision"], words["col_decided_on"]],
                rows=[
                    [
                        str(item.number),
                        item.title,
                        states[item.status],
                        "" if item.decided_on is None else v.short_date(item.decided_on, language),
                    ]
                    for item in proposal.items
                ],
                caption=f"{proposal.title} (v{proposal.version})",
                numeric=[True, False, False, False],
            )
        )
    return paragraph


def sessions_paragraph(
    sessions: SessionFacts, language: str, words: Words, as_of: datetime.date
) -> Paragraph:
    paragraph = Paragraph(number=0, key="sessions", heading=words["section_sessions"], text=[])
    upcoming = sessions.upcoming
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
                    f"{s.item_number}. {s.title} · {s.audience}",
                    s.venue if s.venue is not None else words["venue_none"],
                    f"{s.participants} / {s.capacity}",
                ]
                for s in upcoming
            ],
            numeric=[False, False, False, True],
        )
    )
    return paragraph


def _conference_tables(
    paragraph: Paragraph, conference: ConferenceFacts, words: Words, statuses: list[str]
) -> None:
    """The registrations of ``conference`` by agency: a table and a chart."""
    rows = sorted(conference.registrations, key=lambda row: row.agency)
    paragraph.tables.append(
        Table(
            columns=[
                words["col_agency"],
                words["col_submitted"],
                words["col_approved"],
                words["col_declined"],
                words["col_cancelled"],
            ],
            rows=[[row.agency, *(str(row.counts[s]) for s in statuses)] for row in rows],
            caption=conference.title,
            numeric=[False, True, True, True, True],
            total=[words["total"], *(str(sum(row.counts[s] for row in rows)) for s in statuses)],
        )
    )
    svg = bar_chart_svg(
        [row.agency for row in rows],
        {
            words["col_approved"]: [row.counts["approved"] for row in rows],
            words["col_submitted"]: [row.counts["submitted"] for row in rows],
        },
        title=words["chart_registrations"],
    ).decode()
    paragraph.charts.append(
        Chart(
            name=f"registrations-{conference.id}.svg",
            title=words["chart_registrations"],
            svg=svg,
        )
    )


def conference_paragraph(
    conferences: list[ConferenceFacts], language: str, words: Words
) -> Paragraph:
    paragraph = Paragraph(number=0, key="conference", heading=words["section_conference"], text=[])
    if not conferences:
        paragraph.text = [words["conference_none"]]
        paragraph.no_data = True
        return paragraph
    for conference in conferences:
        speakers = conference.speakers
        paragraph.text.append(
            words["conference_line"].format(
                title=conference.title,
                place=conference.city,
                dates=v.date_range(conference.start_date, conference.end_date, language),
                host=conference.host,
                proposed=speakers["proposed"],
                accepted=speakers["accepted"],
                confirmed=speakers["confirmed"],
                declined=speakers["declined"],
                registrations=conference.registrations_total,
                approved=conference.registrations_approved,
                release=words["conference_release"].format(version=conference.release)
                if conference.release
                else words["conference_no_release"],
            )
        )
        if conference.registrations:
            statuses = list(conference.registrations[0].counts)
            _conference_tables(paragraph, conference, words, statuses)
    return paragraph


def overdue_paragraph(
    items: list[OverdueItem], language: str, words: Words, as_of: datetime.date
) -> Paragraph:
    paragraph = Paragraph(number=0, key="overdue", heading=words["section_overdue"], text=[])
    if not items:
        paragraph.text = [words["overdue_none"].format(date=v.long_date(as_of, language))]
        return paragraph
    states = v.STATES[language]
    paragraph.text = [
        words["overdue_intro"].format(count=len(items), date=v.long_date(as_of, language))
    ]
    paragraph.tables.append(
        Table(
            columns=[
                words["col_action"],
                words["col_owner"],
                words["col_due"],
                words["col_days"],
                words["col_status"],
            ],
            rows=[
                [
                    item.title,
                    item.owner
                    if item.owner_official is None
                    else f"{item.owner} · {item.owner_official}",
                    v.short_date(item.due_date, language),
                    str(item.days),
                    states[item.status],
                ]
                for item in items
            ],
            numeric=[False, False, False, True, False],
        )
    )
    return paragraph


def matrix_paragraph(
    matrix: MatrixFacts, language: str, words: Words, as_of: datetime.date
) -> Paragraph:
    """The 1540 matrix: rows in place, unclear, not applicable and not assessed, per
    operative paragraph; the open and overdue items of the national action plan."""
    total = matrix.total
    paragraph = Paragraph(number=0, key="matrix", heading=words["section_matrix"], text=[])
    paragraph.text = [
        words["matrix_intro"].format(
            rows=total.rows,
            x=total.x,
            unclear=total.unclear,
            na=total.na,
            blank=total.blank,
            percent=percent(total.x, total.applicable, language),
        ),
        words["matrix_items"].format(
            open=matrix.open_items,
            overdue=matrix.overdue_items,
            date=v.long_date(as_of, language),
        ),
    ]
    paragraph.tables.append(
        Table(
            columns=[
                words["col_paragraph"],
                words["col_rows"],
                words["col_in_place"],
                words["col_unclear"],
                words["col_na"],
                words["col_not_assessed"],
                words["col_share"],
            ],
            rows=[
                [
                    t.key,
                    str(t.rows),
                    str(t.x),
                    str(t.unclear),
                    str(t.na),
                    str(t.blank),
                    percent(t.x, t.applicable, language),
                ]
                for t in matrix.paragraphs
            ],
            numeric=[False] + [True] * 6,
            total=[
                words["total"],
                str(total.rows),
                str(total.x),
                str(total.unclear),
                str(total.na),
                str(total.blank),
                percent(total.x, total.applicable, language),
            ],
        )
    )
    return paragraph
