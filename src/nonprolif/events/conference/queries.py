"""Reads of the conference: conferences, rooms, talks, the draft timetable, the published
schedule releases and the agenda they freeze. Every selector of scoped data starts from
``visible_to(user)``.

The agenda has one plain-data form, the *snapshot* (a JSON-ready dict, format
``nonprolif.agenda/1``): :func:`build_snapshot` makes it from the draft, a
:class:`ScheduleRelease` stores it, the exports read it and :func:`snapshot_changes` compares
two of them. Pages lay a snapshot out with ``agenda.agenda_from_snapshot``.
"""

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import User
from nonprolif.core.queries import active_feed_by_token
from nonprolif.events.models import (
    Conference,
    ConferenceFeed,
    Room,
    ScheduleRelease,
    Speaker,
    SpeakerResponse,
    SpeakerStatus,
    Talk,
)
from nonprolif.program.models import Program

SNAPSHOT_FORMAT = "nonprolif.agenda/1"

# A snapshot (see above) and one entry of a change list: JSON-ready dicts.
Snapshot = dict[str, Any]
Change = dict[str, Any]


# --- conferences, rooms, talks -----------------------------------------------------------


def conferences_for(user: User) -> QuerySet[Conference]:
    """The conferences ``user`` can see, with program and host agency, and
    ``published_version``: the number of their latest release (None before the first)."""
    latest = (
        ScheduleRelease.objects.filter(conference=OuterRef("pk"))
        .order_by("-version")
        .values("version")[:1]
    )
    return (
        Conference.objects.visible_to(user)
        .select_related("program", "host_agency")
        .annotate(published_version=Subquery(latest))
    )


def program_conferences(user: User, program: Program) -> QuerySet[Conference]:
    return conferences_for(user).filter(program=program)


def get_conference_for(user: User, pk: int, *, perm: str | None = None) -> Conference:
    """The conference ``pk`` if ``user`` can see it (and, with ``perm``, holds that
    permission on it: the speakers or registrations of a conference exist only for those who
    may view them); Http404 otherwise."""
    conference = conferences_for(user).filter(pk=pk).first()
    if conference is None or (perm is not None and not user.has_perm(perm, conference)):
        raise Http404(_("No such conference."))
    return conference


def rooms_for(user: User) -> QuerySet[Room]:
    return Room.objects.visible_to(user).select_related("conference__program")


def conference_rooms(user: User, conference: Conference) -> QuerySet[Room]:
    """The rooms of ``conference`` (visible with the conference), by name."""
    return rooms_for(user).filter(conference=conference).order_by("name", "pk")


def get_room_for(user: User, pk: int) -> Room:
    room = rooms_for(user).filter(pk=pk).first()
    if room is None:
        raise Http404(_("No such room."))
    return room


def talks_for(user: User) -> QuerySet[Talk]:
    """The draft talks ``user`` can see (organisers and auditors), with conference, room and
    speakers."""
    return (
        Talk.objects.visible_to(user)
        .select_related("conference__program", "room")
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.order_by("name", "pk")))
    )


def conference_talks(user: User, conference: Conference) -> QuerySet[Talk]:
    """The talks of ``conference`` that ``user`` can see: placed ones in timetable order,
    then the unplaced ones."""
    return talks_for(user).filter(conference=conference)


def get_talk_for(user: User, pk: int) -> Talk:
    talk = talks_for(user).filter(pk=pk).first()
    if talk is None:
        raise Http404(_("No such talk."))
    return talk


def conference_speakers(user: User, conference: Conference) -> QuerySet[Speaker]:
    """The speakers of ``conference`` that ``user`` can see, by name."""
    return Speaker.objects.visible_to(user).filter(conference=conference).order_by("name", "pk")


def releases_for(user: User, conference: Conference) -> QuerySet[ScheduleRelease]:
    """The schedule releases of ``conference`` that ``user`` can see, newest first."""
    return (
        ScheduleRelease.objects.visible_to(user)
        .filter(conference=conference)
        .select_related("published_by")
        .order_by("-version")
    )


def latest_release(user: User, conference: Conference) -> ScheduleRelease | None:
    """The latest published release of ``conference`` (None before the first)."""
    return releases_for(user, conference).first()


def get_release_for(user: User, conference: Conference, version: int) -> ScheduleRelease:
    release = releases_for(user, conference).filter(version=version).first()
    if release is None:
        raise Http404(_("No such release."))
    return release


# --- the snapshot ------------------------------------------------------------------------


def local(moment: datetime.datetime, tz_name: str) -> datetime.datetime:
    return moment.astimezone(zoneinfo.ZoneInfo(tz_name))


