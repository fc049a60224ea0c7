"""Agenda feeds: the user's feeds of a conference (create, revoke) and the public feed URLs
(iCalendar, frab XML, JSON) that calendar and conference apps subscribe to."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.feeds import feed_response, webcal_url
from nonprolif.core.web.pagination import paginate
from nonprolif.events.conference import exports
from nonprolif.events.conference.domain.feeds import (
    create_conference_feed,
    note_feed_read,
    revoke_conference_feed,
)
from nonprolif.events.conference.queries import (
    conference_feeds,
    feed_release,
    get_conference_feed_for,
    get_conference_for,
)

FORMATS = {
    "ics": ("conference_feed_ics", "text/calendar; charset=utf-8"),
    "xml": ("conference_feed_frab", "application/xml; charset=utf-8"),
    "json": ("conference_feed_json", "application/json"),
}


@never_cache
def feed_list(request, pk):
    """The user's agenda feeds of the conference; POST creates one and shows its URLs once."""
    conference = get_conference_for(request.user, pk)
    urls = None
    if request.method == "POST":
        _feed, raw = create_conference_feed(actor=request.user, conference=conference)
        urls = {
            name: request.build_absolute_uri(reverse(url_name, args=[raw]))
            for name, (url_name, _type) in FORMATS.items()
        }
        urls["webcal"] = webcal_url(urls["ics"])
    else:
        note_read(request, action="conference_feed.list", obj=conference)
    return render(
        request,
        "events/conference/feeds.html",
        {
            "conference": conference,
            "page": paginate(request, conference_feeds(request.user, conference)),
            "urls": urls,
        },
    )


def feed_revoke(request, pk):
    """GET asks for confirmation; POST revokes the feed."""
    feed = get_conference_feed_for(request.user, pk)
    if request.method != "POST":
        return confirm_page(
            request,
            question=_("Revoke the agenda feed %(hint)s…?") % {"hint": feed.hint},
            details=[
                _(
                    "Calendars and conference apps subscribed to its addresses stop "
                    "updating; it cannot be undone. You can create a new feed afterwards."
                )
            ],
            confirm_label=_("Revoke the feed"),
            cancel_url=reverse("conference_feeds", args=[feed.conference_id]),
            obj=feed,
            action="conference_feed.view",
            header="events/conference/_header.html",
            context={"conference": feed.conference, "tab": "agenda"},
        )
    revoke_conference_feed(actor=request.user, feed=feed)
    messages.success(request, _("Feed revoked: its addresses no longer work."))
    return redirect("conference_feeds", pk=feed.conference_id)


def _serve(token: str, file_format: str) -> HttpResponse:
    """The latest release behind the feed ``token`` in ``file_format``, in the creator's
    language; 404 for an unknown or revoked token."""
    feed, release = feed_release(token)
    note_feed_read(feed=feed, file_format=file_format, version=release.version)
    with translation.override(feed.language):
        if file_format == "ics":
            body = exports.to_ical(release)
        elif file_format == "xml":
            body = exports.to_frab(release)
        else:
            document = exports.agenda_document(release)
            body = json.dumps(document, ensure_ascii=False, indent=2).encode()
    return feed_response(
        body,
        content_type=FORMATS[file_format][1],
        filename=exports.export_name(release, file_format),
    )


@login_not_required
@require_GET
def feed_ics(request, token):
    """Public: the secret token is the key."""
    return _serve(token, "ics")


@login_not_required
@require_GET
def feed_frab(request, token):
    """Public: the secret token is the key."""
    return _serve(token, "xml")


@login_not_required
@require_GET
def feed_json(request, token):
    """Public: the secret token is the key."""
    return _serve(token, "json")
