"""Reads of the awareness materials library. Every selector starts from
``AwarenessMaterial.objects.visible_to`` (``material_scope``: coordinators, auditors and the
users of national agencies); ``get_..._for`` raises Http404 for a missing row and an
invisible one alike. A page of materials costs a fixed number of queries."""

from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from nonprolif.core.models import User
from nonprolif.core.search import Folded, fold
from nonprolif.core.web.forms import as_id
from nonprolif.outreach.models import Audience, AwarenessMaterial, MaterialVersion


def materials_for(
    user: User, *, audience: str | None = None, q: str | None = None
) -> QuerySet[AwarenessMaterial]:
    """The materials ``user`` may read, by Spanish title; narrowed by ``audience`` and by
    ``q`` (words in the Spanish or English title, accents and case folded). Each carries
    ``latest_version`` (its highest number) and ``version_count``. An unknown audience
    gives no rows."""
    rows = AwarenessMaterial.objects.visible_to(user).select_related("agency")
    if audience:
        rows = rows.filter(audience=audience) if audience in Audience.values else rows.none()
    words = (q or "").strip()
    if words:
        folded = fold(words)
        rows = rows.annotate(folded_es=Folded("title_es"), folded_en=Folded("title_en")).filter(
            Q(folded_es__contains=folded) | Q(folded_en__contains=folded)
        )
    return rows.annotate(
        latest_version=Max("versions__number"), version_count=Count("versions")
    ).order_by("title_es", "pk")


def get_material_for(user: User, pk: Any) -> AwarenessMaterial:
    """The material ``pk`` if ``user`` may read it; Http404 otherwise."""
    number = as_id(pk)
    material = materials_for(user).filter(pk=number).first() if number is not None else None
    if material is None:
        raise Http404
    return material


def versions_for(user: User, material: AwarenessMaterial) -> QuerySet[MaterialVersion]:
    """The versions of ``material`` (read through the access rule), newest first."""
    visible = AwarenessMaterial.objects.visible_to(user).filter(pk=material.pk)
    return (
        MaterialVersion.objects.filter(material__in=visible)
        .select_related("uploaded_by")
        .order_by("-number")
    )


def get_version_for(user: User, material_pk: Any, number: Any = None) -> MaterialVersion:
    """Version ``number`` of the material ``material_pk`` (its latest when ``number`` is
    None), if ``user`` may read the material; Http404 otherwise."""
    material = get_material_for(user, material_pk)
    rows = versions_for(user, material)
    if number is not None:
        wanted = as_id(number)
        rows = rows.filter(number=wanted) if wanted is not None else rows.none()
    version = rows.select_related("material").first()
    if version is None:
        raise Http404
    return version
