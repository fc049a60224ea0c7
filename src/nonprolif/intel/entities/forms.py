"""Forms of the entity pages (parsing only; the services validate and write), and the entity
picker: an entity searched among the visible ones, never a ``<select>`` of every entity."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nonprolif.core.web.forms import BoundedModelChoiceField, ServiceModelForm
from nonprolif.core.web.picker import PickerWidget, _PickerMixin
from nonprolif.intel.models import Entity, EntityKind, LinkRole


def entity_label(entity: Entity) -> str:
    """How an entity is shown in a picker: its name and kind."""
    return f"{entity.name} ({entity.get_kind_display()})"


class EntityPickerField(_PickerMixin, BoundedModelChoiceField):
    """One entity, searched among ``queryset`` (the visible entities) at ``search_url``."""

    widget = PickerWidget
    default_error_messages = {
        "invalid_choice": _("Choose an entity from the search results."),
    }

    def __init__(self, *, queryset=None, **kwargs) -> None:
        super().__init__(queryset=queryset, **kwargs)
        self._bind_widget()

    def label_from_instance(self, obj) -> str:
        return entity_label(obj)


class EntityForm(ServiceModelForm):
    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Other names, spellings or transliterations: one a line."),
    )

    class Meta:
        model = Entity
        fields = ["kind", "name", "country", "identifier", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["aliases"] = "\n".join(a.name for a in self.instance.aliases.all())

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["aliases"] = [line for line in data.get("aliases", "").splitlines() if line.strip()]
        return data


class EntityFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or alias"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *EntityKind.choices]
    )


class LinkForm(forms.Form):
    """Name an entity in a report: the entity (searched) and its role."""

    entity = EntityPickerField(label=_("Entity"))
    role = forms.ChoiceField(label=_("Role"), choices=LinkRole.choices)

    def __init__(self, *args, entities, search_url, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["entity"]
        assert isinstance(field, EntityPickerField)
        field.queryset = entities
        field.search_url = search_url

    def service_data(self) -> dict:
        return dict(self.cleaned_data)
