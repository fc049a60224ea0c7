"""One session: its details, edit (venue, capacity, language), participants."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.models import Official
from nonprolif.core.views.pickers import search_page
from nonprolif.core.web.submit import add_service_errors, submit
from nonprolif.training.calendar.domain import add_participant, remove_participant, update_session
from nonprolif.training.calendar.forms import ParticipantForm, SessionForm
from nonprolif.training.calendar.queries import (
    eligible_officials,
    get_session_for,
    program_venues,
    session_participants,
)


def _participant_form(request, session, data=None) -> ParticipantForm:
    return ParticipantForm(
        data,
        officials=eligible_officials(request.user, session),
        search_url=reverse("session_participant_search", args=[session.pk]),
        prefix="participant",
    )


def _detail(request, session, *, participant_form=None, status=200):
    can_manage = request.user.has_perm("training.manage_participants", session)
    if participant_form is None and can_manage:
        participant_form = _participant_form(request, session)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "program": session.program,
            "participants": list(session_participants(request.user, session)),
            "participant_form": participant_form,
        },
        status=status,
    )


def session_detail(request, pk):
    session = get_session_for(request.user, pk)
    note_read(request, action="session.view", obj=session)
    return _detail(request, session)


def session_edit(request, pk):
    session = get_session_for(request.user, pk)
    if not request.user.has_perm("training.change_session", session):
        raise PermissionDenied
    form = SessionForm(
        request.POST or None,
        instance=session,
        venues=program_venues(request.user, session.program),
    )
    updated = submit(request, form, update_session, session=session)
    if updated is not None:
        messages.success(request, _("Session saved."))
        return redirect("session_detail", pk=session.pk)
    return render(
        request,
        "training/session_form.html",
        {"form": form, "session": session, "program": session.program},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def participant_add(request, pk):
    session = get_session_for(request.user, pk)
    if not request.user.has_perm("training.manage_participants", session):
        raise PermissionDenied
    form = _participant_form(request, session, request.POST)
    if form.is_valid():
        try:
            add_participant(
                actor=request.user, session=session, official=form.cleaned_data["official"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Participant added."))
            return redirect("session_detail", pk=session.pk)
    return _detail(request, session, participant_form=form, status=400)


@require_POST
def participant_remove(request, pk, official_pk):
    session = get_session_for(request.user, pk)
    if not request.user.has_perm("training.manage_participants", session):
        raise PermissionDenied
    official = Official.objects.visible_to(request.user).filter(pk=official_pk).first()
    if official is not None:
        remove_participant(actor=request.user, session=session, official=official)
        messages.success(request, _("Participant removed."))
    return redirect("session_detail", pk=session.pk)


@require_GET
def participant_search(request, pk):
    """The officials the participant form of session ``pk`` offers, matching ``?q=``."""
    session = get_session_for(request.user, pk)
    if not request.user.has_perm("training.manage_participants", session):
        raise PermissionDenied
    return search_page(request, eligible_officials(request.user, session))
