"""The published agenda (everyone who can see the conference), its release history and its
exports (iCalendar, JSON, frab XML, PDF)."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.events.conference import exports
from nonprolif.events.conference.agenda import agenda_from_snapshot, readable_changes
from nonprolif.events.conference.queries import (
    get_conference_for,
    get_release_for,
    latest_release,
    releases_for,
)


def release_list(request, pk):
    conference = get_conference_for(request.user, pk)
    note_read(request, action="conference.releases", obj=conference)
    releases = [
        (release, readable_changes(release.changes))
        for release in releases_for(request.user, conference)
    ]
    return render(
        request,
        "events/conference/releases.html",
        {"conference": conference, "releases": releases},
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
    note_read(request, action="agenda.view", obj=conference)
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
    note_read(
        request,
        action="agenda.export",
        obj=release.conference,
        changes={"format": "ics", "version": release.version},
    )
    return _download(
        exports.to_ical(release),
        "text/calendar; charset=utf-8",
        exports.export_name(release, "ics"),
    )


def agenda_json(request, pk):
    release = _release(request, get_conference_for(request.user, pk))
    note_read(
        request,
        action="agenda.export",
        obj=release.conference,
        changes={"format": "json", "version": release.version},
    )
    body = json.dumps(exports.agenda_document(release), ensure_ascii=False, indent=2)
    return _download(
        body.encode(), "application/json", exports.export_name(release, "json"), inline=True
    )


def agenda_frab(request, pk):
    release = _release(request, get_conference_for(request.user, pk))
    note_read(
        request,
        action="agenda.export",
        obj=release.conference,
        changes={"format": "xml", "version": release.version},
    )
    return _download(
        exports.to_frab(release),
        "application/xml; charset=utf-8",
        exports.export_name(release, "xml"),
        inline=True,
    )


def agenda_pdf(request, pk):
    release = _release(request, get_conference_for(request.user, pk))
    note_read(
        request,
        action="agenda.export",
        obj=release.conference,
        changes={"format": "pdf", "version": release.version},
    )
    language = request.GET.get("lang") if request.GET.get("lang") in {"es", "en"} else None
    suffix = f"-{language}" if language else ""
    return _download(
        exports.to_pdf(release, language=language),
        "application/pdf",
        exports.export_name(release, "pdf").replace(".pdf", f"{suffix}.pdf"),
    )


def agenda_speaker(request, pk, speaker_id):
    """A speaker's page of the published agenda (the latest release, or ``?version=N``):
    who he is and his talks in that release. 404 for a speaker not in it."""
    conference = get_conference_for(request.user, pk)
    release = _release(request, conference)
    agenda = agenda_from_snapshot(release.snapshot)
    speaker = next((s for s in agenda.speakers if s.id == speaker_id), None)
    if speaker is None:
        raise Http404(_("No such speaker in this agenda."))
    note_read(
        request,
        action="agenda.speaker",
        obj=conference,
        changes={"speaker": speaker_id, "version": release.version},
    )
    talks = [
        talk
        for day in agenda.days
        for talk in day.talks
        if any(s.id == speaker_id for s in talk.speakers)
    ]
    return render(
        request,
        "events/conference/agenda_speaker.html",
        {
            "conference": conference,
            "release": release,
            "is_latest": release.version == conference.published_version,
            "speaker": speaker,
            "talks": talks,
        },
    )
