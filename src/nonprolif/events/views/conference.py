"""Conference pages: the conferences, one conference, its rooms and talks, the timetable
editor (organisers), publishing and release history, the published agenda (everyone who
can see the conference) and its exports."""

import datetime
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.web.submit import add_service_errors, submit
from nonprolif.events import exports
from nonprolif.events.domain.conference import (
    create_conference,
    create_room,
    create_talk,
    delete_room,
    delete_talk,
    place_talk,
    publish_schedule,
    unplace_talk,
    update_conference,
    update_room,
    update_talk,
)
from nonprolif.events.forms_conference import (
    ConferenceForm,
    PlacementForm,
    PublishForm,
    RoomForm,
    TalkForm,
)
from nonprolif.events.queries_conference import (
    agenda_from_snapshot,
    build_snapshot,
    conference_rooms,
    conference_talks,
    conferences_for,
    draft_status,
    get_conference_for,
    get_release_for,
    get_room_for,
    get_talk_for,
    latest_release,
    local,
    releases_for,
)
from nonprolif.program.queries import get_program_for


def conference_list(request):
    conferences = conferences_for(request.user).order_by("start_date", "pk")
    return render(request, "events/conference/list.html", {"conferences": list(conferences)})


def conference_create(request, code):
    program = get_program_for(request.user, code)
    require_perm(request.user, "events.add_conference", program)
    form = ConferenceForm(
        request.POST or None, program=program, initial={"time_zone": program.time_zone}
    )
    conference = submit(request, form, create_conference, program=program)
    if conference is not None:
        messages.success(request, _("Conference created."))
        return redirect("conference_detail", pk=conference.pk)
    return render(
        request,
        "events/conference/form.html",
        {"form": form, "program": program, "conference": None},
    )


def conference_edit(request, pk):
    conference = get_conference_for(request.user, pk)
    require_perm(request.user, "events.change_conference", conference)
    form = ConferenceForm(request.POST or None, instance=conference, program=conference.program)
    updated = submit(request, form, update_conference, conference=conference)
    if updated is not None:
        messages.success(request, _("Conference saved."))
        return redirect("conference_detail", pk=updated.pk)
    return render(
        request,
        "events/conference/form.html",
        {"form": form, "program": conference.program, "conference": conference},
    )


def conference_detail(request, pk):
    conference = get_conference_for(request.user, pk)
    return render(
        request,
        "events/conference/detail.html",
        {
            "conference": conference,
            "rooms": list(conference_rooms(request.user, conference)),
            "latest": latest_release(request.user, conference),
        },
    )


# --- rooms -------------------------------------------------------------------------------


def room_list(request, pk):
    conference = get_conference_for(request.user, pk)
    can_edit = request.user.has_perm("events.edit_timetable", conference)
    form = RoomForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        require_perm(request.user, "events.edit_timetable", conference)
        if submit(request, form, create_room, conference=conference) is not None:
            messages.success(request, _("Room added."))
            return redirect("conference_rooms", pk=conference.pk)
    return render(
        request,
        "events/conference/rooms.html",
        {
            "conference": conference,
            "rooms": list(conference_rooms(request.user, conference)),
            "form": form,
        },
    )


def room_edit(request, pk):
    room = get_room_for(request.user, pk)
    conference = room.conference
    require_perm(request.user, "events.edit_timetable", conference)
    form = RoomForm(request.POST or None, instance=room)
    if submit(request, form, update_room, room=room) is not None:
        messages.success(request, _("Room saved."))
        return redirect("conference_rooms", pk=conference.pk)
    return render(
        request,
        "events/conference/room_form.html",
        {"conference": conference, "room": room, "form": form},
    )


@require_POST
def room_delete(request, pk):
    room = get_room_for(request.user, pk)
    conference = room.conference
    require_perm(request.user, "events.edit_timetable", conference)
    try:
        delete_room(actor=request.user, room=room)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Room removed."))
    return redirect("conference_rooms", pk=conference.pk)


# --- talks -------------------------------------------------------------------------------


