"""The organisers' conference pages: the draft's talks, placing them in the timetable, the
timetable grid, and publishing the draft as the next release."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.submit import add_service_errors, submit
from nonprolif.events.conference.agenda import agenda_from_snapshot, readable_changes
from nonprolif.events.conference.domain.releases import publish_schedule
from nonprolif.events.conference.domain.talks import create_talk, delete_talk, update_talk
from nonprolif.events.conference.domain.timetable import place_talk, unplace_talk
from nonprolif.events.conference.forms import PlacementForm, PublishForm, TalkForm
from nonprolif.events.conference.queries import (
    build_snapshot,
    conference_rooms,
    conference_talks,
    draft_status,
    get_conference_for,
    get_talk_for,
    latest_release,
    local,
)


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


def talk_delete(request, pk):
    """GET asks for confirmation; POST removes the talk from the draft."""
    talk = get_talk_for(request.user, pk)
    conference = talk.conference
    require_perm(request.user, "events.edit_timetable", conference)
    if request.method != "POST":
        return confirm_page(
            request,
            question=_("Delete the talk “%(title)s”?") % {"title": talk.title},
            details=[
                _(
                    "It is removed from the draft with its speaker links; published "
                    "releases keep it. It cannot be undone."
                )
            ],
            confirm_label=_("Delete the talk"),
            cancel_url=reverse("conference_talks", args=[conference.pk]),
            obj=talk,
            action="talk.view",
            header="events/conference/_header.html",
            context={"conference": conference, "tab": "talks"},
        )
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
        start_time = datetime.time.fromisoformat(initial["start"])
        end_at = datetime.datetime.combine(
            datetime.date(2000, 1, 1), start_time
        ) + datetime.timedelta(minutes=talk.duration_minutes)
        initial["end"] = end_at.time()
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
    dropped = request.headers.get("X-Timetable-Drop") == "1"
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
            if dropped:
                return JsonResponse({"placed": talk.pk})
            return redirect("conference_timetable", pk=conference.pk)
    if dropped and request.method == "POST":
        # A drop on the timetable: the same refusal as the form's, as text for the page.
        problems = [str(problem) for errors in form.errors.values() for problem in errors]
        return JsonResponse({"errors": problems}, status=422)
    return render(
        request,
        "events/conference/place.html",
        {"conference": conference, "talk": talk, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def talk_unplace(request, pk):
    """GET asks for confirmation; POST takes the talk out of the timetable."""
    talk = get_talk_for(request.user, pk)
    conference = talk.conference
    require_perm(request.user, "events.edit_timetable", conference)
    if request.method != "POST":
        details = []
        if talk.is_placed:
            start = local(talk.starts_at, conference.tz_name)
            details.append(
                _(
                    "It is now in %(room)s on %(day)s at %(start)s. It goes back to the talks "
                    "to place; the published agenda changes only when you publish again."
                )
                % {
                    "room": talk.room.name,
                    "day": date_format(start, "DATE_FORMAT"),
                    "start": start.strftime("%H:%M"),
                }
            )
        return confirm_page(
            request,
            question=_("Take “%(title)s” out of the timetable?") % {"title": talk.title},
            details=details,
            confirm_label=_("Take it out of the timetable"),
            cancel_url=reverse("conference_timetable", args=[conference.pk]),
            obj=talk,
            action="talk.view",
            header="events/conference/_header.html",
            context={"conference": conference, "tab": "timetable"},
        )
    unplace_talk(actor=request.user, talk=talk)
    messages.success(request, _("“%(talk)s” taken out of the timetable.") % {"talk": talk.title})
    return redirect("conference_timetable", pk=conference.pk)


def timetable(request, pk):
    """The organisers' draft: the grid of placed talks (every speaker shown, unconfirmed
    ones marked) and the talks still to place."""
    conference = _draft_conference(request, pk)
    snapshot = build_snapshot(conference, with_unconfirmed=True)
    agenda = agenda_from_snapshot(
        snapshot, day_start=conference.day_start, day_end=conference.day_end, max_step=30
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
        {
            "conference": conference,
            "form": form,
            "status": status,
            "changes": readable_changes(status.changes),
        },
    )
