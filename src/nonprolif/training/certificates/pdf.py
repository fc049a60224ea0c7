"""The PDF of a certificate (Typst template ``templates/typst/certificate.typ``): Spanish
first, then English, on one page; and a session's certificates as one PDF, one page each,
in one compile."""

import zoneinfo
from collections.abc import Callable, Sequence

from django.http import HttpResponse
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.documents import ARCHIVAL, render_pdf
from nonprolif.training.models import Certificate, Session

TEMPLATE = "certificate.typ"
LANGUAGES = {"es": "es-mx", "en": "en"}


def _labels() -> dict[str, str]:
    return {
        "heading": _("Certificate of completion"),
        "granted_to": _("This certificate is granted to"),
        "for_completing": _("for completing"),
        "attendance": _("days present"),
        "issued": _("Issued on"),
        "code": _("Verification code"),
        "verify_at": _("Verify it at"),
        "revoked_mark": _("Revoked"),
    }


def _dates(certificate: Certificate) -> str:
    start = formats.date_format(certificate.start, "DATE_FORMAT")
    end = formats.date_format(certificate.end, "DATE_FORMAT")
    return start if certificate.start == certificate.end else f"{start} \u2013 {end}"


def verification_path(certificate: Certificate) -> str:
    return reverse("certificate_verify_code", args=[certificate.code])


def certificate_data(certificate: Certificate, *, verify_url: str) -> dict:
    """The template's data: the certificate's values and the labels in both languages."""
    data = {
        "name": certificate.official_name,
        "title_es": certificate.title_es,
        "title_en": certificate.title_en,
        "program_es": certificate.program.name_es,
        "program_en": certificate.program.name_en,
        "days_present": certificate.days_present,
        "days_total": certificate.days_total,
        "code": certificate.code,
        "verify_url": verify_url,
        "revoked": certificate.revoked_at is not None,
    }
    for suffix, language in LANGUAGES.items():
        with translation.override(language):
            data[f"labels_{suffix}"] = _labels()
            data[f"dates_{suffix}"] = _dates(certificate)
            data[f"issued_{suffix}"] = formats.date_format(
                timezone.localtime(
                    certificate.issued_at, zoneinfo.ZoneInfo(certificate.program.time_zone)
                ).date(),
                "DATE_FORMAT",
            )
    return data


def certificate_pdf(certificate: Certificate, *, verify_url: str) -> bytes:
    """The certificate as PDF bytes. ``verify_url``: where to check its code (the public
    verification page, absolute when the caller knows the host). Side effects: none."""
    return render_pdf(
        TEMPLATE,
        {
            "title": f"{certificate.title_es} / {certificate.title_en}",
            "author": certificate.program.name_es,
            "certificates": [certificate_data(certificate, verify_url=verify_url)],
        },
        standard=ARCHIVAL,
    )


def bundle_response(request, session: Session, certificates: Sequence[Certificate]) -> HttpResponse:
    """A session's ``certificates`` (already those the caller may download, at least one) as
    one PDF attachment, for the page and the API alike. Side effects: the bundle's
    certificates are noted for the read audit."""
    note_read(
        request,
        action="certificate.download_session",
        objects=certificates,
        object_type="training.certificate",
        changes={"session": session.pk},
    )
    pdf = certificates_pdf(
        certificates,
        title=str(session),
        verify_url=lambda c: request.build_absolute_uri(verification_path(c)),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"certificates-session-{session.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def certificates_pdf(
    certificates: Sequence[Certificate], *, title: str, verify_url: Callable[[Certificate], str]
) -> bytes:
    """``certificates`` (at least one) as one PDF, a page each in their order, compiled once.
    ``verify_url(certificate)``: where to check its code. Side effects: none."""
    if not certificates:
        raise ValueError("certificates: at least one")
    return render_pdf(
        TEMPLATE,
        {
            "title": title,
            "author": certificates[0].program.name_es,
            "certificates": [certificate_data(c, verify_url=verify_url(c)) for c in certificates],
        },
        standard=ARCHIVAL,
    )
