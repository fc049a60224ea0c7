"""The materials pages: the library (filtered by audience and title, a page at a time), one
material with its versions, publishing a material, uploading a version, downloading the
latest or a given version (each download audited)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from nonprolif.core.audit_reads import note_read
from nonprolif.core.rules import has_perm
from nonprolif.core.web.pagination import paginate
from nonprolif.core.web.submit import submit
from nonprolif.outreach.materials.domain import add_material, add_version
from nonprolif.outreach.materials.forms import MaterialFilterForm, MaterialForm, VersionForm
from nonprolif.outreach.materials.queries import (
    get_material_for,
    get_version_for,
    materials_for,
    versions_for,
)


@require_GET
def material_list(request):
    form = MaterialFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page = paginate(request, materials_for(request.user, **filters))
    note_read(
        request,
        action="outreach.material.list",
        changes={k: str(v) for k, v in filters.items() if v} or None,
    )
    return render(
        request,
        "outreach/materials/material_list.html",
        {
            "form": form,
            "page": page,
            "can_add": has_perm("outreach.add_material", request.user),
        },
    )


def _detail(request, material, *, version_form=None, status=200):
    page = paginate(request, versions_for(request.user, material))
    note_read(request, action="outreach.material.view", obj=material)
    return render(
        request,
        "outreach/materials/material_detail.html",
        {
            "material": material,
            "page": page,
            "can_change": has_perm("outreach.change_material", request.user, material),
            "version_form": version_form or VersionForm(),
        },
        status=status,
    )


@require_GET
def material_detail(request, pk):
    return _detail(request, get_material_for(request.user, pk))


def material_create(request):
    """GET: the form; POST publishes (the service refuses, and audits, anybody who may not)."""
    if request.method == "GET" and not has_perm("outreach.add_material", request.user):
        raise PermissionDenied
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid() and not has_perm("outreach.add_material", request.user):
            raise PermissionDenied
        material = submit(request, form, add_material)
        if material is not None:
            messages.success(request, _("Material published as version 1."))
            return redirect("outreach_material_detail", pk=material.pk)
    return render(
        request,
        "outreach/materials/material_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def material_version_create(request, pk):
    """POST: the next version (the service refuses, and audits, anybody who may not)."""
    material = get_material_for(request.user, pk)
    if request.method != "POST":
        return redirect("outreach_material_detail", pk=material.pk)
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid() and not has_perm("outreach.change_material", request.user, material):
        raise PermissionDenied
    version = submit(request, form, add_version, material=material)
    if version is None:
        return _detail(request, material, version_form=form, status=400)
    messages.success(request, _("Version %(n)d uploaded.") % {"n": version.number})
    return redirect("outreach_material_detail", pk=material.pk)


def _download(request, version):
    note_read(
        request,
        action="outreach.material.download",
        obj=version.material,
        changes={"version": version.number, "sha256": version.sha256},
    )
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.file_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def material_download(request, pk):
    """The latest version's file."""
    return _download(request, get_version_for(request.user, pk))


@require_GET
def material_version_download(request, pk, number):
    return _download(request, get_version_for(request.user, pk, number))
