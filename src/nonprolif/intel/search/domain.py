"""Writes of the search: saving and deleting a user's own searches, and telling owners of new
matches.

A notification carries only a link to the saved search (which the owner opens signed in, under
his own access): no title, no reference, no count, no words of the search. E-mail is not
cleared for classified text.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Actor, Outcome, User
from nonprolif.core.scoping import is_signed_in
from nonprolif.core.site import site_base
from nonprolif.intel.models import SavedSearch
from nonprolif.intel.search.queries import clean_filters, clean_query, newest_match_id


def save_search(
    *,
    actor: Actor,
    name: str,
    query: str = "",
    filters: Mapping[str, Any] | None = None,
    notify: bool = True,
) -> SavedSearch:
    """Save ``query`` and ``filters`` under ``name`` for ``actor`` (his own; any signed-in
    user may). The reports that match now are taken as seen: a notification tells only of
    reports that match later.

    Side effects: one SavedSearch row; one audit entry ("intel.saved_search.create").
    Raises ValidationError naming the field on bad input, PermissionDenied when not signed in.
    """
    if not is_signed_in(actor):
        raise PermissionDenied(_("Sign in to save a search."))
    assert isinstance(actor, User)
    query = clean_query(query)
    cleaned = clean_filters(filters)
    saved = SavedSearch(
        owner=actor, name=(name or "").strip(), query=query, filters=cleaned, notify=notify
    )
    with transaction.atomic():
        saved.last_seen_report = newest_match_id(actor, query, cleaned) or 0
        saved.full_clean()
        saved.save()
        record(
            actor=actor,
            action="intel.saved_search.create",
            obj=saved,
            changes={
                "name": [None, saved.name],
                "query": [None, query],
                "filters": [None, cleaned],
                "notify": [None, notify],
            },
        )
    return saved


def delete_saved_search(*, actor: Actor, saved_search: SavedSearch) -> None:
    """Delete one of ``actor``'s own saved searches.

    Side effects: the row deleted; one audit entry ("intel.saved_search.delete"). Someone
    else's: an audit entry with outcome denied, then PermissionDenied (nothing deleted).
    """
    if not is_signed_in(actor) or saved_search.owner_id != getattr(actor, "pk", None):
        record(
            actor=actor,
            action="intel.saved_search.delete",
            obj=saved_search,
            outcome=Outcome.DENIED,
        )
        raise PermissionDenied(_("Only its owner deletes a saved search."))
    with transaction.atomic():
        record(
            actor=actor,
            action="intel.saved_search.delete",
            obj=saved_search,
            changes={"name": [saved_search.name, None]},
        )
        saved_search.delete()


def _message(saved: SavedSearch, base_url: str | None) -> EmailMessage:
    owner = saved.owner
    with translation.override(owner.language or None):
        link = site_base(base_url) + reverse("intel_saved_search_open", args=[saved.pk])
        subject = _("New reports match one of your saved searches")
        body = render_to_string("intel/search/email/new_matches.txt", {"link": link})
    return EmailMessage(subject=subject, body=body, to=[owner.email])


def notify_new_matches(
    *, now: datetime.datetime | None = None, base_url: str | None = None
) -> list[int]:
    """For each saved search that asks for it, of an active owner with an e-mail address:
    when reports that he may read (now, under his own clearance and agency) match it above
    ``last_seen_report``, e-mail him a link to the saved search, nothing else. Links start
    with ``base_url`` when given, else SITE_URL. A search whose stored filters no longer
    validate is skipped.

    Side effects, per search told (in one transaction each): ``last_seen_report`` moved to
    the newest match and ``last_notified_at`` set; one audit entry
    ("intel.saved_search.notify", no actor); the e-mail. Returns the ids of the searches told.
    """
    now = now or timezone.now()
    told: list[int] = []
    searches = (
        SavedSearch.objects.filter(notify=True, owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner", "owner__clearance")
        .order_by("pk")
    )
    for saved in searches:
        try:
            newest = newest_match_id(
                saved.owner, saved.query, saved.filters, above=saved.last_seen_report
            )
        except ValidationError:
            continue
        if newest is None:
            continue
        message = _message(saved, base_url)
        with transaction.atomic():
            SavedSearch.objects.filter(pk=saved.pk).update(
                last_seen_report=newest, last_notified_at=now
            )
            record(
                actor=None,
                action="intel.saved_search.notify",
                obj=saved,
                changes={"to": [None, saved.owner.email]},
            )
            message.send()
        told.append(saved.pk)
    return told
