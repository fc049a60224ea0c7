"""The writes of the awareness materials library: publishing a material (its version 1) and
uploading its next version.

Who writes: ``outreach.add_material`` (a coordinator, a liaison of a national agency) and
``outreach.change_material`` (a coordinator, a liaison of the publishing agency). Every
refusal is audited (outcome denied) before PermissionDenied is raised, and before the file
is read. A file's type is judged by its content and its name alike (the intelligence
attachments' allow-list: PDF, PNG, JPEG, text, CSV, XLSX, DOCX), its size capped, and it is
stored under MEDIA_ROOT/outreach/materials/ named by its SHA-256 (removed again when the
transaction fails). Audit entries name the material ``MAT-<id>`` and the file's hash.
"""

import hashlib
import os
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from nonprolif.core import clock
from nonprolif.core.domain.audit import record, refuse
from nonprolif.core.models import User
from nonprolif.core.rules import has_perm
from nonprolif.intel.reports import attachments
from nonprolif.outreach.models import AwarenessMaterial, MaterialVersion

MAX_NOTES = 2000


@dataclass(frozen=True)
class CheckedFile:
    """An uploaded file that passed the checks: its bytes, clean name, type and hash."""

    content: bytes
    name: str
    content_type: str
    sha256: str


def _require(actor: Any, perm: str, obj: Any, action: str, why: str) -> None:
    if not has_perm(perm, actor, obj):
        refuse(
            actor=actor,
            action=action,
            why=why,
            obj=obj,
            object_type="" if obj is not None else "outreach.awarenessmaterial",
        )


