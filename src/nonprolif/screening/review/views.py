"""The review pages: the alert queue, one alert (its party or goods line, the entry, the score
explained, the trail, the decision and escalation forms), the cleared parties and lifting
one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.screening.models import AlertStatus
from nonprolif.screening.review.display import entry_facts, explanation_table
from nonprolif.screening.review.domain import decide_alert, escalate_alert, lift_suppression
from nonprolif.screening.review.dossier import identifiers_text
from nonprolif.screening.review.forms import (
    AlertFilterForm,
    DecisionForm,
    EscalateForm,
    LiftForm,
    SuppressionFilterForm,
)
from nonprolif.screening.review.queries import (
    alert_report,
    alert_suppression,
    alerts_for,
    decisions_for,
    get_alert_for,
    get_suppression_for,
    status_counts,
    suppressions_for,
)


@require_GET
def alert_list(request):
    """The queue: open alerts first, filtered by status, list, batch and name; the count of
    each status under the same filters."""
    form = AlertFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = paginate(request, alerts_for(request.user, **filters))
    counts = status_counts(request.user, **{k: v for k, v in filters.items() if k != "status"})
    note_read(
        request,
        action="screening.alert.list",
        changes={k: str(v) for k, v in filters.items() if v} or None,
    )
    return render(
        request,
        "screening/review/alert_list.html",
        {
            "form": form,
            "page": page,
            "counts": [(value, label, counts[value]) for value, label in AlertStatus.choices],
            "status": filters.get("status") or "",
        },
    )


def _detail(request, alert, *, decision_form=None, escalate_form=None, status=200):
    user = request.user
    return render(
        request,
        "screening/review/alert_detail.html",
        {
            "alert": alert,
            "entry": entry_facts(alert),
            "party_identifiers": identifiers_text(alert.party.identifiers) if alert.party else "",
            "explanation": explanation_table(alert),
            "decisions": list(decisions_for(user, alert)),
            "report": alert_report(user, alert),
            "suppression": alert_suppression(alert),
            "can_decide": has_perm("screening.decide_alert", user, alert),
            "can_escalate": has_perm("screening.escalate_alert", user, alert)
            and alert.report_id is None,
            "decision_form": decision_form or DecisionForm(alert=alert),
            "escalate_form": escalate_form or EscalateForm(user=user),
        },
        status=status,
    )


@require_GET
def alert_detail(request, pk):
    alert = get_alert_for(request.user, pk)
    note_read(request, action="screening.alert.view", obj=alert)
    return _detail(request, alert)


@require_POST
def alert_decide(request, pk):
    """A decision (the service refuses, and audits, anybody who may not decide)."""
    alert = get_alert_for(request.user, pk)
    form = DecisionForm(request.POST, alert=alert)
    if not form.is_valid() and not has_perm("screening.decide_alert", request.user, alert):
        raise PermissionDenied
    decided = submit(request, form, decide_alert, alert=alert)
    if decided is None:
        note_read(request, action="screening.alert.view", obj=alert)
        return _detail(request, alert, decision_form=form, status=400)
    messages.success(
        request,
        _("%(alert)s marked %(status)s.")
        % {"alert": decided, "status": decided.get_status_display()},
    )
    return redirect("screening_alert_detail", pk=alert.pk)


@require_POST
def alert_escalate(request, pk):
    """Escalation to an intelligence report draft (the service refuses, and audits, anybody
    who may not)."""
    alert = get_alert_for(request.user, pk)
    form = EscalateForm(request.POST, user=request.user)
    if not form.is_valid() and not has_perm("screening.escalate_alert", request.user, alert):
        raise PermissionDenied
    report = submit(request, form, escalate_alert, alert=alert)
    if report is None:
        note_read(request, action="screening.alert.view", obj=alert)
        return _detail(request, alert, escalate_form=form, status=400)
    messages.success(
        request,
        _("%(alert)s escalated: report draft %(reference)s written.")
        % {"alert": alert, "reference": report.reference},
    )
    return redirect("screening_alert_detail", pk=alert.pk)


@require_GET
def cleared_list(request):
    """The cleared parties, in force or lapsed, a page at a time."""
    form = SuppressionFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = paginate(request, suppressions_for(request.user, **filters))
    for row in page.object_list:
        row.can_lift = has_perm("screening.lift_suppression", request.user, row)
    note_read(
        request,
        action="screening.suppression.list",
        changes={k: str(v) for k, v in filters.items() if v} or None,
    )
    return render(request, "screening/review/cleared_list.html", {"form": form, "page": page})


def cleared_lift(request, pk):
    """GET: the lift form; POST lifts (the service refuses, and audits, anybody who may not)."""
    suppression = get_suppression_for(request.user, pk)
    note_read(request, action="screening.suppression.view", obj=suppression)
    form = LiftForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid() and not has_perm(
            "screening.lift_suppression", request.user, suppression
        ):
            raise PermissionDenied
        reopened = submit(request, form, lift_suppression, suppression=suppression)
        if reopened is not None:
            messages.success(
                request,
                ngettext(
                    "%(party)s is no longer cleared; %(count)d alert is back in the queue.",
                    "%(party)s is no longer cleared; %(count)d alerts are back in the queue.",
                    len(reopened),
                )
                % {"party": suppression.party_name, "count": len(reopened)},
            )
            return redirect("screening_cleared_list")
    elif not has_perm("screening.lift_suppression", request.user, suppression):
        raise PermissionDenied
    return render(
        request,
        "screening/review/cleared_lift.html",
        {"form": form, "suppression": suppression},
        status=400 if request.method == "POST" else 200,
    )
