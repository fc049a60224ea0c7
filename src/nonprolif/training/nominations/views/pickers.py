"""Search endpoints of the nomination forms' pickers: the officials the user may nominate
for an item, and those who may replace a nomination (the forms' own selectors)."""

from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_GET

from nonprolif.core.views.pickers import search_page
from nonprolif.program.queries import get_program_for
from nonprolif.training.nominations.queries import (
    get_item_for,
    get_nomination_for,
    nominable_officials,
)
from nonprolif.training.nominations.views.items import _can_nominate
from nonprolif.training.nominations.views.nominations import _substitute_officials


@require_GET
def nominable_search(request, code, item_key):
    """The officials the nomination form of ``item_key`` offers, matching ``?q=``."""
    program = get_program_for(request.user, code)
    item = get_item_for(request.user, program, item_key)
    if not _can_nominate(request.user):
        raise PermissionDenied
    return search_page(request, nominable_officials(request.user, program, item))


@require_GET
def substitute_search(request, pk):
    """The officials who may replace nomination ``pk``, matching ``?q=``."""
    nomination = get_nomination_for(request.user, pk)
    if not request.user.has_perm("training.substitute_nomination", nomination):
        raise PermissionDenied
    program = nomination.program
    item = get_item_for(request.user, program, nomination.item_key)
    return search_page(request, _substitute_officials(request.user, program, item, nomination))
