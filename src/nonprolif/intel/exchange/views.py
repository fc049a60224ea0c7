"""Exchange pages: a report as a STIX 2.1 bundle (a download), and the import of a bundle."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.web.submit import add_service_errors
from nonprolif.intel.exchange.domain import export_bundle, import_bundle, may_import
from nonprolif.intel.exchange.forms import BundleUploadForm
from nonprolif.intel.reports.queries import get_report_for

BUNDLE_TYPE = "application/stix+json;version=2.1"


def bundle_response(bundle, filename: str) -> HttpResponse:
    """A bundle as a download: never rendered by the browser."""
    response = HttpResponse(bundle.serialize(pretty=True), content_type=BUNDLE_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def report_stix(request, pk):
    report = get_report_for(request.user, pk)
    bundle, _reports = export_bundle(actor=request.user, reports=[report])
    return bundle_response(bundle, f"{report.reference}.stix.json")


def stix_import(request):
    if not may_import(request.user):
        raise PermissionDenied(_("Only analysts with a clearance import bundles."))
    form = BundleUploadForm(request.POST or None, request.FILES or None)
    imported = []
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = import_bundle(actor=request.user, data=form.cleaned_data["bundle"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                imported, status = result.reports, 200
                messages.success(
                    request,
                    _("Reports imported as drafts: %(count)d.") % {"count": len(imported)},
                )
                form = BundleUploadForm()
    else:
        note_read(request, action="intel.stix.import_form")
    return render(
        request,
        "intel/exchange/import.html",
        {"form": form, "imported": imported},
        status=status,
    )
