"""Certificates: issue a session's, list a program's, download, revoke, the public
verification pages, and an official's transcript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import add_service_errors
from nonprolif.program.queries import get_program_for
from nonprolif.training.calendar.queries import get_session_for
from nonprolif.training.certificates import codes
from nonprolif.training.certificates.domain import issue_certificates, revoke_certificate
from nonprolif.training.certificates.forms import RevokeForm, VerifyForm
from nonprolif.training.certificates.pdf import (
    bundle_response,
    certificate_pdf,
    verification_path,
)
from nonprolif.training.certificates.queries import (
    certificates_for,
    get_certificate_for,
    get_transcript_official_for,
    official_transcript,
    session_certificates_for,
    verify_certificate,
)


@require_POST
def session_certificates_issue(request, pk):
    """Issue the certificates of a session (coordinators); idempotent."""
    session = get_session_for(request.user, pk)
    if not request.user.has_perm("training.issue_certificates", session):
        raise PermissionDenied
    try:
        report = issue_certificates(actor=request.user, session=session)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            _(
                "%(issued)d certificates issued; %(already)d issued before; "
                "%(incomplete)d participants below the completion rule."
            )
            % {
                "issued": len(report.issued),
                "already": len(report.already),
                "incomplete": report.incomplete,
            },
        )
    return redirect("session_attendance", pk=session.pk)


def certificate_list(request, code):
    """The program's certificates the user can see, 25 a page."""
    program = get_program_for(request.user, code)
    certificates = certificates_for(request.user).filter(program=program)
    note_read(request, action="certificate.list")
    return render(
        request,
        "training/certificates/list.html",
        {"program": program, "page": paginate(request, certificates)},
    )


def certificate_download(request, pk):
    """The certificate's PDF (its official, his agency's liaison, coordinators, auditors)."""
    certificate = get_certificate_for(request.user, pk)
    if not request.user.has_perm("training.download_certificate", certificate):
        raise PermissionDenied
    note_read(request, action="certificate.download", obj=certificate)
    pdf = certificate_pdf(
        certificate, verify_url=request.build_absolute_uri(verification_path(certificate))
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


def session_certificates_download(request, pk):
    """Every certificate of the session the user may download, as one PDF (a page each):
    the same certificates as one by one (a liaison: his agency's officials'), 404 when
    there is none."""
    session = get_session_for(request.user, pk)
    certificates = session_certificates_for(request.user, session)
    return bundle_response(request, session, certificates)


def certificate_revoke(request, pk):
    """Revoke a certificate (coordinators), with a reason."""
    certificate = get_certificate_for(request.user, pk)
    if not request.user.has_perm("training.revoke_certificate", certificate):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke_certificate(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Certificate revoked."))
            return redirect("certificate_list", code=certificate.program.code)
    return render(
        request,
        "training/certificates/revoke.html",
        {"certificate": certificate, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_not_required
@require_GET
def verify(request):
    """Public: the verification form; with ``?code=`` it goes to that code's page."""
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        raw = form.cleaned_data["code"]
        code = codes.normalize(raw) or "".join(raw.split())
        return redirect("certificate_verify_code", code=code)
    return render(request, "training/certificates/verify.html", {"form": form, "result": None})


@login_not_required
@require_GET
def verify_code(request, code):
    """Public: whether the code is a valid certificate, revealing only the name, the item,
    the dates and the validity. The same page and status whatever the outcome."""
    result = verify_certificate(code)
    form = VerifyForm(initial={"code": result.code})
    response = render(
        request, "training/certificates/verify.html", {"form": form, "result": result}
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def transcript(request, pk):
    """An official's transcript: his sessions (those the user can see), attendance,
    completion and certificates."""
    official = get_transcript_official_for(request.user, pk)
    note_read(request, action="transcript.view", obj=official)
    return render(
        request,
        "training/attendance/transcript.html",
        {"official": official, "transcript": official_transcript(request.user, official)},
    )
