"""The plan page's choice of program and year."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PlanForm(forms.Form):
    program = forms.CharField(label=_("Program code"), required=False, max_length=32)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2999)

    def choice(self) -> tuple[str | None, int | None]:
        """(program code, year) as asked; a bad value is left out (its error shows)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        program = data.get("program") if "program" not in self.errors else None
        year = data.get("year") if "year" not in self.errors else None
        return program or None, year