def placed_slot(talk: Talk) -> tuple[Room, datetime.datetime, datetime.datetime]:
    """The room, start and end of a placed talk (the database holds all three or none);
    ValueError for an unplaced one."""
    if talk.room is None or talk.starts_at is None or talk.ends_at is None:
        raise ValueError(f"Talk {talk.pk} is not placed.")
    return talk.room, talk.starts_at, talk.ends_at


def conference_days(conference: Conference) -> list[datetime.date]:
    days = (conference.end_date - conference.start_date).days + 1
    return [conference.start_date + datetime.timedelta(days=n) for n in range(days)]


def is_confirmed(speaker: Speaker) -> bool:
    return speaker.status == SpeakerStatus.ACCEPTED and speaker.response == SpeakerResponse.ACCEPTED


def _speaker_entry(speaker: Speaker, *, with_status: bool = False) -> dict[str, Any]:
    """What the agenda publishes about a speaker (never e-mail, travel needs or the
    decision's reason). ``with_status`` adds ``confirmed`` (for the organisers' draft)."""
    entry = {
        "id": speaker.pk,
        "name": speaker.name,
        "organisation": speaker.organisation,
        "topic_es": speaker.topic_es,
        "topic_en": speaker.topic_en,
        "bio_es": speaker.bio_es,
        "bio_en": speaker.bio_en,
        "languages": [code.strip() for code in speaker.languages.split(",") if code.strip()],
        "fictional": speaker.is_fictional,
    }
    if with_status:
        entry["confirmed"] = is_confirmed(speaker)
    return entry


def build_snapshot(conference: Conference, *, with_unconfirmed: bool = False) -> Snapshot:
    """The draft agenda of ``conference`` as plain data: the conference, its rooms, every
    placed talk (times in the conference's time zone, ISO 8601 with offset) and the
    confirmed speakers of those talks (accepted by the coordinator and by themselves; other
    speakers are left out of the agenda). ``with_unconfirmed`` keeps the other speakers too,
    each with ``confirmed`` (the organisers' view of the draft; never published). Three
    queries."""
    tz_name = conference.tz_name
    rooms = list(Room.objects.filter(conference=conference).order_by("name", "pk"))
    talks = list(
        Talk.objects.placed()
        .filter(conference=conference)
        .select_related("room")
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.order_by("name", "pk")))
        .order_by("starts_at", "room__name", "pk")
    )
    speakers: dict[int, dict[str, Any]] = {}
    talk_entries = []
    for talk in talks:
        room, starts_at, ends_at = placed_slot(talk)
        confirmed = [s for s in talk.speakers.all() if with_unconfirmed or is_confirmed(s)]
        for speaker in confirmed:
            speakers.setdefault(speaker.pk, _speaker_entry(speaker, with_status=with_unconfirmed))
        talk_entries.append(
            {
                "id": talk.pk,
                "uid": str(talk.uid),
                "title_es": talk.title_es,
                "title_en": talk.title_en,
                "abstract_es": talk.abstract_es,
                "abstract_en": talk.abstract_en,
                "kind": talk.kind,
                "language": talk.language,
                "duration_minutes": talk.duration_minutes,
                "room_id": talk.room_id,
                "room": room.name,
                "start": local(starts_at, tz_name).isoformat(),
                "end": local(ends_at, tz_name).isoformat(),
                "speakers": [s.pk for s in confirmed],
            }
        )
    host = conference.host_agency
    return {
        "format": SNAPSHOT_FORMAT,
        "conference": {
            "id": conference.pk,
            "acronym": conference.acronym,
            "program": conference.program.code,
            "title_es": conference.title_es,
            "title_en": conference.title_en,
            "description_es": conference.description_es,
            "description_en": conference.description_en,
            "city": conference.city,
            "venue": conference.venue,
            "host_agency": {"code": host.code, "name_es": host.name_es, "name_en": host.name_en},
            "start_date": conference.start_date.isoformat(),
            "end_date": conference.end_date.isoformat(),
            "days": [day.isoformat() for day in conference_days(conference)],
            "time_zone": tz_name,
        },
        "rooms": [{"id": r.pk, "name": r.name, "capacity": r.capacity} for r in rooms],
        "speakers": sorted(speakers.values(), key=lambda s: (s["name"], s["id"])),
        "talks": talk_entries,
    }


def unconfirmed_speakers(conference: Conference) -> list[tuple[Talk, list[Speaker]]]:
    """Placed talks with speakers who are not confirmed yet (left out of a release)."""
    talks = (
        Talk.objects.placed()
        .filter(conference=conference)
        .prefetch_related(Prefetch("speakers", queryset=Speaker.objects.order_by("name", "pk")))
        .order_by("starts_at", "pk")
    )
    found: list[tuple[Talk, list[Speaker]]] = []
    for talk in talks:
        pending = [s for s in talk.speakers.all() if not is_confirmed(s)]
        if pending:
            found.append((talk, pending))
    return found


