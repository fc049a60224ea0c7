"""The MSEL tab: the injects in order (number, time, from, to, synopsis, expected action,
objective, delivered), with the forms to add, change and remove the injects not yet
delivered for who may (a coordinator, the exercise's director); its CSV and XLSX export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.spreadsheets import FORMATS, spreadsheet_response
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.preparedness.exercises.domain import add_inject, remove_inject, update_inject
from nonprolif.preparedness.exercises.exports import msel_headers, msel_rows
from nonprolif.preparedness.exercises.forms import InjectForm
from nonprolif.preparedness.exercises.queries import get_exercise_for, get_inject_for, msel_for

MSEL_PAGE = 100


def _msel(request, exercise, *, form=None, status=200):
    page = paginate(request, msel_for(request.user, exercise), MSEL_PAGE)
    note_read(request, action="preparedness.msel.view", obj=exercise)
    return render(
        request,
        "preparedness/exercises/msel.html",
        {
            "exercise": exercise,
            "page": page,
            "can_change": has_perm("preparedness.change_exercise", request.user, exercise),
            "form": form or InjectForm(exercise=exercise),
        },
        status=status,
    )


@require_GET
def msel(request, pk):
    return _msel(request, get_exercise_for(request.user, pk))


@require_POST
def inject_add(request, pk):
    exercise = get_exercise_for(request.user, pk)
    form = InjectForm(request.POST, exercise=exercise)
    if not form.is_valid() and not has_perm("preparedness.change_exercise", request.user, exercise):
        raise PermissionDenied
    inject = submit(request, form, add_inject, exercise=exercise)
    if inject is None:
        return _msel(request, exercise, form=form, status=400)
    messages.success(request, _("Inject %(n)d added.") % {"n": inject.number})
    return redirect("preparedness_msel", pk=exercise.pk)


def inject_edit(request, pk, inject_pk):
    """GET: the inject's form; POST changes it (not once delivered)."""
    exercise = get_exercise_for(request.user, pk)
    inject = get_inject_for(request.user, exercise, inject_pk)
    can_change = has_perm("preparedness.change_exercise", request.user, exercise)
    if request.method != "POST" and not can_change:
        raise PermissionDenied
    form = InjectForm(request.POST or None, instance=inject, exercise=exercise)
    if request.method == "POST" and not form.is_valid() and not can_change:
        raise PermissionDenied
    note_read(request, action="preparedness.msel.view", obj=exercise)
    if submit(request, form, update_inject, inject=inject) is not None:
        messages.success(request, _("Inject %(n)d saved.") % {"n": inject.number})
        return redirect("preparedness_msel", pk=exercise.pk)
    return render(
        request,
        "preparedness/exercises/inject_form.html",
        {"form": form, "exercise": exercise, "inject": inject},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def inject_remove(request, pk, inject_pk):
    exercise = get_exercise_for(request.user, pk)
    inject = get_inject_for(request.user, exercise, inject_pk)
    try:
        remove_inject(actor=request.user, inject=inject)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Inject %(n)d removed.") % {"n": inject.number})
    return redirect("preparedness_msel", pk=exercise.pk)


@require_GET
def msel_export(request, pk, kind):
    """The MSEL as a CSV or XLSX file (every inject, in order); read-audited."""
    if kind not in FORMATS:
        raise Http404
    exercise = get_exercise_for(request.user, pk)
    note_read(request, action="preparedness.msel.export", obj=exercise, changes={"format": kind})
    stem = f"ex-{exercise.pk}-msel"
    return spreadsheet_response(
        kind, stem, msel_headers(), msel_rows(msel_for(request.user, exercise)), title=stem
    )
