"""The intelligence vocabularies in the Django admin, for administrators only (the admin is
theirs, see ``core.admin``): the classification levels and the CBRN categories and materials.
Changes go through ``intel.vocabulary.domain.save_term`` (audited); nothing is deleted (reports,
clearances and versions point at the terms). Reports, entities and everything else scoped by
the access rule are deliberately NOT registered here."""

from django.contrib import admin

from nonprolif.core.admin import AccountsAdminMixin
from nonprolif.core.models import ClassificationLevel
from nonprolif.intel.models import CbrnCategory, Material
from nonprolif.intel.vocabulary.domain import save_term


class VocabularyAdmin(AccountsAdminMixin, admin.ModelAdmin):
    """Administrators add and change terms; the change is the service's (audited)."""

    def save_model(self, request, obj, form, change):
        save_term(actor=request.user, term=obj)


@admin.register(ClassificationLevel)
class ClassificationLevelAdmin(VocabularyAdmin):
    list_display = ("rank", "code", "name_es", "name_en")
    ordering = ("rank",)
    fields = ("code", "rank", "name_es", "name_en")


@admin.register(CbrnCategory)
class CbrnCategoryAdmin(VocabularyAdmin):
    list_display = ("code", "name_es", "name_en")
    search_fields = ("code", "name_es", "name_en")
    fields = ("code", "name_es", "name_en")


@admin.register(Material)
class MaterialAdmin(VocabularyAdmin):
    list_display = ("code", "name_es", "name_en", "category", "cas_number")
    list_filter = ("category",)
    list_select_related = ("category",)
    search_fields = ("code", "name_es", "name_en", "cas_number")
    fields = ("category", "code", "name_es", "name_en", "cas_number")
