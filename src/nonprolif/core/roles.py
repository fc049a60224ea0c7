"""The roles of the platform. Each is a Django group of the same name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("National coordinator")
    LIAISON = "liaison", _("Agency liaison")
    PARTNER = "partner", _("Partner")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")
    ANALYST = "analyst", _("Intelligence analyst")


# Roles whose users act for one agency and must have it set.
AGENCY_ROLES = {Role.LIAISON, Role.PARTNER, Role.ANALYST}
