"""Pages of requests for information: the list (asked by my agency, asked of it), a request
with the answers the reader may see, asking, answering (a draft report) and closing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.permissions import require_perm
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.intel.requests.domain import answer_request, close_request, create_request
from nonprolif.intel.requests.forms import AnswerForm, RequestFilterForm, RequestForm
from nonprolif.intel.requests.queries import (
    get_request_for,
    recipient_states,
    recipients_shown,
    request_answers,
    requests_for,
)


def request_list(request):
    """The requests the user may read, a page at a time; the box (asked by / of my agency)
    and the status filter them."""
    form = RequestFilterForm(request.GET or None)
    form.is_valid()
    criteria = getattr(form, "cleaned_data", {})
    box, status = criteria.get("box") or "", criteria.get("status") or ""
    page = paginate(request, requests_for(request.user, box=box, status=status))
    for item in page.object_list:
        item.shown_recipients = recipients_shown(request.user, item)
    note_read(request, action="intel.request.list")
    return render(
        request,
        "intel/requests/request_list.html",
        {"form": form, "page": page, "box": box},
    )


def request_detail(request, pk):
    info_request = get_request_for(request.user, pk)
    note_read(request, action="intel.request.view", objects=[info_request])
    return render(
        request,
        "intel/requests/request_detail.html",
        {
            "info_request": info_request,
            "answers": list(request_answers(request.user, info_request)),
            "recipients": recipient_states(request.user, info_request),
        },
    )


def request_create(request):
    require_perm(request.user, "intel.add_request")
    form = RequestForm(request.POST or None, user=request.user)
    created = submit(request, form, create_request)
    if created is not None:
        messages.success(request, _("Request for information sent."))
        return redirect("intel_request_detail", pk=created.pk)
    return render(request, "intel/requests/request_form.html", {"form": form})


def request_answer(request, pk):
    """GET: the form of the draft report that answers the request; POST writes it."""
    info_request = get_request_for(request.user, pk)
    require_perm(request.user, "intel.answer_request", info_request)
    form = AnswerForm(
        request.POST or None,
        user=request.user,
        initial={"classification": info_request.classification_id},
    )
    report = submit(request, form, answer_request, info_request=info_request)
    if report is not None:
        messages.success(
            request,
            _(
                "Draft answer %(reference)s written. Publish it and release it to the asking "
                "agency for it to be read there."
            )
            % {"reference": report.reference},
        )
        return redirect("intel_report_detail", pk=report.pk)
    note_read(request, action="intel.request.view", objects=[info_request])
    return render(
        request,
        "intel/requests/answer_form.html",
        {"form": form, "info_request": info_request},
    )


@require_POST
def request_close(request, pk):
    info_request = get_request_for(request.user, pk)
    close_request(actor=request.user, info_request=info_request)
    messages.success(request, _("Request closed."))
    return redirect("intel_request_detail", pk=info_request.pk)
