"""The releasability panel of a report's page (``intel/releases/_panel.html``): the rows of
the report's list the signed-in user may see, and what he may do with them."""

from django import template

from nonprolif.core.rules import has_perm
from nonprolif.intel.models import ReleaseState
from nonprolif.intel.releases.queries import report_releases

register = template.Library()


@register.simple_tag(takes_context=True)
def release_panel(context, report) -> dict:
    """``releases`` (the rows ``user`` may see: his own agency's row only for a partner),
    ``can_change`` (he may set the list) and ``decidable`` (the pending rows he may decide:
    not those he asked for himself)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or report is None:
        return {"releases": [], "can_change": False, "decidable": set()}
    releases = list(report_releases(user, report))
    can_decide = has_perm("intel.decide_release", user, report)
    return {
        "releases": releases,
        "can_change": has_perm("intel.release_report", user, report),
        "decidable": {
            r.pk
            for r in releases
            if can_decide and r.state == ReleaseState.PENDING and r.requested_by_id != user.pk
        },
    }
