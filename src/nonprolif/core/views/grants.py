"""The role grants page of administrators: pending grants of the roles that read the whole
office, approved or rejected by an administrator other than the one who asked."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules import has_perm

from nonprolif.core import queries
from nonprolif.core.domain.grants import approve_grant, reject_grant
from nonprolif.core.models import GrantState

RECENT_DECISIONS = 20


def grant_list(request):
    """Pending grants, and the latest decisions."""
    if not has_perm("core.manage_accounts", request.user):
        raise PermissionDenied
    grants = queries.grants_for(request.user)
    return render(
        request,
        "core/grant_list.html",
        {
            "pending": grants.filter(state=GrantState.PENDING),
            "decided": grants.exclude(state=GrantState.PENDING)[:RECENT_DECISIONS],
        },
    )


def _decide(request, pk, decide, done: str):
    grant = queries.get_grant_for(request.user, pk)
    try:
        decide(actor=request.user, grant=grant)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done % {"role": grant.role, "user": grant.user.username})
    return redirect(reverse("grant_list"))


@require_POST
def grant_approve(request, pk):
    return _decide(request, pk, approve_grant, _("%(user)s is now %(role)s."))


@require_POST
def grant_reject(request, pk):
    return _decide(request, pk, reject_grant, _("The %(role)s role of %(user)s was rejected."))
