"""Guest speaker pages: a conference's speakers, proposing one, one speaker (decision,
invitations), the speaker's photo; and the speaker's own page behind his secret link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.submit import add_service_errors, submit
from nonprolif.events.conference.queries import get_conference_for
from nonprolif.events.models import SpeakerStatus
from nonprolif.events.speakers.domain.answers import respond_to_invitation
from nonprolif.events.speakers.domain.invitations import revoke_invitation, send_invitation
from nonprolif.events.speakers.domain.proposals import decide_speaker, propose_speaker
from nonprolif.events.speakers.forms import (
    InvitationForm,
    SpeakerAnswerForm,
    SpeakerDecisionForm,
    SpeakerProposalForm,
)
from nonprolif.events.speakers.queries import (
    conference_speakers,
    get_invitation_by_token,
    get_invitation_for,
    get_speaker_for,
    speaker_counts,
)


def speaker_list(request, pk):
    conference = get_conference_for(request.user, pk, perm="events.view_speakers")
    note_read(request, action="speaker.list", obj=conference)
    status = request.GET.get("status", "")
    speakers = conference_speakers(request.user, conference)
    return render(
        request,
        "events/speakers/speaker_list.html",
        {
            "conference": conference,
            "speakers": list(
                speakers.filter(status=status) if status in SpeakerStatus.values else speakers
            ),
            "counts": speaker_counts(speakers),
            "status": status,
            "statuses": SpeakerStatus.choices,
        },
    )


def speaker_propose(request, pk):
    conference = get_conference_for(request.user, pk, perm="events.view_speakers")
    if not request.user.has_perm("events.propose_speaker", conference):
        raise PermissionDenied
    form = SpeakerProposalForm(request.POST or None)
    speaker = submit(request, form, propose_speaker, conference=conference)
    if speaker is not None:
        messages.success(request, _("Speaker proposed. The coordinator will decide."))
        return redirect("speaker_detail", pk=speaker.pk)
    return render(
        request,
        "events/speakers/speaker_form.html",
        {"form": form, "conference": conference},
        status=400 if request.method == "POST" else 200,
    )


def _detail(request, speaker, *, decision_form=None, invitation_form=None, sent=None, status=200):
    return render(
        request,
        "events/speakers/speaker_detail.html",
        {
            "speaker": speaker,
            "conference": speaker.conference,
            "invitations": speaker.visible_invitations,
            "decision_form": decision_form or SpeakerDecisionForm(speaker=speaker),
            "invitation_form": invitation_form or InvitationForm(),
            "sent": sent,
        },
        status=status,
    )


def speaker_detail(request, pk):
    speaker = get_speaker_for(request.user, pk)
    note_read(request, action="speaker.view", obj=speaker)
    return _detail(request, speaker)


@require_POST
def speaker_decide(request, pk):
    speaker = get_speaker_for(request.user, pk)
    if not request.user.has_perm("events.decide_speaker", speaker):
        raise PermissionDenied
    form = SpeakerDecisionForm(request.POST, speaker=speaker)
    result = submit(
        request, form, decide_speaker, speaker=speaker, base_url=request.build_absolute_uri("/")
    )
    if result is None:
        return _detail(request, get_speaker_for(request.user, pk), decision_form=form, status=400)
    _speaker, sent = result
    if sent is None:
        messages.success(request, _("Decision recorded."))
        return redirect("speaker_detail", pk=pk)
    # The link is shown once, in this response only (never stored in the session).
    return _detail(request, get_speaker_for(request.user, pk), sent=sent)


@require_POST
def speaker_invite(request, pk):
    speaker = get_speaker_for(request.user, pk)
    if not request.user.has_perm("events.invite_speaker", speaker):
        raise PermissionDenied
    form = InvitationForm(request.POST)
    sent = None
    if form.is_valid():
        try:
            sent = send_invitation(
                actor=request.user,
                speaker=speaker,
                base_url=request.build_absolute_uri("/"),
                **form.service_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if sent is None:
        return _detail(request, speaker, invitation_form=form, status=400)
    return _detail(request, get_speaker_for(request.user, pk), sent=sent)


def invitation_revoke(request, pk):
    """GET (or a POST without ``confirm``) asks for confirmation; POST revokes."""
    invitation = get_invitation_for(request.user, pk)
    if not request.user.has_perm("events.revoke_invitation", invitation):
        raise PermissionDenied
    if request.method != "POST" or request.POST.get("confirm") != "1":
        speaker = invitation.speaker
        return confirm_page(
            request,
            question=_("Revoke the invitation"),
            details=[
                _(
                    "The link sent to %(name)s on %(sent)s stops working at once; it cannot "
                    "be undone. You can send a new invitation afterwards."
                )
                % {
                    "name": speaker.name,
                    "sent": date_format(localtime(invitation.created_at), "DATETIME_FORMAT"),
                }
            ],
            confirm_label=_("Revoke the invitation"),
            cancel_url=reverse("speaker_detail", args=[speaker.pk]),
            cancel_label=_("Back to the speaker (nothing revoked)"),
            obj=invitation,
            action="speaker_invitation.view",
            header="events/speakers/_nav.html",
            context={"conference": speaker.conference},
        )
    revoke_invitation(actor=request.user, invitation=invitation)
    messages.success(
        request,
        _("Invitation of %(name)s revoked: its link no longer works.")
        % {"name": invitation.speaker.name},
    )
    return redirect("speaker_detail", pk=invitation.speaker_id)


def _photo_response(speaker):
    if not speaker.photo:
        raise Http404(_("No photo."))
    content_type = "image/png" if speaker.photo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(speaker.photo.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def speaker_photo(request, pk):
    speaker = get_speaker_for(request.user, pk)
    note_read(request, action="speaker.photo", obj=speaker)
    return _photo_response(speaker)


# --- the speaker's own page: no login, the secret link is the key ------------------------------


def _no_trace(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # same-origin, not no-referrer: other sites never see the secret link, and the answer
    # form's POST keeps its Origin (under no-referrer browsers send "Origin: null", which
    # Django's CSRF check refuses).
    response["Referrer-Policy"] = "same-origin"
    return response


@login_not_required
@never_cache
def speaker_invitation(request, token):
    """The speaker's page: his invitation, his own details, and the answer form. It shows
    nothing of any other speaker. Unknown, revoked and expired links alike answer 404."""
    invitation = get_invitation_by_token(token)
    speaker = invitation.speaker
    initial = {
        "response": speaker.response if speaker.response != "pending" else None,
        "bio_es": speaker.bio_es,
        "bio_en": speaker.bio_en,
        "travel_needs": speaker.travel_needs,
    }
    form = SpeakerAnswerForm(request.POST or None, request.FILES or None, initial=initial)
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            speaker = respond_to_invitation(invitation=invitation, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = True
    response = render(
        request,
        "events/speakers/invitation.html",
        {
            "invitation": invitation,
            "speaker": speaker,
            "conference": speaker.conference,
            "form": form,
            "done": done,
            "token": token,
        },
        status=400 if request.method == "POST" and not done else 200,
    )
    return _no_trace(response)


@login_not_required
@require_GET
def speaker_invitation_photo(request, token):
    """The speaker's own photo, behind his link (404 like the page)."""
    return _no_trace(_photo_response(get_invitation_by_token(token).speaker))
