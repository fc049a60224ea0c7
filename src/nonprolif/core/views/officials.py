from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from rules import has_perm

from nonprolif.core import queries
from nonprolif.core.audit_reads import note_read
from nonprolif.core.domain.officials import create_official, update_official
from nonprolif.core.forms import OfficialFilterForm, OfficialForm
from nonprolif.core.web.pagination import paginate

RESULTS_ID = "official-results"


def official_list(request):
    """Officials the user may see: search, filters, 25 a page. An htmx request aimed at the
    results region gets only that region (live search); without JS the form submits."""
    form = OfficialFilterForm(request.GET, user=request.user)
    filters = form.filters()
    officials = queries.search_officials(request.user, **filters)
    context = {"form": form, "page": paginate(request, officials), "results_id": RESULTS_ID}
    search = {key: value for key, value in filters.items() if value not in ("", None)}
    note_read(request, action="official.list", changes={"search": search} if search else None)
    live_search = (
        request.headers.get("HX-Request")
        and request.headers.get("HX-Target") == RESULTS_ID
        and not request.headers.get("HX-History-Restore-Request")
    )
    if live_search:
        response = render(request, "core/_official_results.html", context)
    else:
        response = render(request, "core/official_list.html", context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def official_detail(request, pk):
    official = queries.get_official_for(request.user, pk)
    note_read(request, action="official.view", obj=official)
    return render(request, "core/official_detail.html", {"official": official})


def official_create(request):
    if not has_perm("core.add_official", request.user):
        raise PermissionDenied
    form = OfficialForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            official = create_official(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Official created."))
            return redirect(reverse("official_detail", args=[official.pk]))
    return render(request, "core/official_form.html", {"form": form, "official": None})


def official_edit(request, pk):
    official = queries.get_official_for(request.user, pk)
    if not has_perm("core.change_official", request.user, official):
        raise PermissionDenied
    form = OfficialForm(request.POST or None, instance=official, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            official = update_official(actor=request.user, official=official, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Official saved."))
            return redirect(reverse("official_detail", args=[official.pk]))
    return render(request, "core/official_form.html", {"form": form, "official": official})
