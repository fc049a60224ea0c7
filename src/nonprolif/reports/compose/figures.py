"""The figures of a cable: the numbers its text was written from, JSON-ready (the API
serves them with the cable; tests recompute each from the database)."""

from typing import Any

from nonprolif.reports.facts import CableFacts


def cable_figures(facts: CableFacts) -> dict[str, Any]:
    training = facts.training
    sessions = facts.sessions
    return {
        "as_of": facts.as_of.isoformat(),
        "training": {
            "agencies": {
                row.code: {**row.counts, "seats": row.seats, "agency": row.agency}
                for row in training.rows
            },
            "totals": dict(training.totals),
            "target": training.target,
            "seats_total": training.seats_total,
        },
        "proposals": [
            {
                "id": proposal.id,
                "version": proposal.version,
                "status": proposal.status,
                "items": {item.number: item.status for item in proposal.items},
                "accepted": proposal.accepted,
                "amended": proposal.amended,
                "rejected": proposal.rejected,
                "awaiting": proposal.awaiting,
                "total": len(proposal.items),
            }
            for proposal in facts.proposals
        ],
        "sessions": {
            "held_before": sessions.held_before,
            "scheduled_after": sessions.scheduled_after,
            "upcoming": [session.id for session in sessions.upcoming],
            "next_start": sessions.upcoming[0].start.isoformat() if sessions.upcoming else None,
        },
        "conferences": [
            {
                "id": conference.id,
                "speakers": dict(conference.speakers),
                "registrations": {row.code: dict(row.counts) for row in conference.registrations},
                "registrations_total": conference.registrations_total,
                "registrations_approved": conference.registrations_approved,
                "release": conference.release,
            }
            for conference in facts.conferences
        ],
        "overdue": [
            {"id": item.id, "days": item.days, "owner": item.owner_code} for item in facts.overdue
        ],
        "matrix": None
        if facts.matrix is None
        else {
            "paragraphs": {
                t.key: {
                    "rows": t.rows,
                    "x": t.x,
                    "unclear": t.unclear,
                    "na": t.na,
                    "blank": t.blank,
                }
                for t in facts.matrix.paragraphs
            },
            "total": {
                "rows": facts.matrix.total.rows,
                "x": facts.matrix.total.x,
                "unclear": facts.matrix.total.unclear,
                "na": facts.matrix.total.na,
                "blank": facts.matrix.total.blank,
            },
            "open_items": facts.matrix.open_items,
            "overdue_items": facts.matrix.overdue_items,
        },
    }
