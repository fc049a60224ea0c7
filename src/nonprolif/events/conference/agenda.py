"""A published (or draft) agenda laid out for the pages: the snapshot's talks per day, each
day a grid of rooms by time, with texts in the active language. Plain data in, plain data
out: no query."""

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from nonprolif.core.i18n import content_language
from nonprolif.events.models import TalkKind


def _pick(entry: dict[str, Any], name: str) -> str:
    first, second = ("en", "es") if content_language() == "en" else ("es", "en")
    return entry.get(f"{name}_{first}") or entry.get(f"{name}_{second}") or ""


@dataclass
class AgendaSpeaker:
    id: int
    name: str
    organisation: str
    topic: str
    bio: str
    languages: list[str]
    fictional: bool
    confirmed: bool = True


@dataclass
class AgendaTalk:
    id: int
    uid: str
    title: str
    abstract: str
    kind: str
    language: str
    duration_minutes: int
    room_id: int
    room: str
    start: datetime.datetime
    end: datetime.datetime
    speakers: list[AgendaSpeaker]
    rowspan: int = 1

    @property
    def kind_label(self) -> str:
        return str(TalkKind(self.kind).label) if self.kind in TalkKind.values else self.kind


@dataclass
class AgendaRow:
    time: datetime.time
    # Per room: the AgendaTalk starting here, "empty", or None (covered by a longer talk).
    cells: list[AgendaTalk | str | None]
    rooms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def slots(self) -> list[tuple[dict[str, Any], AgendaTalk | str | None]]:
        """(room, cell) pairs, for the draft's drop targets."""
        return list(zip(self.rooms, self.cells, strict=False))


@dataclass
class AgendaDay:
    date: datetime.date
    talks: list[AgendaTalk]
    rows: list[AgendaRow] = field(default_factory=list)
    # The empty rows after the day's last talk up to the conference's closing hour: the
    # pages leave them out (the draft timetable offers them as drop targets on demand).
    trailing_rows: list[AgendaRow] = field(default_factory=list)
    step_minutes: int = 30


@dataclass
class Agenda:
    """A snapshot laid out for a page: speakers, rooms and one grid per conference day."""

    conference: dict[str, Any]
    rooms: list[dict[str, Any]]
    speakers: list[AgendaSpeaker]
    days: list[AgendaDay]

    @property
    def title(self) -> str:
        return _pick(self.conference, "title")

    @property
    def talk_count(self) -> int:
        return sum(len(day.talks) for day in self.days)


