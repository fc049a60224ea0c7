"""Who may act on requests for information.

- An analyst with an agency and a clearance asks a question (``intel.add_request``) of other
  agencies, classified at most at his clearance (the service checks the level).
- An analyst of an agency asked, cleared for the request's classification, answers it with
  a draft report of his agency while it is open (``intel.answer_request``).
- An analyst of the asking agency, cleared for it, closes it (``intel.close_request``).
- Everybody else who can see the request (``InfoRequest.objects.visible_to``) reads it.
"""

import rules

from nonprolif.core.rules import is_analyst
from nonprolif.intel.models import InfoRequest, RequestStatus


@rules.predicate
def has_agency_and_clearance(user) -> bool:
    return bool(getattr(user, "agency_id", None)) and bool(getattr(user, "clearance_id", None))


@rules.predicate
def is_cleared_for_request(user, info_request) -> bool:
    """The user's clearance reaches the request's classification."""
    return (
        info_request is not None
        and getattr(user, "clearance_id", None) is not None
        and user.clearance.rank >= info_request.classification.rank
    )


@rules.predicate
def is_asking_agency_user(user, info_request) -> bool:
    return (
        info_request is not None
        and bool(getattr(user, "agency_id", None))
        and info_request.requester_id == user.agency_id
    )


@rules.predicate
def is_asked_agency_user(user, info_request) -> bool:
    agency_id = getattr(user, "agency_id", None)
    if info_request is None or not agency_id:
        return False
    return InfoRequest.recipients.through.objects.filter(
        inforequest_id=info_request.pk, agency_id=agency_id
    ).exists()


@rules.predicate
def is_open_request(user, info_request) -> bool:
    return info_request is not None and info_request.status != RequestStatus.CLOSED


can_add_request = is_analyst & has_agency_and_clearance
can_answer_request = is_analyst & is_cleared_for_request & is_open_request & is_asked_agency_user
can_close_request = is_analyst & is_cleared_for_request & is_open_request & is_asking_agency_user

rules.add_perm("intel.add_request", can_add_request)  # no object
rules.add_perm("intel.answer_request", can_answer_request)  # object: the request
rules.add_perm("intel.close_request", can_close_request)  # object: the request
