"""The permission check at the top of every service."""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor


def require_perm(actor: Actor, perm: str, obj: models.Model | None = None) -> None:
    """Raise PermissionDenied unless ``actor`` holds ``perm`` (on ``obj``); no actor holds
    nothing."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
