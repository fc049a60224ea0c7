"""The search form (the words and the filters, from the page's query string) and the form
that saves a search."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nonprolif.intel.models import SavedSearch
from nonprolif.intel.search.queries import (
    FILTER_NAMES,
    MAX_QUERY_LENGTH,
    clean_filters,
    clean_query,
)


class SearchForm(forms.Form):
    """``q`` and the filters (``type``, ``category``, ``originator``, ``classification``,
    ``year``), checked by the search's own rules; errors name the field."""

    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        help_text=_("Every word must appear (in Spanish or English: title, text or tags)."),
    )
    type = forms.CharField(required=False, widget=forms.HiddenInput)
    category = forms.CharField(required=False, widget=forms.HiddenInput)
    originator = forms.CharField(required=False, widget=forms.HiddenInput)
    classification = forms.CharField(required=False, widget=forms.HiddenInput)
    year = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        try:
            data["q"] = clean_query(data.get("q"))
            data["filters"] = clean_filters({name: data.get(name) for name in FILTER_NAMES})
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name in self.fields and not self.fields[name].widget.is_hidden:
                    self.add_error(name, messages)
                else:
                    self.add_error(None, [f"{name}: {message}" for message in messages])
        return data

    def search(self) -> tuple[str, dict]:
        """(words, filters) of a valid form; nothing of an invalid one."""
        if not self.is_bound or not self.is_valid():
            return "", {}
        return self.cleaned_data["q"], self.cleaned_data.get("filters", {})


class SavedSearchForm(SearchForm):
    """Save the search the page shows (its words and filters come along hidden) by a name."""

    name = forms.CharField(label=_("Name of the saved search"), max_length=200)
    notify = forms.BooleanField(
        label=_("E-mail me a link when new reports match"), required=False, initial=True
    )

    field_order = ["name", "notify"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "save_%s")  # the search form on the same page has id_…
        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.HiddenInput()

    def service_data(self) -> dict:
        return {
            "name": self.cleaned_data["name"],
            "query": self.cleaned_data["q"],
            "filters": self.cleaned_data.get("filters", {}),
            "notify": self.cleaned_data["notify"],
        }


def saved_search_params(saved: SavedSearch) -> dict[str, str]:
    """The query string of a saved search's results page."""
    params = {"q": saved.query} if saved.query else {}
    params.update({name: str(value) for name, value in (saved.filters or {}).items() if value})
    return params
