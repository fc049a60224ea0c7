"""Accounts: the role groups and the creation of logins."""

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Actor, Agency, AgencyKind, User
from nonprolif.core.roles import AGENCY_ROLES, Role

# Django model permissions of the administrator group: manage accounts in the Django admin,
# and nothing else (no program data, no audit trail, no groups).
ADMINISTRATOR_PERMISSIONS = (
    ("core", "view_user"),
    ("core", "add_user"),
    ("core", "change_user"),
    ("core", "view_apitoken"),
    ("core", "change_apitoken"),
)

# The kind of agency each agency-bound role must belong to.
REQUIRED_AGENCY_KIND = {Role.LIAISON: AgencyKind.NATIONAL, Role.PARTNER: AgencyKind.PARTNER}


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


def resolve_agency(agency: Agency | str | None) -> Agency | None:
    """The Agency for an Agency or an agency code; None for None/"".

    Raises ValidationError naming ``agency`` when the code is unknown.
    """
    if agency is None or agency == "":
        return None
    if isinstance(agency, Agency):
        return agency
    found = Agency.objects.filter(code__iexact=str(agency).strip()).first()
    if found is None:
        raise ValidationError(
            {"agency": _("Unknown agency code “%(code)s”.") % {"code": agency}},
            code="unknown",
        )
    return found


def create_user(
    *,
    username: str,
    role: Role | str,
    agency: Agency | str | None = None,
    password: str | None = None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    language: str = "es-mx",
    actor: Actor = None,
) -> User:
    """Create a login with one role.

    ``agency`` is an Agency or an agency code. Liaisons need a national agency and partners a
    partner agency; the other roles may have one. ``password`` is checked against the password
    validators; None leaves the account without a usable password. Administrators are staff
    (they manage accounts in the Django admin).

    Raises ValidationError naming the bad field (``role``, ``agency``, ``username``,
    ``password``, ``email``, ``language``) and writes nothing.

    Side effects (in one transaction): the role groups are ensured (ensure_role_groups); one
    User row; its membership of the role's group; one audit entry ``user.create`` (without
    the password).
    """
    try:
        role = Role(str(role).strip().lower())
    except ValueError:
        raise ValidationError(
            {
                "role": _("Unknown role “%(role)s”; choose one of: %(roles)s.")
                % {"role": role, "roles": ", ".join(r.value for r in Role)}
            },
            code="unknown",
        ) from None

    agency = resolve_agency(agency)
    if role in AGENCY_ROLES:
        if agency is None:
            raise ValidationError(
                {"agency": _("The %(role)s role needs an agency.") % {"role": role.value}},
                code="required",
            )
        if agency.kind != REQUIRED_AGENCY_KIND[role]:
            message = (
                _("A liaison must belong to a national agency; %(code)s is a foreign partner.")
                if role == Role.LIAISON
                else _("A partner must belong to a foreign partner agency; %(code)s is national.")
            )
            raise ValidationError({"agency": message % {"code": agency.code}}, code="invalid")

    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        agency=agency,
        is_staff=role == Role.ADMINISTRATOR,
    )
    if password is None:
        user.set_unusable_password()
    else:
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}, code="invalid") from None
        user.set_password(password)
    user.full_clean()

    with transaction.atomic():
        groups = ensure_role_groups()
        user.save()
        user.groups.add(groups[role.value])
        record(
            actor=actor,
            action="user.create",
            obj=user,
            changes={
                "role": [None, role.value],
                "agency": [None, agency.code if agency else None],
                "is_staff": [None, user.is_staff],
            },
        )
    return user
