"""The batches pages: the list, submitting a file, a batch with its progress (an htmx fragment
polled while it is screened) and its alerts."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.screening.batches.domain import submit_batch
from nonprolif.screening.batches.exports import explanation_text, matched, subject
from nonprolif.screening.batches.forms import AlertFilterForm, BatchForm
from nonprolif.screening.batches.queries import batch_alerts, batches_for, get_batch_for
from nonprolif.screening.models import BatchStatus

#: Statuses in which the progress fragment polls again.
POLLING = (BatchStatus.QUEUED, BatchStatus.RUNNING)


def batch_list(request):
    """The batches the user may see, newest first, a page at a time."""
    page = paginate(request, batches_for(request.user))
    note_read(request, action="screening.batch.list")
    return render(
        request,
        "screening/batches/batch_list.html",
        {"page": page, "can_submit": request.user.has_perm("screening.submit_batch")},
    )


def batch_create(request):
    """GET: the upload form; POST submits the file (every row checked, or the errors)."""
    require_perm(request.user, "screening.submit_batch")
    form = BatchForm(request.POST or None, request.FILES or None)
    batch = submit(request, form, submit_batch)
    if batch is not None:
        messages.success(request, _("Batch %(batch)s submitted for screening.") % {"batch": batch})
        return redirect("screening_batch_detail", pk=batch.pk)
    return render(request, "screening/batches/batch_form.html", {"form": form})


def _progress(batch) -> dict:
    return {
        "batch": batch,
        "polling": batch.status in POLLING,
        "percent": int(100 * batch.screened_count / batch.total) if batch.total else 100,
    }


def batch_detail(request, pk):
    """A batch: its progress and its alerts, a page at a time, filtered by status."""
    batch = get_batch_for(request.user, pk)
    form = AlertFilterForm(request.GET or None)
    form.is_valid()
    status = getattr(form, "cleaned_data", {}).get("status") or ""
    page = paginate(request, batch_alerts(request.user, batch, status=status))
    for alert in page.object_list:
        alert.declaration, alert.row, alert.subject = subject(alert)
        alert.list_code, alert.reference = matched(alert)
        alert.summary = explanation_text(alert.explanation, details=False)
    note_read(request, action="screening.batch.view", obj=batch)
    return render(
        request,
        "screening/batches/batch_detail.html",
        {"form": form, "page": page, **_progress(batch)},
    )


def batch_progress(request, pk):
    """The progress fragment (htmx polls it every 2 s while the batch is queued or running)."""
    batch = get_batch_for(request.user, pk)
    note_read(request, action="screening.batch.progress", obj=batch)
    return render(
        request,
        "screening/batches/_progress.html",
        {**_progress(batch), "page_url": reverse("screening_batch_detail", args=[batch.pk])},
    )
