"""The demo's officials and logins in the database: upserted by (agency, e-mail) and by
username, so loading twice changes nothing."""

from __future__ import annotations

from typing import Any, Literal

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError

from nonprolif.core.domain.accounts import create_user, update_account
from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.domain.groups import ensure_role_groups
from nonprolif.core.models import Agency, ClassificationLevel, Official, User
from nonprolif.core.roles import Role
from nonprolif.seed.loader.checks import fail
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import LOOK_UP, LookUp, upsert


def upsert_official(
    person: dict[str, Any],
    agency: Agency,
    *,
    where: str,
    result: SeedResult,
    actor: User | None,
    user: User | None = None,
    existing: Official | Literal[LookUp.LOOK_UP] | None = LOOK_UP,
) -> Official:
    """The official ``person`` of ``agency`` (key: agency and e-mail), active, linked to
    ``user`` when given. Side effects: those of ``upsert``."""
    values = {
        "given_names": person["given_names"],
        "family_names": person["family_names"],
        "position": person.get("position", ""),
        "seniority": person.get("seniority", "working"),
        "language": person.get("language", "es-mx"),
        "active": True,
    }
    if user is not None:
        values["user"] = user
    return upsert(
        Official,
        key={"agency": agency, "email": person["email"]},
        values=values,
        where=where,
        result=result,
        actor=actor,
        existing=existing,
    )


class DemoPassword:
    """The demo password, hashed once for all the demo logins (hashing is slow on purpose)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._encoded: str | None = None
        self._checked: dict[str, bool] = {}

    @property
    def encoded(self) -> str:
        if self._encoded is None:
            self._encoded = make_password(self.raw)
        return self._encoded

    def matches(self, encoded: str) -> bool:
        if encoded not in self._checked:
            self._checked[encoded] = check_password(self.raw, encoded)
        return self._checked[encoded]


def login_agency(login: dict[str, Any], *, where: str) -> Agency | None:
    """The agency a demo login names (None when it names none); an unknown code fails."""
    if not login.get("agency"):
        return None
    agency = Agency.objects.filter(code=login["agency"]).first()
    if agency is None:
        fail(f"{where}.agency", f"unknown agency code “{login['agency']}”")
    return agency


def login_clearance(login: dict[str, Any], *, where: str) -> ClassificationLevel | None:
    """The clearance a demo login names (a level's code; None when it names none); an
    unknown code fails."""
    if not login.get("clearance"):
        return None
    level = ClassificationLevel.objects.filter(code=login["clearance"]).first()
    if level is None:
        fail(f"{where}.clearance", f"unknown classification level “{login['clearance']}”")
    return level


def ensure_login(
    login: dict[str, Any],
    agency: Agency | None,
    password: DemoPassword,
    *,
    where: str,
    result: SeedResult,
    actor: User | None,
) -> User:
    """Create the demo login, or bring an existing one back to the document (role group,
    ``agency`` (see :func:`login_agency`), clearance, staff flag, active, password). A new
    login's clearance is given through the account service (audited ``user.clearance``)."""
    clearance = login_clearance(login, where=where)
    official = login.get("official") or {}
    names = {
        "email": official.get("email", login.get("email", "")),
        "first_name": official.get("given_names", login.get("first_name", "")),
        "last_name": official.get("family_names", login.get("last_name", "")),
        "language": login.get("language", "es-mx"),
    }
    user = User.objects.filter(username=login["username"]).first()
    if user is None:
        try:
            user = create_user(
                username=login["username"],
                role=login["role"],
                agency=agency,
                actor=actor,
                **names,
            )
        except ValidationError as error:
            raise ValidationError(
                {f"{where}.{name}": msgs for name, msgs in error.message_dict.items()}
            ) from None
        user.password = password.encoded  # checked by load_demo_document
        user.save(update_fields=["password"])
        if clearance is not None:
            user = update_account(actor=actor, user=user, clearance=clearance).user
        result.created[User._meta.label_lower] += 1
        return user

    wanted = {
        "agency": agency,
        "clearance": clearance,
        "is_staff": login["role"] == Role.ADMINISTRATOR,
        "is_active": True,
        **names,
    }
    before = snapshot(user, fields=list(wanted))
    for name, value in wanted.items():
        setattr(user, name, value)
    changes = diff(before, snapshot(user, fields=list(wanted)))
    if not password.matches(user.password):
        user.password = password.encoded
        changes["password"] = ["(changed)", "(demo password)"]
    if changes:
        user.save()
    group = ensure_role_groups()[login["role"]]
    current = sorted(user.groups.values_list("name", flat=True))
    if current != [group.name]:
        user.groups.set([group])
        changes["groups"] = [current, [group.name]]
    if changes:
        record(actor=actor, action="seed.update", obj=user, changes=changes)
        result.updated[User._meta.label_lower] += 1
    return user
