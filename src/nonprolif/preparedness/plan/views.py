"""The training and exercise plan page: a program's sessions and exercises, a year at a
time, month by month (a table that fits a phone), with the years to move between."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.preparedness.plan.forms import PlanForm
from nonprolif.preparedness.plan.queries import get_plan_program_for, plan_for, plan_programs


@require_GET
def plan(request):
    """``?program=CODE`` (default: the first program the user sees) and ``?year=``."""
    form = PlanForm(request.GET or None)
    code, year = form.choice() if request.GET else (None, None)
    program = get_plan_program_for(request.user, code)
    the_plan = plan_for(request.user, program, year)
    note_read(
        request,
        action="preparedness.plan.view",
        obj=program,
        changes={
            "year": the_plan.year,
            "sessions": [s.pk for s in the_plan.sessions],
            "exercises": [e.code for e in the_plan.exercises],
        },
    )
    return render(
        request,
        "preparedness/plan/plan.html",
        {
            "plan": the_plan,
            "programs": list(plan_programs(request.user)[:50]),
            "form": form,
        },
    )