CHANGED_FIELDS = (
    "title_es",
    "title_en",
    "abstract_es",
    "abstract_en",
    "kind",
    "language",
    "duration_minutes",
    "speakers",
)


def _place(talk: dict[str, Any]) -> dict[str, Any]:
    return {"room": talk["room"], "start": talk["start"], "end": talk["end"]}


def _speaker_names(snapshot: Snapshot, talk: dict[str, Any]) -> list[str]:
    names = {s["id"]: s["name"] for s in snapshot.get("speakers", [])}
    return sorted(names.get(pk, str(pk)) for pk in talk["speakers"])


def snapshot_changes(old: Snapshot | None, new: Snapshot) -> list[Change]:
    """The changes from the agenda ``old`` (None: nothing published yet) to ``new``, one
    entry per talk and kind of change, in timetable order:

    - ``added`` / ``removed``: the talk with its room, start and end;
    - ``moved``: ``from`` and ``to`` (room, start, end);
    - ``changed``: ``fields`` names what else changed (titles, abstracts, kind, language,
      duration, speakers), with ``speakers_before``/``speakers_after`` when they did.

    Talks are matched by their stable ``uid``.
    """
    before = {t["uid"]: t for t in (old or {}).get("talks", [])}
    after = {t["uid"]: t for t in new.get("talks", [])}
    order = {"removed": 0, "added": 1, "moved": 2, "changed": 3}
    changes: list[tuple[tuple[str, int, str], Change]] = []

    def add(kind: str, talk: dict[str, Any], **extra: Any) -> None:
        entry = {
            "change": kind,
            "uid": talk["uid"],
            "title_es": talk["title_es"],
            "title_en": talk["title_en"],
            **extra,
        }
        changes.append(((talk["start"], order[kind], talk["uid"]), entry))

    for uid, talk in after.items():
        previous = before.get(uid)
        if previous is None:
            add("added", talk, **_place(talk))
            continue
        if _place(previous) != _place(talk):
            add("moved", talk, **{"from": _place(previous), "to": _place(talk)})
        old_names, new_names = _speaker_names(old or {}, previous), _speaker_names(new, talk)
        fields = [
            name
            for name in CHANGED_FIELDS
            if (
                old_names != new_names
                if name == "speakers"
                else previous.get(name) != talk.get(name)
            )
        ]
        if fields:
            extra: dict[str, Any] = {"fields": fields}
            if "speakers" in fields:
                extra |= {"speakers_before": old_names, "speakers_after": new_names}
            add("changed", talk, **extra)
    for uid, talk in before.items():
        if uid not in after:
            add("removed", talk, **_place(talk))
    return [entry for _key, entry in sorted(changes, key=lambda pair: pair[0])]


@dataclass
class DraftStatus:
    """The draft against the latest release: what publishing now would change."""

    latest: ScheduleRelease | None
    snapshot: Snapshot
    changes: list[Change]
    unconfirmed: list[tuple[Talk, list[Speaker]]]

    @property
    def next_version(self) -> int:
        return (self.latest.version + 1) if self.latest else 1


def draft_status(user: User, conference: Conference) -> DraftStatus:
    """The draft snapshot of ``conference``, its changes since the latest release and the
    placed talks whose speakers are not confirmed."""
    latest = latest_release(user, conference)
    snapshot = build_snapshot(conference)
    return DraftStatus(
        latest=latest,
        snapshot=snapshot,
        changes=snapshot_changes(latest.snapshot if latest else None, snapshot),
        unconfirmed=unconfirmed_speakers(conference),
    )


# --- feeds -------------------------------------------------------------------------------


def conference_feeds(user: User, conference: Conference) -> QuerySet[ConferenceFeed]:
    """The agenda feeds of ``conference`` that ``user`` created, newest first."""
    return ConferenceFeed.objects.visible_to(user).filter(conference=conference)


def get_conference_feed_for(user: User, pk: int) -> ConferenceFeed:
    feed = ConferenceFeed.objects.visible_to(user).select_related("conference").filter(pk=pk)
    found: ConferenceFeed | None = feed.first()
    if found is None:
        raise Http404(_("No such feed."))
    return found


def feed_release(raw: str) -> tuple[ConferenceFeed, ScheduleRelease]:
    """The active feed whose secret is ``raw`` and the latest release its creator may see
    now; Http404 when the token is unknown or revoked, its creator can no longer sign in or
    see the conference, or nothing is published yet."""
    feed = active_feed_by_token(ConferenceFeed.objects.select_related("created_by"), raw)
    conference = get_conference_for(feed.created_by, feed.conference_id)
    release = latest_release(feed.created_by, conference)
    if release is None:
        raise Http404(_("The agenda is not published yet."))
    return feed, release
