"""The conference API: conferences, rooms, talks and their place in the draft timetable,
publishing, schedule releases and the published agenda with its exports.

Lists take ``limit``/``offset`` and answer ``{"items": [...], "count": N}``, N counting only
what the caller can see. Invisible or missing: 404; visible but not allowed: 403; bad input
or a timetable conflict: 422 naming the field and the conflict (``{"detail": [{"field":
"room", "message": "“Sala A” is double-booked: ..."}]}``), and nothing is written.

The draft (talks, their placement, the changes not yet published) is for the organisers
(coordinators; auditors read it); everyone who can see a conference reads its published
agenda (``/conferences/{id}/agenda``, also as iCalendar, frab XML and PDF).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from nonprolif.api.errors import WRITE_ERRORS, ErrorOut, service_errors
from nonprolif.events.conference import exports
from nonprolif.events.conference.domain.conferences import create_conference, update_conference
from nonprolif.events.conference.domain.releases import publish_schedule
from nonprolif.events.conference.domain.rooms import create_room, delete_room, update_room
from nonprolif.events.conference.domain.talks import create_talk, delete_talk, update_talk
from nonprolif.events.conference.domain.timetable import place_talk, unplace_talk
from nonprolif.events.conference.queries import (
    conference_rooms,
    conference_speakers,
    conference_talks,
    conferences_for,
    draft_status,
    get_conference_for,
    get_release_for,
    get_room_for,
    get_talk_for,
    latest_release,
    releases_for,
)
from nonprolif.events.conference.schemas import (
    AgendaQuery,
    ConferenceIn,
    ConferenceOut,
    ConferencePatch,
    DraftChangesOut,
    PdfQuery,
    PlacementIn,
    PublishIn,
    ReleaseOut,
    RoomIn,
    RoomOut,
    RoomPatch,
    TalkIn,
    TalkOut,
    TalkPatch,
)
from nonprolif.program.queries import agency_by_code, get_program_for

router = Router(tags=["conference"])


# --- helpers -----------------------------------------------------------------------------


def _host(user, data: dict) -> dict:
    if data.get("host_agency") is not None:
        data["host_agency"] = agency_by_code(user, data["host_agency"], field_name="host_agency")
    return data


def _speakers(user, conference, data: dict) -> dict:
    if data.get("speakers") is None:
        data.pop("speakers", None)
        return data
    ids = list(dict.fromkeys(data["speakers"]))
    found = {s.pk: s for s in conference_speakers(user, conference).filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError(
            {"speakers": _("Unknown speaker: %(ids)s.") % {"ids": ", ".join(missing)}}
        )
    data["speakers"] = [found[pk] for pk in ids]
    return data


def _talk(user, pk):
    return conference_talks(user, get_talk_for(user, pk).conference).get(pk=pk)


# --- conferences -------------------------------------------------------------------------


@router.get("/conferences", response={200: list[ConferenceOut]})
@paginate(LimitOffsetPagination)
def list_conferences(request, program: str | None = None):
    """The conferences the caller can see (optionally of one program), by first day."""
    conferences = conferences_for(request.auth).order_by("start_date", "pk")
    if program:
        conferences = conferences.filter(program__code=program)
    return conferences


@router.get("/conferences/{conference_id}", response={200: ConferenceOut, 404: ErrorOut})
def get_conference(request, conference_id: int):
    return get_conference_for(request.auth, conference_id)


@router.post("/programs/{code}/conferences", response={201: ConferenceOut, **WRITE_ERRORS})
@service_errors
def post_conference(request, code: str, payload: ConferenceIn):
    """Create a conference of the program (coordinators). An empty time zone takes the
    program's."""
    program = get_program_for(request.auth, code)
    data = _host(request.auth, payload.dict())
    conference = create_conference(actor=request.auth, program=program, **data)
    return Status(201, get_conference_for(request.auth, conference.pk))


@router.patch("/conferences/{conference_id}", response={200: ConferenceOut, **WRITE_ERRORS})
@service_errors
def patch_conference(request, conference_id: int, payload: ConferencePatch):
    """Change a conference (coordinators). Its days and hours must still hold every placed
    talk."""
    conference = get_conference_for(request.auth, conference_id)
    data = _host(request.auth, payload.dict(exclude_unset=True))
    update_conference(actor=request.auth, conference=conference, **data)
    return get_conference_for(request.auth, conference_id)


