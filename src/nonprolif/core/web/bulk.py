"""The page flow of deciding many rows at once (approve or decline the rows ticked on a list).

The list posts ``ids`` and ``decision`` (a ``BulkDecisionBaseForm``). Without ``confirm``:
the confirmation page listing the rows, what will change and which rows cannot take the
decision. With it: the feature's service decides them all (back to the list with the report)
or none (the confirmation page again, 400, naming each row that cannot). A feature gives its
selector, service, check, message and template; the rows shown are noted for the read audit.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.submit import add_service_errors


def bulk_decision_page(
    request: HttpRequest,
    form: Form,
    *,
    select: Callable[[list[int]], Sequence[Any]],
    read_action: str,
    decide: Callable[..., Any],
    check: Callable[[Sequence[Any], str, str], dict[str, list[str]]],
    message: Callable[[Any], str],
    done_url: str,
    template: str,
    rows_name: str,
    context: dict[str, Any],
    approved: str = "approved",
) -> HttpResponse:
    """Answer the bulk decision POST bound to ``form``: ``select(ids)`` gives the rows (its
    404 for ids missing or hidden), ``check(rows, decision, reason)`` the problems by field,
    ``decide(ids=, decision=, reason=)`` does the batch (ValidationError: nothing written) and
    ``message(batch)`` the report after a redirect to ``done_url``. The page ``template`` gets
    ``context``, the form, the rows as ``rows_name``, ``decision`` and ``approve``."""
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    ids = data.get("ids") or []
    rows = select(ids) if ids else []
    note_read(request, action=read_action, objects=rows)
    status = 200
    if valid and data["confirm"]:
        try:
            batch = decide(ids=ids, decision=data["decision"], reason=data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
            status = 400
        else:
            messages.success(request, message(batch))
            return redirect(done_url)
    elif valid:
        # The reason is asked on this page: a missing one is not a problem yet.
        problems = check(rows, data["decision"], data["reason"] or "x")
        if problems:
            add_service_errors(form, ValidationError(problems))
    else:
        status = 400
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            rows_name: rows,
            "decision": data.get("decision"),
            "approve": data.get("decision") == approved,
        },
        status=status,
    )