def _draft_conference(request, pk):
    conference = get_conference_for(request.user, pk)
    require_perm(request.user, "events.view_timetable_draft", conference)
    return conference


def talk_list(request, pk):
    conference = _draft_conference(request, pk)
    talks = list(conference_talks(request.user, conference))
    return render(
        request,
        "events/conference/talks.html",
        {
            "conference": conference,
            "placed": [t for t in talks if t.is_placed],
            "unplaced": [t for t in talks if not t.is_placed],
            "tz_name": conference.tz_name,
        },
    )


def talk_create(request, pk):
    conference = get_conference_for(request.user, pk)
    require_perm(request.user, "events.edit_timetable", conference)
    form = TalkForm(request.POST or None, user=request.user, conference=conference)
    talk = submit(request, form, create_talk, conference=conference)
    if talk is not None:
        messages.success(request, _("Talk added. Place it in the timetable."))
        return redirect("conference_talk_place", pk=talk.pk)
    return render(
        request,
        "events/conference/talk_form.html",
        {"conference": conference, "talk": None, "form": form},
    )


def talk_edit(request, pk):
    talk = get_talk_for(request.user, pk)
    conference = talk.conference
    require_perm(request.user, "events.edit_timetable", conference)
    form = TalkForm(request.POST or None, instance=talk, user=request.user, conference=conference)
    if submit(request, form, update_talk, talk=talk) is not None:
        messages.success(request, _("Talk saved."))
        return redirect("conference_talks", pk=conference.pk)
    return render(
        request,
        "events/conference/talk_form.html",
        {"conference": conference, "talk": talk, "form": form},
    )


@require_POST
def talk_delete(request, pk):
    talk = get_talk_for(request.user, pk)
    conference = talk.conference
    require_perm(request.user, "events.edit_timetable", conference)
    delete_talk(actor=request.user, talk=talk)
    messages.success(request, _("Talk removed from the draft."))
    return redirect("conference_talks", pk=conference.pk)


def _placement_initial(request, talk, conference) -> dict:
    """The form's starting values: the talk's current place, or the grid cell the user
    came from (``?room=&day=&start=``), with the end from the talk's duration."""
    if talk.is_placed:
        start = local(talk.starts_at, conference.tz_name)
        end = local(talk.ends_at, conference.tz_name)
        return {
            "room": talk.room_id,
            "day": start.date().isoformat(),
            "start": start.time(),
            "end": end.time(),
        }
    initial = {key: request.GET[key] for key in ("room", "day", "start") if request.GET.get(key)}
    try:
        start = datetime.time.fromisoformat(initial["start"])
        end = datetime.datetime.combine(datetime.date(2000, 1, 1), start) + datetime.timedelta(
            minutes=talk.duration_minutes
        )
        initial["end"] = end.time()
    except (KeyError, ValueError):
        initial.pop("start", None)
    return initial


PLACEMENT_FIELDS = {"room": "room", "starts_at": "start", "ends_at": "end"}


