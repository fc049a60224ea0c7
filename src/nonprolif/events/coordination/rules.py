"""Who may act on meeting decisions and action items.

- The national coordinator records, edits and removes decisions, and creates and edits
  action items (every field). An exercise's director also adds action items to the
  exercise's after-action meeting (its improvement plan's corrective actions).
- The liaisons (and, for a partner agency, its partner users) of the agency that owns an
  action item update its status (open, in progress, done, cancelled) with a note.
- The liaisons of the agency that made an outreach visit add action items (the visit's
  follow-ups) to the visit's own meeting.
- Everybody else who can see the meeting reads its decisions and items.
"""

import rules
from django.apps import apps

from nonprolif.core.rules import has_perm, is_coordinator, is_liaison, is_partner


@rules.predicate
def is_owner_agency_user(user, action_item) -> bool:
    """The user acts for the agency that owns ``action_item``."""
    return (
        action_item is not None
        and bool(getattr(user, "agency_id", None))
        and action_item.owner_agency_id == user.agency_id
    )


@rules.predicate
def is_outreach_visit_agency_user(user, meeting) -> bool:
    """``meeting`` records an outreach visit made by the user's agency, to a stakeholder
    his agency is responsible for."""
    if meeting is None or not getattr(user, "agency_id", None):
        return False
    visit = apps.get_model("outreach", "Visit")
    return visit.objects.filter(
        meeting_id=meeting.pk,
        agency_id=user.agency_id,
        stakeholder__responsible_agency_id=user.agency_id,
    ).exists()


@rules.predicate
def plans_its_exercise(user, meeting) -> bool:
    """``meeting`` is an exercise's after-action meeting and the user may plan that
    exercise's improvement (``preparedness.plan_improvement``: its director): the
    improvement plan's corrective actions are that meeting's action items."""
    exercise = getattr(meeting, "exercise", None) if meeting is not None else None
    return exercise is not None and has_perm("preparedness.plan_improvement", user, exercise)


can_update_status = is_coordinator | ((is_liaison | is_partner) & is_owner_agency_user)

rules.add_perm("events.add_meetingdecision", is_coordinator)  # object: the meeting
rules.add_perm("events.change_meetingdecision", is_coordinator)  # object: the decision
rules.add_perm("events.delete_meetingdecision", is_coordinator)  # object: the decision
rules.add_perm(
    "events.add_actionitem",
    is_coordinator | plans_its_exercise | (is_liaison & is_outreach_visit_agency_user),
)  # object: the meeting
rules.add_perm("events.change_actionitem", is_coordinator)  # object: the action item
rules.add_perm("events.update_actionitem_status", can_update_status)  # object: the item
