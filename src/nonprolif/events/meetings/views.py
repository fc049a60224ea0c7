"""Meeting pages: a program's meetings, one meeting, create, edit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.views.pickers import search_page
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.events.meetings.domain import create_meeting, update_meeting
from nonprolif.events.meetings.forms import MeetingForm, meeting_officials
from nonprolif.events.meetings.queries import get_meeting_for, program_meetings
from nonprolif.program.queries import get_program_for

PAGE_SIZE = 50


def meeting_list(request, code):
    """The program's meetings, newest first, a page at a time."""
    program = get_program_for(request.user, code)
    page = paginate(request, program_meetings(request.user, program), PAGE_SIZE)
    note_read(request, action="meeting.list")
    return render(
        request,
        "events/meeting_list.html",
        {"program": program, "page": page, "meetings": page.object_list},
    )


def meeting_detail(request, pk):
    meeting = get_meeting_for(request.user, pk)
    note_read(request, action="meeting.view", obj=meeting)
    return render(
        request, "events/meeting_detail.html", {"meeting": meeting, "program": meeting.program}
    )


def meeting_create(request, code):
    program = get_program_for(request.user, code)
    if not request.user.has_perm("events.add_meeting", program):
        raise PermissionDenied
    form = MeetingForm(
        request.POST or None,
        user=request.user,
        program=program,
        search_url=reverse("meeting_official_search", args=[program.code]),
    )
    meeting = submit(request, form, create_meeting, program=program)
    if meeting is not None:
        messages.success(request, _("Meeting recorded."))
        return redirect("meeting_detail", pk=meeting.pk)
    return render(
        request, "events/meeting_form.html", {"form": form, "program": program, "meeting": None}
    )


def meeting_edit(request, pk):
    meeting = get_meeting_for(request.user, pk)
    if not request.user.has_perm("events.change_meeting", meeting):
        raise PermissionDenied
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        user=request.user,
        program=meeting.program,
        search_url=reverse("meeting_official_search", args=[meeting.program.code]),
    )
    updated = submit(request, form, update_meeting, meeting=meeting)
    if updated is not None:
        messages.success(request, _("Meeting saved."))
        return redirect("meeting_detail", pk=updated.pk)
    return render(
        request,
        "events/meeting_form.html",
        {"form": form, "program": meeting.program, "meeting": meeting},
    )


@require_GET
def meeting_official_search(request, code):
    """The officials the meeting form of program ``code`` offers, matching ``?q=``."""
    program = get_program_for(request.user, code)
    if not request.user.has_perm("events.add_meeting", program):
        raise PermissionDenied
    return search_page(request, meeting_officials(request.user, program))
