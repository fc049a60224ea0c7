"""The control lists in the Django admin, for administrators (the admin is theirs, see
``core.admin``): a control-list entry is corrected here one at a time, through
``screening.lists.domain.save_control_entry`` (audited); nothing is deleted (a goods line's
alerts name the entry). Whole files are loaded on the control lists' page or with
``screening load-controls``. Watchlists, their entries and snapshots change only by importing
a list file; batches and alerts are scoped and deliberately NOT registered here."""

from django.contrib import admin

from nonprolif.core.admin import AccountsAdminMixin
from nonprolif.screening.lists.domain import save_control_entry
from nonprolif.screening.models import ControlListEntry


@admin.register(ControlListEntry)
class ControlListEntryAdmin(AccountsAdminMixin, admin.ModelAdmin):
    """Administrators add and change entries; the change is the service's (audited)."""

    list_display = ("regime", "code", "description_en", "updated_at")
    list_filter = ("regime",)
    search_fields = ("code", "description_en", "description_es")
    ordering = ("regime", "code")
    list_per_page = 50
    fields = (
        "regime",
        "code",
        "description_en",
        "description_es",
        "cas_numbers",
        "hs6",
        "tariff_fractions",
        "keywords_en",
        "keywords_es",
    )

    def save_model(self, request, obj, form, change):
        save_control_entry(actor=request.user, entry=obj)
