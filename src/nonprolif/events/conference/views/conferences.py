"""Conference pages: the conferences, one conference (create, edit) and its rooms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.web.submit import submit
from nonprolif.events.conference.domain.conferences import create_conference, update_conference
from nonprolif.events.conference.domain.rooms import create_room, delete_room, update_room
from nonprolif.events.conference.forms import ConferenceForm, RoomForm
from nonprolif.events.conference.queries import (
    conference_rooms,
    conferences_for,
    get_conference_for,
    get_room_for,
    latest_release,
)
from nonprolif.program.queries import get_program_for


def conference_list(request):
    conferences = conferences_for(request.user).order_by("start_date", "pk")
    conferences = list(conferences)
    note_read(request, action="conference.list", objects=conferences)
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
    note_read(request, action="conference.view", obj=conference)
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