def talk_place(request, pk):
    talk = get_talk_for(request.user, pk)
    conference = talk.conference
    require_perm(request.user, "events.edit_timetable", conference)
    form = PlacementForm(
        request.POST or None,
        conference=conference,
        rooms=conference_rooms(request.user, conference),
        initial=_placement_initial(request, talk, conference),
    )
    if request.method == "POST" and form.is_valid():
        try:
            place_talk(actor=request.user, talk=talk, **form.service_data())
        except ValidationError as error:
            # A conflict on the slot's start or end is shown at the form's time fields;
            # one about the speakers (or the whole slot) above the form.
            for name, problems in error.message_dict.items():
                form.add_error(PLACEMENT_FIELDS.get(name), problems)
        else:
            messages.success(request, _("“%(talk)s” placed.") % {"talk": talk.title})
            return redirect("conference_timetable", pk=conference.pk)
    return render(
        request,
        "events/conference/place.html",
        {"conference": conference, "talk": talk, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
def talk_unplace(request, pk):
    talk = get_talk_for(request.user, pk)
    conference = talk.conference
    require_perm(request.user, "events.edit_timetable", conference)
    unplace_talk(actor=request.user, talk=talk)
    messages.success(request, _("“%(talk)s” taken out of the timetable.") % {"talk": talk.title})
    return redirect("conference_timetable", pk=conference.pk)


# --- the timetable, publishing, the agenda -----------------------------------------------


def timetable(request, pk):
    """The organisers' draft: the grid of placed talks (every speaker shown, unconfirmed
    ones marked) and the talks still to place."""
    conference = _draft_conference(request, pk)
    snapshot = build_snapshot(conference, with_unconfirmed=True)
    agenda = agenda_from_snapshot(
        snapshot, day_start=conference.day_start, day_end=conference.day_end
    )
    unplaced = [t for t in conference_talks(request.user, conference) if not t.is_placed]
    return render(
        request,
        "events/conference/timetable.html",
        {
            "conference": conference,
            "agenda": agenda,
            "unplaced": unplaced,
            "latest": latest_release(request.user, conference),
            "draft": True,
        },
    )


def publish(request, pk):
    conference = get_conference_for(request.user, pk)
    require_perm(request.user, "events.publish_schedule", conference)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            release = publish_schedule(
                actor=request.user, conference=conference, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Version %(version)d published.") % {"version": release.version}
            )
            return redirect("conference_agenda", pk=conference.pk)
    status = draft_status(request.user, conference)
    return render(
        request,
        "events/conference/publish.html",
        {"conference": conference, "form": form, "status": status},
    )


def release_list(request, pk):
    conference = get_conference_for(request.user, pk)
    return render(
        request,
        "events/conference/releases.html",
        {"conference": conference, "releases": list(releases_for(request.user, conference))},
    )


def _release(request, conference):
    """The release asked for with ``?version=N``, else the latest; Http404 when none."""
    version = request.GET.get("version")
    if version:
        if not version.isdigit():
            raise Http404(_("No such release."))
        return get_release_for(request.user, conference, int(version))
    release = latest_release(request.user, conference)
    if release is None:
        raise Http404(_("The agenda is not published yet."))
    return release


def agenda(request, pk):
    """The published agenda: the latest release (or ``?version=N``), the same for every
    user who can see the conference. Organisers also get a link to the draft."""
    conference = get_conference_for(request.user, pk)
    try:
        release = _release(request, conference)
    except Http404:
        if request.GET.get("version"):
            raise
        release = None
    latest_version = conference.published_version
    return render(
        request,
        "events/conference/agenda.html",
        {
            "conference": conference,
            "release": release,
            "is_latest": release is not None and release.version == latest_version,
            "agenda": (
                agenda_from_snapshot(
                    release.snapshot,
                    day_start=conference.day_start,
                    day_end=conference.day_end,
                )
                if release
                else None
            ),
        },
    )


def _download(content: bytes, content_type: str, filename: str, *, inline=False):
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def agenda_ics(request, pk):
    release = _release(request, get_conference_for(request.user, pk))
    return _download(
        exports.to_ical(release),
        "text/calendar; charset=utf-8",
        exports.export_name(release, "ics"),
    )


def agenda_json(request, pk):
    release = _release(request, get_conference_for(request.user, pk))
    body = json.dumps(exports.agenda_document(release), ensure_ascii=False, indent=2)
    return _download(
        body.encode(), "application/json", exports.export_name(release, "json"), inline=True
    )


def agenda_frab(request, pk):
    release = _release(request, get_conference_for(request.user, pk))
    return _download(
        exports.to_frab(release),
        "application/xml; charset=utf-8",
        exports.export_name(release, "xml"),
        inline=True,
    )


def agenda_pdf(request, pk):
    release = _release(request, get_conference_for(request.user, pk))
    language = request.GET.get("lang") if request.GET.get("lang") in {"es", "en"} else None
    suffix = f"-{language}" if language else ""
    return _download(
        exports.to_pdf(release, language=language),
        "application/pdf",
        exports.export_name(release, "pdf").replace(".pdf", f"{suffix}.pdf"),
    )