def check_file(file: Any) -> CheckedFile:
    """``file`` (an uploaded file) read and checked; ValidationError on ``file`` when it is
    missing, empty, too large, or not an allowed type by its content and its name."""
    limit = attachments.max_bytes()
    too_large = _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
    if file is None:
        raise ValidationError({"file": _("Choose a file.")})
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise ValidationError({"file": too_large})
    content = file.read(limit + 1)
    if len(content) > limit:
        raise ValidationError({"file": too_large})
    if not content:
        raise ValidationError({"file": _("The file is empty.")})
    name = attachments.clean_name(getattr(file, "name", ""))
    kind = attachments.sniff(content, name)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Not an allowed type, or its name does not match its content: upload a "
                    "PDF, PNG, JPEG, text, CSV, XLSX or DOCX file."
                )
            }
        )
    return CheckedFile(
        content=content,
        name=name,
        content_type=attachments.content_type(kind),
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _version(
    material: AwarenessMaterial,
    number: int,
    checked: CheckedFile | None,
    language: Any,
    notes: Any,
    actor: User,
) -> MaterialVersion:
    """An unsaved version, its fields validated (the file is stored later)."""
    version = MaterialVersion(
        material=material,
        number=number,
        language=str(language or "").strip(),
        file_name=checked.name if checked else "",
        content_type=checked.content_type if checked else "",
        size=len(checked.content) if checked else 0,
        sha256=checked.sha256 if checked else "",
        notes=str(notes or "").strip(),
        uploaded_by=actor,
        uploaded_at=clock.now(),
    )
    return version


#: The fields of a version that come from its file (left unchecked when the file failed).
FILE_FIELDS = ("file_name", "content_type", "size", "sha256")


def _version_errors(version: MaterialVersion, checked: CheckedFile | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    skip = [] if checked is not None else list(FILE_FIELDS)
    if len(version.notes) > MAX_NOTES:
        errors["notes"] = [_("At most %(n)d characters.") % {"n": MAX_NOTES}]
    try:
        version.clean_fields(exclude=["material", "file", "uploaded_by", "notes", *skip])
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    return errors


def _store(version: MaterialVersion, checked: CheckedFile) -> str:
    extension = os.path.splitext(checked.name)[1].lower()
    version.file.save(f"{checked.sha256}{extension}", ContentFile(checked.content), save=False)
    return str(version.file.name)


def _discard(stored: str | None) -> None:
    if stored and not MaterialVersion.objects.filter(file=stored).exists():
        MaterialVersion.file.field.storage.delete(stored)


def add_material(
    *,
    actor: User,
    title_es: str,
    title_en: str,
    audience: str,
    file: Any,
    language: str,
    description_es: str = "",
    description_en: str = "",
) -> AwarenessMaterial:
    """Publish an awareness material of the actor's agency, with ``file`` as its version 1.

    Side effects, in one transaction: the AwarenessMaterial row (published by the actor's
    agency), its MaterialVersion 1 (file name, type, size, SHA-256, uploader), the file
    stored (removed again if the transaction fails), one audit entry
    ("outreach.material.create": audience, language, hash). PermissionDenied, audited
    denied, unless ``outreach.add_material``; ValidationError naming each bad field
    (``title_es``, ``title_en``, ``audience``, ``language``, ``file``: missing, empty, too
    large, a type not allowed or a name that does not match the content; ``agency``: a
    login without an agency). Nothing is written then but the denied entry.
    """
    _require(
        actor,
        "outreach.add_material",
        None,
        "outreach.material.create",
        _("Only coordinators and the liaisons of national agencies publish materials."),
    )
    errors: dict[str, list[str]] = {}
    material = AwarenessMaterial(
        title_es=" ".join(str(title_es or "").split()),
        title_en=" ".join(str(title_en or "").split()),
        description_es=str(description_es or "").strip(),
        description_en=str(description_en or "").strip(),
        audience=str(audience or ""),
        agency_id=actor.agency_id,  # type: ignore[misc]  # None: refused below as "agency"
        created_at=clock.now(),
    )
    if actor.agency_id is None:
        errors["agency"] = [_("Your login has no agency to publish the material for.")]
    try:
        material.full_clean(exclude=["agency"])
    except ValidationError as error:
        errors.update(error.message_dict)
    checked = None
    try:
        checked = check_file(file)
    except ValidationError as error:
        errors.update(error.message_dict)
    version = _version(material, 1, checked, language, "", actor)
    for name, messages in _version_errors(version, checked).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    assert checked is not None
    stored = None
    try:
        with transaction.atomic():
            material.save()
            version.material = material
            stored = _store(version, checked)
            version.save()
            record(
                actor=actor,
                action="outreach.material.create",
                obj=material,
                changes={
                    "audience": material.audience,
                    "language": version.language,
                    "sha256": [None, checked.sha256],
                },
            )
    except Exception:
        _discard(stored)
        raise
    return material


def add_version(
    *, actor: User, material: AwarenessMaterial, file: Any, language: str, notes: str = ""
) -> MaterialVersion:
    """Upload the next version of ``material`` (one more than its highest number).

    Side effects, in one transaction: the material's row locked (two uploads at once take
    consecutive numbers), the MaterialVersion row, the file stored (removed again if the
    transaction fails), one audit entry ("outreach.material.version": number, language,
    hash). PermissionDenied, audited denied, unless ``outreach.change_material`` on the
    material (checked before the file is read); ValidationError naming ``file``,
    ``language`` or ``notes``. Nothing is written then but the denied entry.
    """
    _require(
        actor,
        "outreach.change_material",
        material,
        "outreach.material.version",
        _("Only coordinators and the liaisons of the publishing agency upload new versions."),
    )
    errors: dict[str, list[str]] = {}
    checked = None
    try:
        checked = check_file(file)
    except ValidationError as error:
        errors.update(error.message_dict)
    version = _version(material, 1, checked, language, notes, actor)
    for name, messages in _version_errors(version, checked).items():
        errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    assert checked is not None
    stored = None
    try:
        with transaction.atomic():
            current = AwarenessMaterial.objects.select_for_update().get(pk=material.pk)
            highest = current.versions.aggregate(n=Max("number"))["n"] or 0
            version.material = current
            version.number = highest + 1
            stored = _store(version, checked)
            version.save()
            record(
                actor=actor,
                action="outreach.material.version",
                obj=current,
                changes={
                    "version": [highest, version.number],
                    "language": version.language,
                    "sha256": [None, checked.sha256],
                },
            )
    except Exception:
        _discard(stored)
        raise
    return version