# --- rooms -------------------------------------------------------------------------------


@router.get("/conferences/{conference_id}/rooms", response={200: list[RoomOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_rooms(request, conference_id: int):
    conference = get_conference_for(request.auth, conference_id)
    return conference_rooms(request.auth, conference)


@router.post("/conferences/{conference_id}/rooms", response={201: RoomOut, **WRITE_ERRORS})
@service_errors
def post_room(request, conference_id: int, payload: RoomIn):
    conference = get_conference_for(request.auth, conference_id)
    room = create_room(actor=request.auth, conference=conference, **payload.dict())
    return Status(201, room)


@router.patch("/conference-rooms/{room_id}", response={200: RoomOut, **WRITE_ERRORS})
@service_errors
def patch_room(request, room_id: int, payload: RoomPatch):
    """Rename a room or change its capacity (not below a placed talk's expected
    attendance)."""
    room = get_room_for(request.auth, room_id)
    return update_room(actor=request.auth, room=room, **payload.dict(exclude_unset=True))


@router.delete("/conference-rooms/{room_id}", response={204: None, **WRITE_ERRORS})
@service_errors
def remove_room(request, room_id: int):
    """Remove a room that holds no talk."""
    delete_room(actor=request.auth, room=get_room_for(request.auth, room_id))
    return Status(204, None)


# --- talks and the draft timetable -------------------------------------------------------


@router.get("/conferences/{conference_id}/talks", response={200: list[TalkOut], 404: ErrorOut})
@paginate(LimitOffsetPagination)
def list_talks(request, conference_id: int):
    """The draft talks (organisers and auditors; empty for everyone else), placed ones in
    timetable order, then the unplaced."""
    conference = get_conference_for(request.auth, conference_id)
    return conference_talks(request.auth, conference)


@router.get("/talks/{talk_id}", response={200: TalkOut, 404: ErrorOut})
def get_talk(request, talk_id: int):
    return _talk(request.auth, talk_id)


@router.post("/conferences/{conference_id}/talks", response={201: TalkOut, **WRITE_ERRORS})
@service_errors
def post_talk(request, conference_id: int, payload: TalkIn):
    """Add an unplaced talk (coordinators)."""
    conference = get_conference_for(request.auth, conference_id)
    data = _speakers(request.auth, conference, payload.dict())
    talk = create_talk(actor=request.auth, conference=conference, **data)
    return Status(201, _talk(request.auth, talk.pk))


@router.patch("/talks/{talk_id}", response={200: TalkOut, **WRITE_ERRORS})
@service_errors
def patch_talk(request, talk_id: int, payload: TalkPatch):
    """Change a talk (coordinators). A placed talk must still fit its place."""
    talk = get_talk_for(request.auth, talk_id)
    data = _speakers(request.auth, talk.conference, payload.dict(exclude_unset=True))
    update_talk(actor=request.auth, talk=talk, **data)
    return _talk(request.auth, talk_id)


@router.delete("/talks/{talk_id}", response={204: None, **WRITE_ERRORS})
@service_errors
def remove_talk(request, talk_id: int):
    delete_talk(actor=request.auth, talk=get_talk_for(request.auth, talk_id))
    return Status(204, None)


@router.put("/talks/{talk_id}/placement", response={200: TalkOut, **WRITE_ERRORS})
@service_errors
def put_placement(request, talk_id: int, payload: PlacementIn):
    """Place (or move) a talk: a room of its conference and the slot's start and end
    (times without an offset are read in the conference's time zone). A conflict — a
    speaker in two places at once, a double-booked room, a slot outside the conference's
    days or hours or shorter than the talk, a room too small — is a 422 naming it."""
    talk = get_talk_for(request.auth, talk_id)
    room = get_room_for(request.auth, payload.room) if payload.room else None
    place_talk(
        actor=request.auth,
        talk=talk,
        room=room,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
    )
    return _talk(request.auth, talk_id)


@router.delete("/talks/{talk_id}/placement", response={200: TalkOut, **WRITE_ERRORS})
@service_errors
def delete_placement(request, talk_id: int):
    """Take a talk out of the draft timetable."""
    unplace_talk(actor=request.auth, talk=get_talk_for(request.auth, talk_id))
    return _talk(request.auth, talk_id)


# --- publishing and the published agenda -------------------------------------------------


@router.get(
    "/conferences/{conference_id}/draft-changes",
    response={200: DraftChangesOut, 403: ErrorOut, 404: ErrorOut},
)
def get_draft_changes(request, conference_id: int):
    """What publishing now would change since the latest release (organisers), and the
    placed talks' speakers left out because they are not confirmed."""
    conference = get_conference_for(request.auth, conference_id)
    if not request.auth.has_perm("events.view_timetable_draft", conference):
        raise PermissionDenied
    status = draft_status(request.auth, conference)
    return {
        "latest_version": status.latest.version if status.latest else None,
        "next_version": status.next_version,
        "changes": status.changes,
        "unconfirmed_speakers": [
            {"talk": talk.pk, "speakers": [s.name for s in speakers]}
            for talk, speakers in status.unconfirmed
        ],
    }


@router.post("/conferences/{conference_id}/releases", response={201: ReleaseOut, **WRITE_ERRORS})
@service_errors
def post_release(request, conference_id: int, payload: PublishIn):
    """Publish the draft as the next version (coordinators). 422 when nothing is placed or
    nothing changed."""
    conference = get_conference_for(request.auth, conference_id)
    release = publish_schedule(actor=request.auth, conference=conference, note=payload.note)
    return Status(201, release)


@router.get(
    "/conferences/{conference_id}/releases", response={200: list[ReleaseOut], 404: ErrorOut}
)
@paginate(LimitOffsetPagination)
def list_releases(request, conference_id: int):
    """Every published version, newest first, with its change list."""
    conference = get_conference_for(request.auth, conference_id)
    return releases_for(request.auth, conference)


def _release(user, conference_id: int, version: int | None):
    conference = get_conference_for(user, conference_id)
    if version is not None:
        return get_release_for(user, conference, version)
    release = latest_release(user, conference)
    if release is None:
        raise Http404(_("The agenda is not published yet."))
    return release


@router.get("/conferences/{conference_id}/agenda", response={200: dict, 404: ErrorOut})
def get_agenda(request, conference_id: int, query: Query[AgendaQuery]):
    """The published agenda (latest version, or ``?version=N``) as JSON, in the format of
    the committed schema ``events/schemas/agenda.schema.json``."""
    return exports.agenda_document(_release(request.auth, conference_id, query.version))


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/conferences/{conference_id}/agenda/ics", response={200: None, 404: ErrorOut})
def get_agenda_ics(request, conference_id: int, query: Query[AgendaQuery]):
    """The published agenda as iCalendar: one event per talk."""
    release = _release(request.auth, conference_id, query.version)
    return _file(
        exports.to_ical(release),
        "text/calendar; charset=utf-8",
        exports.export_name(release, "ics"),
    )


@router.get("/conferences/{conference_id}/agenda/frab", response={200: None, 404: ErrorOut})
def get_agenda_frab(request, conference_id: int, query: Query[AgendaQuery]):
    """The published agenda as a frab ``schedule.xml`` (what conference apps read)."""
    release = _release(request.auth, conference_id, query.version)
    return _file(
        exports.to_frab(release),
        "application/xml; charset=utf-8",
        exports.export_name(release, "xml"),
    )


@router.get("/conferences/{conference_id}/agenda/pdf", response={200: None, 404: ErrorOut})
def get_agenda_pdf(request, conference_id: int, query: Query[PdfQuery]):
    """The printable programme (PDF), in ``?lang=es`` or ``en`` (default: the caller's)."""
    release = _release(request.auth, conference_id, query.version)
    language = query.lang if query.lang in {"es", "en"} else None
    return _file(
        exports.to_pdf(release, language=language),
        "application/pdf",
        exports.export_name(release, "pdf"),
    )
