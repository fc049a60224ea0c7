"""Pages of nominations: the approval queue and one nomination (decide, withdraw,
substitute)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import add_service_errors
from nonprolif.program.queries import get_program_for
from nonprolif.training.nominations.domain.nominations import (
    NominationInput,
    decide_nomination,
    substitute_nomination,
    withdraw_nomination,
)
from nonprolif.training.nominations.domain.reasons import reason_text
from nonprolif.training.nominations.forms import (
    DecisionForm,
    QueueFilterForm,
    SubstituteForm,
    WithdrawForm,
)
from nonprolif.training.nominations.queries import (
    get_item_for,
    get_nomination_for,
    nominable_officials,
    program_nominations,
    visible_items,
)
from nonprolif.training.nominations.views.bulk import promoted_message


def call_service(form, service, **kwargs):
    """Call ``service`` with the form's data; put its errors on the form. None on failure."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def nomination_input(data) -> NominationInput:
    """The nomination fields of a nominate or substitute form's cleaned data."""
    return NominationInput(
        official=data["official"],
        language=data["language"],
        unavailable=data["unavailable"],
        preferences=data["preferences"],
    )


def _substitute_officials(user, program, item, nomination):
    """The officials who may replace ``nomination``: nominable ones of the same agency."""
    return nominable_officials(user, program, item).filter(agency_id=nomination.agency_id)


def nomination_queue(request, code):
    """The nominations awaiting approval (by default), filterable by status, agency, name."""
    program = get_program_for(request.user, code)
    filters = QueueFilterForm(request.GET or None, initial={"status": "submitted"})
    filters.is_valid()
    criteria = getattr(filters, "cleaned_data", {}) or {}
    status = criteria.get("status") if request.GET else "submitted"
    items = {item.key: item for item in visible_items(request.user, program)}
    rows = program_nominations(
        request.user,
        program,
        status=status or None,
        agency=criteria.get("agency") or None,
        query=criteria.get("q") or None,
    ).filter(item_key__in=list(items))
    page = paginate(request, rows, per_page=50)
    note_read(
        request,
        action="nomination.list",
        changes={"search": {k: str(v) for k, v in criteria.items() if v}},
    )
    for nomination in page.object_list:
        nomination.item = items.get(nomination.item_key)
    return render(
        request,
        "training/nominations/queue.html",
        {
            "program": program,
            "filters": filters,
            "page": page,
            "decision_form": DecisionForm(),
        },
    )


def nomination_detail(request, pk):
    """One nomination: who nominated, decided, withdrew or replaced, when; the actions."""
    nomination = get_nomination_for(request.user, pk)
    note_read(request, action="nomination.view", obj=nomination)
    return _render_detail(request, nomination)


def _render_detail(request, nomination, form=None, name=None):
    """The nomination's page; with ``form`` (bound, invalid) in place of the blank form
    ``name``, answered 400."""
    program = nomination.program
    item = get_item_for(request.user, program, nomination.item_key)
    forms = {
        "decision_form": DecisionForm(),
        "withdraw_form": WithdrawForm(),
        "substitute_form": SubstituteForm(
            officials=_substitute_officials(request.user, program, item, nomination),
            search_url=reverse("substitute_search", args=[nomination.pk]),
            prefix="sub",
        ),
    }
    if form is not None:
        forms[name] = form
    return render(
        request,
        "training/nominations/detail.html",
        {
            "program": program,
            "item": item,
            "nomination": nomination,
            "reason_shown": reason_text(nomination.outcome_code, nomination.outcome_details),
            "substitutes": list(nomination.substitutes.select_related("official")),
            **forms,
        },
        status=200 if form is None else 400,
    )


@require_POST
def nomination_decide(request, pk):
    nomination = get_nomination_for(request.user, pk)
    if not request.user.has_perm("training.decide_nomination", nomination):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid() and call_service(
        form,
        decide_nomination,
        actor=request.user,
        nomination=nomination,
        decision=form.cleaned_data["decision"],
        reason=form.cleaned_data["reason"],
    ):
        messages.success(request, _("Decision recorded."))
        target = request.POST.get("next")
        if target == "queue":
            return redirect("nomination_queue", code=nomination.program.code)
        return redirect("nomination_detail", pk=nomination.pk)
    return _render_detail(request, nomination, form, "decision_form")


@require_POST
def nomination_withdraw(request, pk):
    nomination = get_nomination_for(request.user, pk)
    if not request.user.has_perm("training.withdraw_nomination", nomination):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    withdrawal = None
    if form.is_valid():
        withdrawal = call_service(
            form,
            withdraw_nomination,
            actor=request.user,
            nomination=nomination,
            reason=form.cleaned_data["reason"],
        )
    if withdrawal is not None:
        text = _("Nomination of %(name)s withdrawn.") % {"name": nomination.official.full_name}
        if withdrawal.promoted:
            text += " " + promoted_message(withdrawal.promoted)
        messages.success(request, text)
        return redirect("nomination_detail", pk=nomination.pk)
    return _render_detail(request, nomination, form, "withdraw_form")


@require_POST
def nomination_substitute(request, pk):
    nomination = get_nomination_for(request.user, pk)
    if not request.user.has_perm("training.substitute_nomination", nomination):
        raise PermissionDenied
    program = nomination.program
    item = get_item_for(request.user, program, nomination.item_key)
    form = SubstituteForm(
        request.POST,
        officials=_substitute_officials(request.user, program, item, nomination),
        search_url=reverse("substitute_search", args=[nomination.pk]),
        prefix="sub",
    )
    if form.is_valid():
        data = form.cleaned_data
        substitute = call_service(
            form,
            substitute_nomination,
            actor=request.user,
            nomination=nomination,
            data=nomination_input(data),
            reason=data["reason"],
        )
        if substitute is not None:
            messages.success(request, _("Substitute nominated; he awaits approval."))
            return redirect("nomination_detail", pk=substitute.pk)
    return _render_detail(request, nomination, form, "substitute_form")
