"""Reads of requests for information. Every selector starts from
``InfoRequest.objects.visible_to`` (the asking agency and the agencies asked, cleared for the
request's classification); the answers shown are only the reports the reader may see
(``visible_report_q``), so a request never tells of an answer that does not exist for him.
``get_request_for`` raises Http404 for a missing request and an invisible one alike."""

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor, Agency, AgencyKind
from nonprolif.intel.models import (
    InfoRequest,
    IntelReport,
    ReportStatus,
    RequestStatus,
    visible_report_q,
)

#: The list's boxes: what the user's agency asked, and what it was asked.
ASKED_BY_US = "asked_by"
ASKED_OF_US = "asked_of"
BOXES = (ASKED_BY_US, ASKED_OF_US)


def _asked_of(agency_id: int) -> Exists:
    return Exists(
        InfoRequest.recipients.through.objects.filter(
            inforequest_id=OuterRef("pk"), agency_id=agency_id
        )
    )


def _visible_answer_count(user: Actor) -> Coalesce:
    """How many answers of the outer request ``user`` may read (one subquery)."""
    answers = (
        IntelReport.objects.filter(visible_report_q(user), request_id=OuterRef("pk"))  # type: ignore[arg-type]
        .order_by()
        .values("request_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(answers, output_field=IntegerField()), Value(0))


def requests_for(user: Actor, *, box: str = "", status: str = "") -> QuerySet[InfoRequest]:
    """The requests ``user`` may read, newest first: all of them, or those his agency asked
    (``box="asked_by"``) or was asked (``box="asked_of"``), optionally of one ``status``;
    each with ``answer_count`` (the answers he may read) and its recipients prefetched."""
    requests = InfoRequest.objects.visible_to(user)  # type: ignore[arg-type]
    agency_id = getattr(user, "agency_id", None)
    if box == ASKED_BY_US:
        requests = requests.filter(requester_id=agency_id or 0)
    elif box == ASKED_OF_US:
        requests = requests.filter(_asked_of(agency_id or 0))
    if status:
        requests = requests.filter(status=status)
    return (
        requests.select_related("classification", "requester", "author")
        .prefetch_related("recipients")
        .annotate(answer_count=_visible_answer_count(user))
        .order_by("-created_at", "-id")
    )


def get_request_for(user: Actor, pk: int | str) -> InfoRequest:
    """The request ``pk`` if ``user`` may read it; Http404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such request.")) from None
    found = requests_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404(_("No such request."))
    return found


def request_answers(user: Actor, info_request: InfoRequest) -> QuerySet[IntelReport]:
    """The answers to ``info_request`` that ``user`` may read, oldest first."""
    return (
        IntelReport.objects.visible_to(user)  # type: ignore[arg-type]
        .filter(request=info_request)
        .select_related("classification", "originator")
        .order_by("created_at", "id")
    )


def recipients_shown(user: Actor, info_request: InfoRequest) -> list[Agency]:
    """The agencies asked as ``user`` sees them, by code: every one, except that a user of a
    foreign partner agency that was asked (not the asker) sees only his own agency, never
    the domestic distribution. Reads the prefetched recipients when there are."""
    agencies = sorted(info_request.recipients.all(), key=lambda agency: agency.code)
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None or agency_id == info_request.requester_id:
        return agencies
    if user.agency is not None and user.agency.kind == AgencyKind.PARTNER:  # type: ignore[union-attr]
        return [agency for agency in agencies if agency.pk == agency_id]
    return agencies


def recipient_states(user: Actor, info_request: InfoRequest) -> list[tuple[Agency, bool]]:
    """Each agency asked that ``user`` sees (``recipients_shown``), with whether he can read
    an answer of it (an answer he may not read does not count: for him it does not exist)."""
    answered = set(request_answers(user, info_request).values_list("originator_id", flat=True))
    return [(agency, agency.pk in answered) for agency in recipients_shown(user, info_request)]


def answering_agencies(info_request: InfoRequest) -> set[int]:
    """The agencies asked that wrote an answer (of any state but withdrawn). For the
    reminders, which go to each agency about its own answers only."""
    return set(
        IntelReport.objects.filter(request=info_request)
        .exclude(status=ReportStatus.WITHDRAWN)
        .values_list("originator_id", flat=True)
    )


def requests_awaiting_count(user: Actor) -> int:
    """How many open requests the user's agency was asked and has not answered yet: an
    answer of his own agency that he may read (any state but withdrawn) counts; one above
    his clearance does not exist for him. One query."""
    agency_id = getattr(user, "agency_id", None)
    if not agency_id:
        return 0
    own_answers = (
        IntelReport.objects.visible_to(user)  # type: ignore[arg-type]
        .filter(request_id=OuterRef("pk"), originator_id=agency_id)
        .exclude(status=ReportStatus.WITHDRAWN)
    )
    return (
        InfoRequest.objects.visible_to(user)  # type: ignore[arg-type]
        .filter(_asked_of(agency_id))
        .exclude(status=RequestStatus.CLOSED)
        .exclude(Exists(own_answers))
        .count()
    )
