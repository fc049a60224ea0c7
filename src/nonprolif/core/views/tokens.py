from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from nonprolif.core import queries
from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.tokens import issue_token, revoke_token
from nonprolif.core.forms import TokenForm
from nonprolif.core.web.confirm import confirm_page


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


def token_revoke(request, pk):
    """GET asks for confirmation; POST revokes the token."""
    token = queries.get_token_for(request.user, pk)
    if request.method != "POST":
        return confirm_page(
            request,
            question=_("Revoke the API token “%(name)s”?") % {"name": token.name},
            details=[
                _(
                    "Programs that use it are refused from then on; it cannot be undone. "
                    "You can issue a new token afterwards."
                )
            ],
            confirm_label=_("Revoke the token"),
            cancel_url=reverse("token_list"),
            obj=token,
            action="token.view",
            trail=[(reverse("token_list"), _("API tokens"))],
        )
    revoke_token(actor=request.user, token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect(reverse("token_list"))
