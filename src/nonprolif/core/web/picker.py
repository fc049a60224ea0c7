"""Pickers: form fields that choose officials by searching, instead of a ``<select>`` of
every official.

The field renders a search box (htmx: ``hx-get`` to the form's search endpoint, on
``input changed delay:250ms``), a result list of buttons and the current choice as checked
radio buttons (checkboxes for a multiple choice), which is what the form submits. Clicking a
result puts it among the choices (``static/nonprolif/picker.js``, no inline script: the
Content-Security-Policy allows only the site's own files). Searching needs JavaScript; the
choice already made is submitted without it.

Server side the field is a ``ModelChoiceField`` (``ModelMultipleChoiceField``) over the
form's scoped queryset: a pk outside it is refused with the field's error. The form sets
``field.search_url`` to an endpoint that rebuilds the same queryset with the same selector
and answers with ``search_page`` (core/views/pickers.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from nonprolif.core.models import Official
from nonprolif.core.web.forms import ID_MAX, ID_MIN

PAGE_SIZE = 20
PROJECT_TEMPLATES = TemplatesSetting()


def official_label(official: Official) -> str:
    """How an official is shown in a picker: his name and agency."""
    agency = official.agency
    return f"{official.full_name} ({agency.acronym or agency.code})"


class PickerWidget(forms.Widget):
    """The search box, the results and the current choice of one picker field."""

    template_name = "core/_picker.html"
    multiple = False

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.field: _PickerMixin | None = None

    def _render(self, template_name, context, renderer=None):
        # The project's templates (not the form renderer's), where core/_picker.html is.
        return super()._render(template_name, context, PROJECT_TEMPLATES)

    def use_required_attribute(self, initial: Any) -> bool:
        return False

    def value_from_datadict(self, data, files, name):
        if self.multiple and hasattr(data, "getlist"):
            return data.getlist(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name) -> bool:
        return False if self.multiple else name not in data

    def format_value(self, value: Any) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value]
        pks = []
        for one in values:
            one = getattr(one, "pk", one)
            try:
                pk = int(str(one))
            except (TypeError, ValueError):
                continue
            if ID_MIN <= pk <= ID_MAX:  # past 64 bits no row has it (and SQLite overflows)
                pks.append(pk)
        return pks

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict:
        context = super().get_context(name, value, attrs)
        field = self.field
        chosen: list[tuple[int, str]] = []
        pks = self.format_value(value)
        if field is not None and pks and field.queryset is not None:
            chosen = [(obj.pk, field.label_from_instance(obj)) for obj in field.chosen(pks)]
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"].update(
            {
                "search_url": field.search_url if field is not None else "",
                "chosen": chosen,
                "multiple": self.multiple,
                "input_type": "checkbox" if self.multiple else "radio",
                "results_id": f"{widget_id}-results",
                "chosen_id": f"{widget_id}-chosen",
            }
        )
        return context


class MultiplePickerWidget(PickerWidget):
    multiple = True


class _PickerMixin:
    """Ties the widget to its field (each form's copy: fields are deep-copied per form), so
    that the widget can show the current choice; holds the search endpoint's URL."""

    widget: Any
    queryset: QuerySet | None
    label_from_instance: Callable[[Any], str]
    search_url: str = ""

    def _bind_widget(self) -> None:
        self.widget.field = self

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)  # type: ignore[misc]
        result._bind_widget()
        return result

    def chosen(self, pks: list[int]) -> list[Model]:
        """The chosen objects that are in the queryset, in the order chosen."""
        assert self.queryset is not None
        found = {obj.pk: obj for obj in self.queryset.filter(pk__in=pks)}
        return [found[pk] for pk in pks if pk in found]


class OfficialPickerField(_PickerMixin, forms.ModelChoiceField):
    """One official, searched among ``queryset``."""

    widget = PickerWidget
    default_error_messages = {
        "invalid_choice": _("Choose an official from the search results."),
    }

    def __init__(self, *, queryset=None, **kwargs) -> None:
        super().__init__(queryset=queryset, **kwargs)
        self._bind_widget()

    def label_from_instance(self, obj) -> str:
        return official_label(obj)


class OfficialMultiplePickerField(_PickerMixin, forms.ModelMultipleChoiceField):
    """Several officials, searched among ``queryset``."""

    widget = MultiplePickerWidget
    default_error_messages = {
        **forms.ModelMultipleChoiceField.default_error_messages,
        "invalid_choice": _("Choose officials from the search results."),
    }

    def __init__(self, *, queryset=None, **kwargs) -> None:
        super().__init__(queryset=queryset, **kwargs)
        self._bind_widget()

    def label_from_instance(self, obj) -> str:
        return official_label(obj)
