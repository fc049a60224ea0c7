"""The summary (¶1) and the comment (the last paragraph): sentences written from the same
facts as the sections, so every number they quote is one the sections show."""

from nonprolif.reports import vocabulary as v
from nonprolif.reports.compose.sections import Words, percent
from nonprolif.reports.facts import CableFacts


def summary_sentences(facts: CableFacts, words: Words, language: str) -> list[str]:
    sentences = [words["summary_open"]]
    training = facts.training
    if any(training.totals.values()) or training.target:
        certified = training.totals["certified"]
        target = training.target
        if target:
            sentences.append(
                words["summary_training"].format(
                    certified=certified,
                    target=target,
                    percent=percent(certified, target, language),
                )
            )
        else:
            sentences.append(words["summary_training_no_target"].format(certified=certified))
    else:
        sentences.append(words["summary_training_none"])
    if facts.proposals:
        for proposal in facts.proposals:
            sentences.append(
                words["summary_proposal"].format(
                    title=proposal.title,
                    version=proposal.version,
                    status=v.STATES[language][proposal.status],
                    accepted=proposal.accepted,
                    total=len(proposal.items),
                    rejected=proposal.rejected,
                    awaiting=proposal.awaiting,
                )
            )
    else:
        sentences.append(words["summary_no_proposal"])
    sessions = facts.sessions
    if sessions.upcoming:
        sentences.append(
            words["summary_sessions"].format(
                count=sessions.scheduled_after,
                date=v.long_date(sessions.upcoming[0].start, language),
            )
        )
    else:
        sentences.append(
            words["summary_no_sessions"].format(date=v.long_date(facts.as_of, language))
        )
    if facts.conferences:
        for conference in facts.conferences:
            sentences.append(
                words["summary_conference"].format(
                    title=conference.title,
                    place=conference.city,
                    dates=v.date_range(conference.start_date, conference.end_date, language),
                    confirmed=conference.speakers["confirmed"],
                    registrations=conference.registrations_total,
                )
            )
    else:
        sentences.append(words["summary_no_conference"])
    overdue = len(facts.overdue)
    sentences.append(
        words["summary_overdue"].format(count=overdue) if overdue else words["summary_no_overdue"]
    )
    sentences.append(words["summary_close"])
    return sentences


def _training_comment(facts: CableFacts, words: Words) -> list[str]:
    with_seats = [row for row in facts.training.rows if row.seats]
    if not with_seats:
        return [words["comment_no_seats"]]
    short = [row.agency for row in with_seats if row.seats and row.counts["nominated"] < row.seats]
    sentences = [
        words["comment_short_nominations"].format(agencies=", ".join(short))
        if short
        else words["comment_nominations_full"]
    ]
    if facts.sessions.held_before:
        behind = [
            row.agency
            for row in with_seats
            if row.seats and 2 * row.counts["certified"] < row.seats
        ]
        sentences.append(
            words["comment_behind"].format(agencies=", ".join(behind))
            if behind
            else words["comment_on_track"]
        )
    return sentences


def comment_sentences(facts: CableFacts, words: Words) -> list[str]:
    sentences = [words["comment_open"], *_training_comment(facts, words)]
    if facts.proposals:
        awaiting = sum(p.awaiting for p in facts.proposals)
        sentences.append(
            words["comment_awaiting"].format(count=awaiting)
            if awaiting
            else words["comment_all_decided"]
        )
    for conference in facts.conferences:
        unanswered = conference.speakers["awaiting_answer"]
        if unanswered:
            sentences.append(words["comment_pending_speakers"].format(count=unanswered))
        submitted = sum(row.counts["submitted"] for row in conference.registrations)
        if submitted:
            sentences.append(words["comment_pending_registrations"].format(count=submitted))
    if facts.overdue:
        oldest = max(facts.overdue, key=lambda item: item.days)
        sentences.append(
            words["comment_overdue"].format(
                count=len(facts.overdue), title=oldest.title, owner=oldest.owner, days=oldest.days
            )
        )
    else:
        sentences.append(words["comment_no_overdue"])
    sentences.append(words["comment_close"])
    return sentences
