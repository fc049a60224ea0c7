from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from nonprolif.core import queries
from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.tokens import issue_token, revoke_token
from nonprolif.core.forms import TokenForm


@never_cache
def token_list(request):
    """The user's own API tokens; POST issues one and shows its raw value this once."""
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = issue_token(
                user=request.user,
                name=form.cleaned_data["name"],
                read_only=form.cleaned_data["read_only"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    tokens = queries.tokens_of(request.user)
    note_read(request, action="token.list", objects=tokens)
    return render(
        request, "core/token_list.html", {"form": form, "tokens": tokens, "raw_token": raw}
    )


@require_POST
def token_revoke(request, pk):
    token = queries.get_token_for(request.user, pk)
    revoke_token(actor=request.user, token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect(reverse("token_list"))
