"""The role groups: one Django group per role, and the administrator group's model
permissions (the other roles' permissions are ``rules`` predicates, not model permissions)."""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from nonprolif.core.domain.audit import record
from nonprolif.core.roles import Role

# Django model permissions of the administrator group: manage accounts in the Django admin,
# and nothing else (no program data, no audit trail, no groups).
ADMINISTRATOR_PERMISSIONS = (
    ("core", "view_user"),
    ("core", "add_user"),
    ("core", "change_user"),
    ("core", "view_apitoken"),
    ("core", "change_apitoken"),
)


def ensure_role_groups() -> dict[str, Group]:
    """Create the group of every role if missing and give the administrator group exactly the
    account-management permissions (ADMINISTRATOR_PERMISSIONS); the other groups get no model
    permissions (what they may do is decided by the ``rules`` predicates).

    Side effects: creates missing Group rows; sets the administrator group's permissions when
    they differ; one audit entry per group created or changed. Running it again changes
    nothing. Needs the migrations applied (the permissions rows exist).
    """
    with transaction.atomic():
        groups: dict[str, Group] = {}
        for role in Role:
            group, created = Group.objects.get_or_create(name=role.value)
            if created:
                record(actor=None, action="group.create", obj=group)
            groups[role.value] = group

        admin_group = groups[Role.ADMINISTRATOR.value]
        wanted: set[int] = set()
        for app_label, codename in ADMINISTRATOR_PERMISSIONS:
            wanted.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename).pk
            )
        current = set(admin_group.permissions.values_list("pk", flat=True))
        if current != wanted:
            admin_group.permissions.set(wanted)
            record(
                actor=None,
                action="group.permissions",
                obj=admin_group,
                changes={
                    "permissions": [
                        sorted(_permission_names(current)),
                        sorted(_permission_names(wanted)),
                    ]
                },
            )
        return groups


def _permission_names(pks: Iterable[int]) -> list[str]:
    return [
        f"{app}.{codename}"
        for app, codename in Permission.objects.filter(pk__in=pks).values_list(
            "content_type__app_label", "codename"
        )
    ]
