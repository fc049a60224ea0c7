"""Reads of releasability lists, partner releases and distribution lists.

Every release row is read through ``releases_for(user)``, which starts from the access rule
(``visible_report_q``): a release of a report the user cannot read does not exist for him.
Who sees which rows of a visible report's list:

- the originating agency's users: every row, pending and refused ones too;
- another national agency's users: the effective rows (the report's distribution);
- a foreign partner's users: their own agency's row only, never the domestic distribution
  (MISP #10019).

``get_<thing>_for`` helpers raise Http404 for a missing thing and an invisible one alike.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import AgencyKind, User
from nonprolif.core.scoping import NOTHING
from nonprolif.intel.models import (
    DistributionList,
    IntelReport,
    ReleaseState,
    ReportRelease,
    visible_report_q,
)
from nonprolif.intel.releases.rules import is_intel_writer


def releases_for(user: User) -> QuerySet[ReportRelease]:
    """The release rows ``user`` may see (the module docstring's rule)."""
    condition = visible_report_q(user, "report__")
    if condition is NOTHING:
        return ReportRelease.objects.none()
    own_reports = Q(report__originator_id=user.agency_id)
    agency = user.agency
    if agency is not None and agency.kind == AgencyKind.PARTNER:
        shown = Q(agency_id=user.agency_id, state=ReleaseState.EFFECTIVE)
    else:
        shown = Q(state=ReleaseState.EFFECTIVE)
    return (
        ReportRelease.objects.filter(condition)
        .filter(own_reports | shown)
        .select_related("agency", "requested_by", "decided_by", "report__classification")
    )


def report_releases(user: User, report: IntelReport) -> QuerySet[ReportRelease]:
    """The rows of ``report``'s releasability list ``user`` may see, national agencies
    first, by code."""
    return releases_for(user).filter(report=report).order_by("agency__kind", "agency__code")


def get_release_for(user: User, pk: int | str) -> ReportRelease:
    """The release ``pk`` if ``user`` may see it; Http404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such release.")) from None
    release = releases_for(user).select_related("report__originator").filter(pk=pk).first()
    if release is None:
        raise Http404(_("No such release."))
    return release


def releases_awaiting(user: User) -> QuerySet[ReportRelease]:
    """The pending partner releases ``user`` may decide: of reports he can read, of his
    agency, asked by somebody else, when he is one of its analysts or coordinators; oldest
    request first."""
    if not _is_writer(user):
        return ReportRelease.objects.none()
    return (
        releases_for(user)
        .filter(report__originator_id=user.agency_id, state=ReleaseState.PENDING)
        .exclude(requested_by_id=user.pk)
        .select_related("report__originator")
        .order_by("pk")
    )


def _is_writer(user: User) -> bool:
    return bool(is_intel_writer(user))


def releases_awaiting_count(user: User) -> int:
    """How many partner releases await ``user``'s approval (for the home page)."""
    if not _is_writer(user):
        return 0
    return releases_awaiting(user).count()


def distribution_lists_for(user: User) -> QuerySet[DistributionList]:
    """The distribution lists of ``user``'s agency, by name, with their agencies."""
    visible = DistributionList.objects.visible_to
    lists: QuerySet[DistributionList] = visible(user)  # type: ignore[no-untyped-call]
    return lists.prefetch_related("agencies").order_by("name_es", "pk")


def get_distribution_list_for(user: User, pk: int | str) -> DistributionList:
    """The distribution list ``pk`` if it is ``user``'s agency's; Http404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such distribution list.")) from None
    distribution_list = distribution_lists_for(user).filter(pk=pk).first()
    if distribution_list is None:
        raise Http404(_("No such distribution list."))
    return distribution_list
