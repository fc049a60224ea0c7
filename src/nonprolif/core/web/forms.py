"""Form base classes and widgets that every app's forms build on."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


#: The ids a database's signed 64-bit integer column holds; past them SQLite raises
#: OverflowError (a 500) where no row can match anyway.
ID_MIN, ID_MAX = -(2**63), 2**63 - 1


def as_id(value) -> int | None:
    """``value`` as an id, or None when it is not a whole number or no signed 64-bit id can
    be it (a selector then finds nothing, as for a missing row)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if ID_MIN <= number <= ID_MAX else None


def outside_ids(value) -> bool:
    """Whether ``value`` is a whole number no signed 64-bit id can be."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return False
    return not ID_MIN <= number <= ID_MAX


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for which an id outside signed 64 bits is an invalid choice, not a
    database error."""

    def to_python(self, value):
        if value not in self.empty_values and outside_ids(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField for which an id outside signed 64 bits is an invalid
    choice, not a database error."""

    def _check_values(self, value):
        if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        for one in value:
            if outside_ids(one):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": one},
                )
        return super()._check_values(value)


class ServiceModelForm(forms.ModelForm):
    """A ModelForm that does not build or validate a model instance itself: the service
    does (one place for the rules). ``service_data()`` is what the service takes."""

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class SelectedIdsField(forms.Field):
    """The ids of the rows ticked on a list page (checkboxes named like the field, or hidden
    inputs on a confirmation page): whole numbers, each once, at most ``max_count``."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, max_count: int = 100, **kwargs):
        super().__init__(**kwargs)
        self.max_count = max_count

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        try:
            ids = list(dict.fromkeys(int(v) for v in value))
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Rows are named by their numbers.")) from None
        if len(ids) > self.max_count:
            raise forms.ValidationError(
                _("Select at most %(max)d rows at once.") % {"max": self.max_count}
            )
        return ids

    def validate(self, value) -> None:
        if self.required and not value:
            raise forms.ValidationError(_("Select at least one row."), code="required")


class BulkDecisionBaseForm(forms.Form):
    """Approve or decline the rows ticked on a list (``ids``, at most ``max_count``), with one
    reason; ``confirm`` is set by the confirmation step (without it the page only shows what
    would change). A feature's form
    redeclares ``ids`` with its batch limit and may relabel ``reason``."""

    APPROVE, DECLINE = "approved", "declined"

    ids = SelectedIdsField()
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[(APPROVE, gettext_lazy("Approve")), (DECLINE, gettext_lazy("Decline"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Required to decline."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)
