"""Pages of meeting decisions and action items, the program's action items and its
engagement timeline."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.views.pickers import search_page
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import add_service_errors, submit
from nonprolif.events.coordination.domain.action_items import (
    change_action_item_status,
    create_action_item,
    update_action_item,
)
from nonprolif.events.coordination.domain.decisions import (
    create_decision,
    delete_decision,
    update_decision,
)
from nonprolif.events.coordination.forms import (
    ActionItemFilterForm,
    ActionItemForm,
    DecisionForm,
    StatusForm,
    TimelineFilterForm,
    owner_officials,
)
from nonprolif.events.coordination.queries import (
    action_item_history,
    engagement_timeline,
    get_action_item_for,
    get_decision_for,
    kind_labels,
    meeting_action_items,
    meeting_decisions,
    program_action_items,
    timeline_agencies,
)
from nonprolif.events.meetings.queries import get_meeting_for
from nonprolif.events.models import Meeting
from nonprolif.program.queries import get_program_for, program_agencies

PAGE_SIZE = 50


def meeting_coordination(request, pk):
    """A meeting's decisions and action items (with the forms to add them)."""
    meeting = get_meeting_for(request.user, pk)
    note_read(request, action="meeting.coordination", obj=meeting)
    context = {
        "meeting": meeting,
        "program": meeting.program,
        "decisions": meeting_decisions(request.user, meeting),
        "action_items": meeting_action_items(request.user, meeting),
    }
    if request.user.has_perm("events.add_meetingdecision", meeting):
        context["decision_form"] = DecisionForm()
    return render(request, "events/coordination/meeting_coordination.html", context)


def decision_create(request, pk):
    meeting = get_meeting_for(request.user, pk)
    require_perm(request.user, "events.add_meetingdecision", meeting)
    form = DecisionForm(request.POST or None)
    decision = submit(request, form, create_decision, meeting=meeting)
    if decision is not None:
        messages.success(request, _("Decision recorded."))
        return redirect("meeting_coordination", pk=meeting.pk)
    return render(
        request,
        "events/coordination/decision_form.html",
        {"form": form, "meeting": meeting, "program": meeting.program, "decision": None},
    )


def decision_edit(request, pk):
    decision = get_decision_for(request.user, pk)
    meeting = decision.meeting
    require_perm(request.user, "events.change_meetingdecision", decision)
    form = DecisionForm(request.POST or None, instance=decision)
    updated = submit(request, form, update_decision, decision=decision)
    if updated is not None:
        messages.success(request, _("Decision saved."))
        return redirect("meeting_coordination", pk=meeting.pk)
    return render(
        request,
        "events/coordination/decision_form.html",
        {"form": form, "meeting": meeting, "program": meeting.program, "decision": decision},
    )


def decision_delete(request, pk):
    """GET asks for confirmation; POST removes the decision."""
    decision = get_decision_for(request.user, pk)
    meeting_pk = decision.meeting_id
    require_perm(request.user, "events.delete_meetingdecision", decision)
    if request.method != "POST":
        meeting = decision.meeting
        program = meeting.program
        return confirm_page(
            request,
            question=_("Remove decision %(number)s of %(meeting)s?")
            % {"number": decision.number, "meeting": meeting.title},
            details=[
                decision.text,
                _("Its action items stay, no longer linked to a decision."),
            ],
            confirm_label=_("Remove this decision"),
            cancel_url=reverse("decision_edit", args=[decision.pk]),
            obj=decision,
            action="meeting_decision.view",
            trail=[
                (reverse("program_detail", args=[program.code]), program.name),
                (reverse("meeting_list", args=[program.code]), _("Meetings")),
                (reverse("meeting_coordination", args=[meeting.pk]), meeting.title),
            ],
        )
    delete_decision(actor=request.user, decision=decision)
    messages.success(request, _("Decision removed."))
    return redirect("meeting_coordination", pk=meeting_pk)


def action_item_create(request, pk):
    meeting = get_meeting_for(request.user, pk)
    require_perm(request.user, "events.add_actionitem", meeting)
    form = ActionItemForm(
        request.POST or None,
        user=request.user,
        meeting=meeting,
        search_url=reverse("action_item_owner_search", args=[meeting.pk]),
    )
    item = submit(request, form, create_action_item, meeting=meeting)
    if item is not None:
        messages.success(request, _("Action item recorded."))
        return redirect("action_item_detail", pk=item.pk)
    return render(
        request,
        "events/coordination/action_item_form.html",
        {"form": form, "meeting": meeting, "program": meeting.program, "item": None},
    )


