"""The tips pages: the list (of one stakeholder, awaiting a report or reported), taking a tip
from a stakeholder, one tip (its acknowledgement, its report or the button that writes it),
writing the report draft and sending the acknowledgement again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.outreach.stakeholders.queries import get_stakeholder_for
from nonprolif.outreach.tips import acknowledgement
from nonprolif.outreach.tips.domain import record_tip, report_tip, resend_acknowledgement
from nonprolif.outreach.tips.forms import TipFilterForm, TipForm, TipReportForm
from nonprolif.outreach.tips.queries import get_tip_for, tips_for


@require_GET
def tip_list(request):
    form = TipFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    stakeholder = None
    if filters.get("stakeholder"):
        stakeholder = get_stakeholder_for(request.user, filters["stakeholder"])
    page = paginate(request, tips_for(request.user, **filters))
    note_read(
        request,
        action="outreach.tip.list",
        changes={k: str(v) for k, v in filters.items() if v} or None,
    )
    return render(
        request,
        "outreach/tips/tip_list.html",
        {
            "form": form,
            "page": page,
            "stakeholder": stakeholder,
            "can_add": stakeholder is not None
            and has_perm("outreach.add_tip", request.user, stakeholder),
        },
    )


def tip_create(request, pk):
    """GET: the form; POST takes the tip (the service refuses, and audits, anybody but a
    liaison of the stakeholder's responsible agency)."""
    stakeholder = get_stakeholder_for(request.user, pk)
    allowed = has_perm("outreach.add_tip", request.user, stakeholder)
    if request.method == "GET" and not allowed:
        raise PermissionDenied
    form = TipForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid() and not allowed:
            raise PermissionDenied
        tip = submit(request, form, record_tip, stakeholder=stakeholder)
        if tip is not None:
            if acknowledgement.recipients(tip):
                messages.success(
                    request,
                    _("Tip %(reference)s recorded; its acknowledgement is on its way.")
                    % {"reference": tip.reference},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "Tip %(reference)s recorded. No acknowledgement could be sent: "
                        "neither the tip nor the stakeholder's contacts have an e-mail address."
                    )
                    % {"reference": tip.reference},
                )
            return redirect("outreach_tip_detail", pk=tip.pk)
    note_read(request, action="outreach.stakeholder.view", obj=stakeholder)
    return render(
        request,
        "outreach/tips/tip_form.html",
        {"form": form, "stakeholder": stakeholder},
        status=400 if request.method == "POST" else 200,
    )


def _detail(request, tip, *, report_form=None, status=200):
    user = request.user
    note_read(request, action="outreach.tip.view", obj=tip)
    return render(
        request,
        "outreach/tips/tip_detail.html",
        {
            "tip": tip,
            "recipients": acknowledgement.recipients(tip),
            "can_report": tip.report_id is None and has_perm("outreach.report_tip", user, tip),
            "can_acknowledge": has_perm("outreach.acknowledge_tip", user, tip),
            "report_form": report_form or TipReportForm(user=user),
        },
        status=status,
    )


@require_GET
def tip_detail(request, pk):
    return _detail(request, get_tip_for(request.user, pk))


@require_POST
def tip_report(request, pk):
    """The intelligence report draft of the tip (the service refuses, and audits, anybody
    but an analyst of the responsible agency with a clearance)."""
    tip = get_tip_for(request.user, pk)
    form = TipReportForm(request.POST, user=request.user)
    if not form.is_valid() and not has_perm("outreach.report_tip", request.user, tip):
        raise PermissionDenied
    report = submit(request, form, report_tip, tip=tip)
    if report is None:
        return _detail(request, tip, report_form=form, status=400)
    messages.success(
        request,
        _("Report draft %(reference)s written from %(tip)s.")
        % {"reference": report.reference, "tip": tip.reference},
    )
    return redirect("intel_report_detail", pk=report.pk)


@require_POST
def tip_acknowledge(request, pk):
    """Send the acknowledgement again (the service refuses, and audits, anybody but a liaison
    of the responsible agency)."""
    tip = get_tip_for(request.user, pk)
    before = tip.acknowledged_at
    try:
        resend_acknowledgement(actor=request.user, tip=tip)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if tip.acknowledged_at != before:
            messages.success(request, _("The acknowledgement was sent."))
        else:
            messages.error(
                request, _("The mail server did not take the acknowledgement: try again later.")
            )
    return redirect("outreach_tip_detail", pk=tip.pk)
