"""Publishing the draft timetable as the next schedule release."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.models import User
from nonprolif.events.conference.queries import build_snapshot, snapshot_changes
from nonprolif.events.models import Conference, ScheduleRelease

from ._common import clean


def publish_schedule(*, actor: User, conference: Conference, note: str = "") -> ScheduleRelease:
    """Publish the draft timetable as the next release (v1, v2, …): the whole agenda frozen
    as a snapshot, with the list of changes against the previous release. Attendees see the
    latest release from then on. Speakers not yet confirmed (by the coordinator and by
    themselves) are left out of the published agenda.

    Side effects: one ScheduleRelease row and one audit entry ("schedule.publish").
    PermissionDenied unless the actor may publish; ValidationError when no talk is placed
    or nothing changed since the latest release; nothing is written then.
    """
    require_perm(actor, "events.publish_schedule", conference)
    with transaction.atomic():
        latest = ScheduleRelease.objects.filter(conference=conference).order_by("-version").first()
        agenda = build_snapshot(conference)
        if not agenda["talks"]:
            raise ValidationError({"__all__": _("No talk is placed yet: nothing to publish.")})
        changes = snapshot_changes(latest.snapshot if latest else None, agenda)
        if latest is not None and not changes and latest.snapshot == agenda:
            raise ValidationError(
                {
                    "__all__": _("Nothing changed since v%(version)d: nothing to publish.")
                    % {"version": latest.version}
                }
            )
        release = ScheduleRelease(
            conference=conference,
            version=(latest.version + 1) if latest else 1,
            published_by=actor if getattr(actor, "pk", None) else None,
            published_at=clock.now(),
            note=note,
            snapshot=agenda,
            changes=changes,
        )
        clean(release)
        release.save()
        record(
            actor=actor,
            action="schedule.publish",
            obj=release,
            changes={
                "version": [latest.version if latest else None, release.version],
                "changes": [None, len(changes)],
            },
        )
    return release