def action_item_edit(request, pk):
    item = get_action_item_for(request.user, pk)
    require_perm(request.user, "events.change_actionitem", item)
    form = ActionItemForm(
        request.POST or None,
        instance=item,
        user=request.user,
        meeting=item.meeting,
        search_url=reverse("action_item_owner_search", args=[item.meeting_id]),
    )
    updated = submit(request, form, update_action_item, item=item)
    if updated is not None:
        messages.success(request, _("Action item saved."))
        return redirect("action_item_detail", pk=item.pk)
    return render(
        request,
        "events/coordination/action_item_form.html",
        {"form": form, "meeting": item.meeting, "program": item.meeting.program, "item": item},
    )


def action_item_detail(request, pk):
    item = get_action_item_for(request.user, pk)
    note_read(request, action="action_item.view", obj=item)
    form = None
    if request.user.has_perm("events.update_actionitem_status", item):
        form = StatusForm(initial={"status": item.status})
    return render(
        request,
        "events/coordination/action_item_detail.html",
        {
            "item": item,
            "meeting": item.meeting,
            "program": item.meeting.program,
            "status_form": form,
            "history": action_item_history(request.user, item),
        },
    )


@require_POST
def action_item_status(request, pk):
    item = get_action_item_for(request.user, pk)
    require_perm(request.user, "events.update_actionitem_status", item)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            change_action_item_status(
                actor=request.user,
                item=item,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Status updated."))
            return redirect("action_item_detail", pk=item.pk)
    item = get_action_item_for(request.user, pk)
    return render(
        request,
        "events/coordination/action_item_detail.html",
        {
            "item": item,
            "meeting": item.meeting,
            "program": item.meeting.program,
            "status_form": form,
            "history": action_item_history(request.user, item),
        },
        status=422,
    )


def program_action_item_list(request, code):
    """The program's action items, a page at a time; owner agency, status, overdue and
    meeting (followed from a row) filter them."""
    program = get_program_for(request.user, code)
    agencies = list(program_agencies(program))
    form = ActionItemFilterForm(request.GET or None, agencies=agencies)
    form.is_valid()
    criteria = getattr(form, "cleaned_data", {})
    by_code = {agency.code: agency for agency in agencies}
    filters = {
        "agency": by_code.get(criteria.get("agency") or ""),
        "status": criteria.get("status") or "",
        "overdue": form.overdue_value() if "overdue" in criteria else None,
        "meeting": criteria.get("meeting"),
    }
    meeting = None
    if filters["meeting"]:
        meeting = (
            Meeting.objects.visible_to(request.user)
            .filter(program=program, pk=filters["meeting"])
            .first()
        )
    page = paginate(request, program_action_items(request.user, program, **filters), PAGE_SIZE)
    note_read(request, action="action_item.list")
    return render(
        request,
        "events/coordination/action_item_list.html",
        {
            "program": program,
            "form": form,
            "meeting": meeting,
            "page": page,
            "items": page.object_list,
        },
    )


def engagement_timeline_page(request, code):
    """The program's engagement timeline, a page at a time; concerning agency, kind and a
    date range filter it."""
    program = get_program_for(request.user, code)
    note_read(request, action="engagement.timeline", obj=program)
    agencies = list(timeline_agencies(program).order_by("kind", "code"))
    form = TimelineFilterForm(request.GET or None, agencies=agencies, kinds=kind_labels())
    form.is_valid()
    criteria = getattr(form, "cleaned_data", {})
    agency = next((a for a in agencies if a.code == criteria.get("agency")), None)
    entries = engagement_timeline(
        request.user,
        program,
        agency=agency,
        since=criteria.get("since"),
        until=criteria.get("until"),
        kind=criteria.get("kind") or "",
    )
    page = paginate(request, entries, PAGE_SIZE)
    return render(
        request,
        "events/coordination/timeline.html",
        {
            "program": program,
            "form": form,
            "agency": agency,
            "page": page,
            "entries": page.object_list,
        },
    )


@require_GET
def action_item_owner_search(request, pk):
    """The officials the action item form of meeting ``pk`` offers as owner, matching
    ``?q=``."""
    meeting = get_meeting_for(request.user, pk)
    require_perm(request.user, "events.add_actionitem", meeting)
    return search_page(request, owner_officials(request.user, meeting))
