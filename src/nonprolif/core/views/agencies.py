from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from rules import has_perm

from nonprolif.core import queries
from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.agencies import update_agency
from nonprolif.core.forms import AgencyForm
from nonprolif.core.models import AgencyKind
from nonprolif.core.web.pagination import paginate


def agency_list(request):
    """The agency directory: national agencies and partners, each with its parent and the
    number of its officials the user may see."""
    agencies = list(queries.agencies_for(request.user))
    note_read(request, action="agency.list", objects=agencies)
    groups = [
        (kind, label, [agency for agency in agencies if agency.kind == kind])
        for kind, label in AgencyKind.choices
    ]
    return render(request, "core/agency_list.html", {"groups": groups})


def agency_detail(request, code):
    agency = queries.get_agency_for(request.user, code)
    officials = queries.search_officials(request.user, agency=agency.code)
    note_read(request, action="agency.view", obj=agency)
    return render(
        request,
        "core/agency_detail.html",
        {"agency": agency, "page": paginate(request, officials)},
    )


def agency_edit(request, code):
    agency = queries.get_agency_for(request.user, code)
    if not has_perm("core.change_agency", request.user, agency):
        raise PermissionDenied
    form = AgencyForm(request.POST or None, instance=agency, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            agency = update_agency(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Agency saved."))
            return redirect(reverse("agency_detail", args=[agency.code]))
    return render(request, "core/agency_form.html", {"form": form, "agency": agency})
