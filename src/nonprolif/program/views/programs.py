"""Program pages: the home page (what needs the user now, the programs he can see) and the
program dashboard."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.submit import submit
from nonprolif.program.domain import create_program, update_program
from nonprolif.program.forms import ProgramForm
from nonprolif.program.queries import get_program_for, home_programs, program_dashboard
from nonprolif.program.queries.home import home_for


def home(request):
    """What needs the user now (program.queries.home), then the programs he can see, each
    with key counts."""
    return render(
        request,
        "program/home.html",
        {"home": home_for(request.user), "summaries": home_programs(request.user)},
    )


def program_detail(request, code):
    program = get_program_for(request.user, code)
    note_read(request, action="program.view", obj=program)
    return render(
        request,
        "program/program_detail.html",
        {"program": program, "dashboard": program_dashboard(request.user, program)},
    )


def program_create(request):
    if not request.user.has_perm("program.add_program"):
        raise PermissionDenied
    form = ProgramForm(request.POST or None, user=request.user)
    program = submit(request, form, create_program)
    if program is not None:
        messages.success(request, _("Program created."))
        return redirect("program_detail", code=program.code)
    return render(request, "program/program_form.html", {"form": form, "program": None})


def program_edit(request, code):
    program = get_program_for(request.user, code)
    if not request.user.has_perm("program.change_program", program):
        raise PermissionDenied
    form = ProgramForm(request.POST or None, instance=program, user=request.user)
    updated = submit(request, form, update_program, program=program)
    if updated is not None:
        messages.success(request, _("Program saved."))
        return redirect("program_detail", code=updated.code)
    return render(request, "program/program_form.html", {"form": form, "program": program})
