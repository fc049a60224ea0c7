"""The permission check at the top of every service."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_perm(actor, perm: str, obj=None) -> None:
    """Raise PermissionDenied unless ``actor`` holds ``perm`` (on ``obj``); no actor holds
    nothing."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
