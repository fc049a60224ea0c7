"""Calendar feeds: the user's feeds of a program (create, revoke) and the public feed URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.views.pickers import search_page
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.feeds import feed_response, webcal_url
from nonprolif.core.web.submit import add_service_errors
from nonprolif.program.queries import get_program_for
from nonprolif.training.calendar import ics
from nonprolif.training.calendar.domain import create_feed, revoke_feed
from nonprolif.training.calendar.forms import FeedForm
from nonprolif.training.calendar.queries import (
    feed_agencies,
    feed_officials,
    feed_sessions,
    feeds_for,
    get_feed_by_token,
    get_feed_for,
)
from nonprolif.training.models import FeedScope


def _feed_form(request, program, data=None):
    agencies = feed_agencies(request.user, program)
    officials = feed_officials(request.user, program)
    scopes = []
    if request.user.has_perm("training.add_program_feed", program):
        scopes.append(FeedScope.PROGRAM)
    if agencies.exists():
        scopes.append(FeedScope.AGENCY)
    if officials.exists():
        scopes.append(FeedScope.OFFICIAL)
    form = FeedForm(
        data,
        scopes=scopes,
        agencies=agencies,
        officials=officials,
        search_url=reverse("feed_official_search", args=[program.code]),
    )
    return form, bool(scopes)


@never_cache
def feed_list(request, code):
    """The user's calendar feeds of the program; POST creates one and shows its URL once."""
    program = get_program_for(request.user, code)
    note_read(request, action="feed.list", obj=program)
    form, can_create = _feed_form(request, program, request.POST or None)
    feed_url = None
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        if form.is_valid():
            try:
                _feed, raw = create_feed(actor=request.user, program=program, **form.service_data())
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied:
                form.add_error(None, _("You may not create this feed."))
            else:
                feed_url = request.build_absolute_uri(reverse("training_feed", args=[raw]))
                form, can_create = _feed_form(request, program)
    return render(
        request,
        "training/feed_list.html",
        {
            "program": program,
            "form": form,
            "can_create": can_create,
            "feeds": list(feeds_for(request.user, program)),
            "feed_url": feed_url,
            "webcal_url": feed_url and webcal_url(feed_url),
        },
        status=400 if request.method == "POST" and feed_url is None else 200,
    )


def feed_revoke(request, pk):
    """GET asks for confirmation; POST revokes the feed."""
    feed = get_feed_for(request.user, pk)
    if request.method != "POST":
        list_url = reverse("feed_list", args=[feed.program.code])
        return confirm_page(
            request,
            question=_("Revoke the calendar feed of %(subject)s?") % {"subject": feed.subject},
            details=[
                _(
                    "Calendars subscribed to its address stop updating; it cannot be undone. "
                    "You can create a new feed afterwards."
                )
            ],
            confirm_label=_("Revoke the feed"),
            cancel_url=list_url,
            obj=feed,
            action="feed.view",
            header="training/_header.html",
            context={"program": feed.program, "tab": "feeds"},
        )
    revoke_feed(actor=request.user, feed=feed)
    messages.success(request, _("Feed revoked: its address no longer works."))
    return redirect("feed_list", code=feed.program.code)


@login_not_required
@require_GET
def feed_ics(request, token):
    """The public feed: no login, the secret token is the key. 404 for an unknown or
    revoked token. The content is what the feed's creator may see now, in his language."""
    feed = get_feed_by_token(token)
    with translation.override(feed.language):
        name = f"{feed.program.name} · {feed.subject}"
        body = ics.to_ical(feed_sessions(feed), name=name)
    return feed_response(body, content_type="text/calendar; charset=utf-8", filename="calendar.ics")


@require_GET
def feed_official_search(request, code):
    """The officials the feed form of program ``code`` offers, matching ``?q=``."""
    program = get_program_for(request.user, code)
    return search_page(request, feed_officials(request.user, program))