def _grid(
    day: AgendaDay,
    rooms: list[dict[str, Any]],
    day_start: datetime.time | None,
    day_end: datetime.time | None,
    max_step: int = 60,
) -> None:
    """Rows of ``day.step_minutes`` from the day's start to its end, one cell per room; the
    empty rows after the last talk go to ``day.trailing_rows``."""
    if not day.talks and (day_start is None or day_end is None):
        return
    minutes = [t.start.hour * 60 + t.start.minute for t in day.talks]
    minutes += [t.end.hour * 60 + t.end.minute for t in day.talks]
    step = max_step if day.talks else math.gcd(max_step, 30)
    for value in minutes:
        step = math.gcd(step, value)
    step = max(step, 5)
    if day.talks:
        first = min(minutes[: len(day.talks)])
        last = max(minutes[len(day.talks) :])
    else:
        assert day_start is not None  # checked above
        first = last = day_start.hour * 60 + day_start.minute
    if day_start is not None:
        first = min(first, day_start.hour * 60 + day_start.minute)
    if day_end is not None:
        last = max(last, day_end.hour * 60 + day_end.minute)
    first -= first % step
    day.step_minutes = step
    starting: dict[tuple[int, int], AgendaTalk] = {}
    for talk in day.talks:
        begin = talk.start.hour * 60 + talk.start.minute
        end = talk.end.hour * 60 + talk.end.minute
        talk.rowspan = max(1, math.ceil((end - begin) / step))
        starting[(talk.room_id, begin)] = talk
    covered: set[tuple[int, int]] = set()
    for talk in day.talks:
        begin = talk.start.hour * 60 + talk.start.minute
        for n in range(1, talk.rowspan):
            covered.add((talk.room_id, begin + n * step))
    for at in range(first, last, step):
        cells: list[AgendaTalk | str | None] = []
        for room in rooms:
            if (room["id"], at) in starting:
                cells.append(starting[(room["id"], at)])
            elif (room["id"], at) in covered:
                cells.append(None)
            else:
                cells.append("empty")
        day.rows.append(AgendaRow(time=datetime.time(at // 60, at % 60), cells=cells, rooms=rooms))
    used = [n for n, row in enumerate(day.rows) if any(cell != "empty" for cell in row.cells)]
    cut = used[-1] + 1 if used else 0
    day.rows, day.trailing_rows = day.rows[:cut], day.rows[cut:]


def agenda_from_snapshot(
    snapshot: dict[str, Any],
    *,
    day_start: datetime.time | None = None,
    day_end: datetime.time | None = None,
    max_step: int = 60,
) -> Agenda:
    """Lay ``snapshot`` out: its talks per day (in the conference's time zone), each day a
    grid of rooms by time (``day_start``/``day_end`` widen it to the conference's hours; rows
    of at most ``max_step`` minutes: the draft asks for 30, so that free half hours are
    drop targets)."""
    conference = snapshot["conference"]
    speakers = {
        s["id"]: AgendaSpeaker(
            id=s["id"],
            name=s["name"],
            organisation=s["organisation"],
            topic=_pick(s, "topic"),
            bio=_pick(s, "bio"),
            languages=s["languages"],
            fictional=s["fictional"],
            confirmed=s.get("confirmed", True),
        )
        for s in snapshot["speakers"]
    }
    by_day: dict[datetime.date, list[AgendaTalk]] = {
        datetime.date.fromisoformat(day): [] for day in conference["days"]
    }
    for t in snapshot["talks"]:
        start = datetime.datetime.fromisoformat(t["start"])
        talk = AgendaTalk(
            id=t["id"],
            uid=t["uid"],
            title=_pick(t, "title"),
            abstract=_pick(t, "abstract"),
            kind=t["kind"],
            language=t["language"],
            duration_minutes=t["duration_minutes"],
            room_id=t["room_id"],
            room=t["room"],
            start=start,
            end=datetime.datetime.fromisoformat(t["end"]),
            speakers=[speakers[pk] for pk in t["speakers"] if pk in speakers],
        )
        by_day.setdefault(start.date(), []).append(talk)
    days = []
    for date in sorted(by_day):
        day = AgendaDay(date=date, talks=sorted(by_day[date], key=lambda t: (t.start, t.room)))
        _grid(day, snapshot["rooms"], day_start, day_end, max_step)
        days.append(day)
    return Agenda(
        conference=conference,
        rooms=snapshot["rooms"],
        speakers=sorted(speakers.values(), key=lambda s: (s.name, s.id)),
        days=days,
    )


def _wall_time(value: str | None) -> datetime.datetime | None:
    """An ISO moment of a snapshot as the local wall time it was written in (naive), so the
    templates' date filters show it as the conference's local time."""
    if not value:
        return None
    return datetime.datetime.fromisoformat(value).replace(tzinfo=None)


def readable_changes(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A release's (or the draft's) change list with its moments as datetimes (the
    conference's local wall time), for the date filters of the page's language."""
    readable = []
    for change in changes:
        entry = dict(change)
        for name in ("start", "end"):
            if name in entry:
                entry[name] = _wall_time(entry[name])
        for side in ("from", "to"):
            if isinstance(entry.get(side), dict):
                place = dict(entry[side])
                place["start"] = _wall_time(place.get("start"))
                place["end"] = _wall_time(place.get("end"))
                entry[side] = place
        readable.append(entry)
    return readable
