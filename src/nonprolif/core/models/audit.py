import datetime
import hashlib
import json
from collections.abc import Mapping
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nonprolif.core.roles import Role

from .user import Actor, User

#: The ``prev_hash`` of the first entry of the chain.
GENESIS_HASH = "0" * 64

#: The stored fields an entry's hash covers (every field but the surrogate key and the hash).
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "actor_name",
    "role",
    "agency",
    "action",
    "object_type",
    "object_id",
    "object_ids",
    "object_repr",
    "changes",
    "outcome",
    "request_id",
    "client_address",
    "prev_hash",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return value


def chain_hash(values: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of an entry's HASHED_FIELDS: sorted keys, compact
    separators, ASCII escapes, times as ISO 8601 in UTC with microseconds."""
    payload = {name: _canonical(values[name]) for name in HASHED_FIELDS}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def visible_to(self, user: Actor) -> Self:
        """Auditors and coordinators read the whole trail; others read their own actions."""
        if not isinstance(user, User) or not user.is_active:  # anonymous or nobody
            return self.none()
        if user.has_role(Role.AUDITOR) or user.has_role(Role.COORDINATOR):
            return self.all()
        return self.filter(actor=user)


class Outcome(models.TextChoices):
    ALLOWED = "allowed", _("allowed")
    DENIED = "denied", _("denied")


class AuditEntry(models.Model):
    """One read or write: who (and his roles and agency then), what, on which objects, when,
    from which request and address. Entries form a hash chain in ``seq`` order: each stores
    the previous entry's hash and its own over HASHED_FIELDS. Rows are only ever inserted
    (core/domain/audit.py); on PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE."""

    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("who (username)"), max_length=150, blank=True)
    role = models.CharField(_("roles"), max_length=200, blank=True)
    agency = models.CharField(_("agency"), max_length=32, blank=True)
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_ids = models.JSONField(_("object ids"), default=list, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=Outcome.choices, default=Outcome.ALLOWED
    )
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    client_address = models.CharField(_("client address"), max_length=64, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        # the trail newest first: of one actor (what a user reads of his own), one object
        # type, one action (the audit page's filters, and their lists of values)
        indexes = [
            models.Index(fields=["actor", "seq"], name="audit_actor_by_seq"),
            models.Index(fields=["object_type", "seq"], name="audit_type_by_seq"),
            models.Index(fields=["action", "seq"], name="audit_action_by_seq"),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def compute_hash(self) -> str:
        return chain_hash({name: getattr(self, name) for name in HASHED_FIELDS})


class AuditHead(models.Model):
    """The chain's head, one row: the last entry's ``seq`` and hash. An append locks it
    (SELECT … FOR UPDATE) for the rest of its transaction, so appends never fork the chain."""

    seq = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.seq}:{self.entry_hash}"
