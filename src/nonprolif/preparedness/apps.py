from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreparednessConfig(AppConfig):
    name = "nonprolif.preparedness"
    label = "preparedness"
    verbose_name = _("Preparedness")
