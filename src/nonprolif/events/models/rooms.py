"""The rooms of a conference: where its talks take place, and how many they seat."""

from typing import TYPE_CHECKING, Self

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from nonprolif.core.scoping import scoped
from nonprolif.core.validators import validate_name

from .conference import Conference, conference_scope

if TYPE_CHECKING:
    from nonprolif.core.models import User


class RoomQuerySet(models.QuerySet["Room"]):
    def visible_to(self, user: "User") -> Self:
        """The rooms of the conferences ``user`` can see."""
        return scoped(self, conference_scope(user, "conference__"))


class Room(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_name])
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1)], help_text=_("Seats.")
    )

    objects = RoomQuerySet.as_manager()

    class Meta:
        ordering = ["conference", "name", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["conference", "name"], name="room_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
