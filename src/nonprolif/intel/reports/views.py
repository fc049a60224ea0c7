"""Intelligence report pages: the list of the reports the user may read (filtered), one
report, writing and editing one, publishing and withdrawing, its versions and their
comparison, its attachments."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.web.confirm import confirm_page
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import add_service_errors, submit
from nonprolif.intel.reports.domain import (
    add_attachment,
    compare_versions,
    create_report,
    publish_report,
    remove_attachment,
    update_report,
    withdraw_report,
)
from nonprolif.intel.reports.forms import (
    AttachmentForm,
    CompareForm,
    ReportEditForm,
    ReportFilterForm,
    ReportForm,
    WithdrawForm,
)
from nonprolif.intel.reports.queries import (
    attachments_for,
    filtered_reports,
    get_attachment_for,
    get_report_for,
    get_version_for,
    versions_for,
)


def report_list(request):
    form = ReportFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = paginate(request, filtered_reports(request.user, **filters))
    note_read(
        request,
        action="intel.report.list",
        changes={k: str(v) for k, v in filters.items() if v} or None,
    )
    return render(
        request,
        "intel/reports/report_list.html",
        {
            "page": page,
            "form": form,
            "can_add": has_perm("intel.add_report", request.user),
        },
    )


def _detail(request, report, *, attachment_form=None, status=200):
    latest = list(versions_for(request.user, report).reverse()[:2])
    return render(
        request,
        "intel/reports/report_detail.html",
        {
            "report": report,
            "attachments": list(attachments_for(request.user, report)),
            "can_change": has_perm("intel.change_report", request.user, report),
            "attachment_form": attachment_form or AttachmentForm(),
            "last_version": latest[0] if latest else None,
            "previous_version": latest[1] if len(latest) > 1 else None,
        },
        status=status,
    )


def report_detail(request, pk):
    report = get_report_for(request.user, pk)
    note_read(request, action="intel.report.view", obj=report)
    return _detail(request, report)


def report_create(request):
    note_read(request, action="intel.report.new", object_type="intel.intelreport")
    if not has_perm("intel.add_report", request.user):
        raise PermissionDenied
    form = ReportForm(request.POST or None, user=request.user)
    report = submit(request, form, create_report)
    if report is not None:
        messages.success(
            request, _("Report %(ref)s written as a draft.") % {"ref": report.reference}
        )
        return redirect("intel_report_detail", pk=report.pk)
    return render(
        request,
        "intel/reports/report_form.html",
        {"form": form, "report": None},
        status=400 if request.method == "POST" else 200,
    )


def _writable(request, pk):
    report = get_report_for(request.user, pk)
    if not has_perm("intel.change_report", request.user, report):
        raise PermissionDenied
    return report


def report_edit(request, pk):
    report = get_report_for(request.user, pk)
    note_read(request, action="intel.report.edit", obj=report)
    if request.method == "POST":
        # The service refuses (and audits) a writer who may not: ask it, not the page.
        form = ReportEditForm(request.POST, instance=report, user=request.user)
        if not form.is_valid() and not has_perm("intel.change_report", request.user, report):
            raise PermissionDenied
        if form.is_valid():
            try:
                update_report(actor=request.user, report=report, **form.service_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Report saved."))
                return redirect("intel_report_detail", pk=report.pk)
        status = 400
    else:
        if not has_perm("intel.change_report", request.user, report):
            raise PermissionDenied
        form = ReportEditForm(instance=report, user=request.user)
        status = 200
    return render(
        request, "intel/reports/report_form.html", {"form": form, "report": report}, status=status
    )


def report_publish(request, pk):
    """GET (or a POST without ``confirm``) asks for confirmation; POST publishes."""
    report = _writable(request, pk)
    if request.method != "POST" or request.POST.get("confirm") != "1":
        return confirm_page(
            request,
            question=_("Publish the report %(ref)s") % {"ref": report.reference},
            details=[
                _(
                    "The agencies on its releasability list with an effective release can "
                    "read it from now on."
                )
            ],
            confirm_label=_("Publish"),
            cancel_url=reverse("intel_report_detail", args=[report.pk]),
            cancel_label=_("Back to the report (nothing published)"),
            obj=report,
            action="intel.report.view",
            header="intel/_tabs.html",
            context={"tab": "reports"},
        )
    try:
        publish_report(actor=request.user, report=report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Report published."))
    return redirect("intel_report_detail", pk=report.pk)


def report_withdraw(request, pk):
    report = _writable(request, pk)
    note_read(request, action="intel.report.view", obj=report)
    form = WithdrawForm(request.POST or None)
    if submit(request, form, withdraw_report, report=report) is not None:
        messages.success(request, _("Report withdrawn."))
        return redirect("intel_report_detail", pk=report.pk)
    return render(
        request,
        "intel/reports/report_withdraw.html",
        {"form": form, "report": report},
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def report_versions(request, pk):
    report = get_report_for(request.user, pk)
    versions = list(versions_for(request.user, report))
    note_read(request, action="intel.report.versions", obj=report)
    return render(
        request,
        "intel/reports/report_versions.html",
        {
            "report": report,
            "versions": versions,
            "rows": [
                (version, versions[i - 1].number if i else None)
                for i, version in enumerate(versions)
            ],
        },
    )


@require_GET
def report_compare(request, pk):
    report = get_report_for(request.user, pk)
    note_read(request, action="intel.report.compare", obj=report)
    form = CompareForm(request.GET)
    rows = older = newer = None
    status = 200
    if form.is_valid():
        older = get_version_for(request.user, report, form.cleaned_data["a"])
        newer = get_version_for(request.user, report, form.cleaned_data["b"])
        rows = compare_versions(older, newer)
        note_read(request, changes={"versions": [older.number, newer.number]})
    else:
        status = 400
    return render(
        request,
        "intel/reports/report_compare.html",
        {
            "report": report,
            "form": form,
            "rows": rows,
            "older": older,
            "newer": newer,
            "versions": list(versions_for(request.user, report)),
        },
        status=status,
    )


@require_POST
def attachment_upload(request, pk):
    report = get_report_for(request.user, pk)
    note_read(request, action="intel.report.view", obj=report)
    form = AttachmentForm(request.POST, request.FILES)
    if submit(request, form, add_attachment, report=report) is None:
        return _detail(request, report, attachment_form=form, status=400)
    messages.success(request, _("File attached."))
    return redirect("intel_report_detail", pk=report.pk)


@require_GET
def attachment_download(request, pk):
    attachment = get_attachment_for(request.user, pk)
    note_read(request, action="intel.attachment.download", obj=attachment)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_remove(request, pk):
    """GET (or a POST without ``confirm``) asks for confirmation; POST removes the file from
    its report (the service refuses, and audits, anybody but the report's writers)."""
    attachment = get_attachment_for(request.user, pk)
    report = attachment.report
    if request.method != "POST" or request.POST.get("confirm") != "1":
        if not has_perm("intel.change_report", request.user, report):
            raise PermissionDenied
        return confirm_page(
            request,
            question=_("Remove the file %(name)s from the report %(ref)s")
            % {"name": attachment.name, "ref": report.reference},
            details=[_("Nobody can download it from this report any more.")],
            confirm_label=_("Remove"),
            cancel_url=reverse("intel_report_detail", args=[report.pk]),
            cancel_label=_("Back to the report (nothing removed)"),
            obj=report,
            action="intel.report.view",
            header="intel/_tabs.html",
            context={"tab": "reports"},
        )
    try:
        remove_attachment(actor=request.user, attachment=attachment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("File removed."))
    return redirect("intel_report_detail", pk=report.pk)
