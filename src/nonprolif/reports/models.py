"""The numbering of the program status reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportSequence(models.Model):
    """The last reference number given to a program's reports in one year: one row per
    program and year, taken under a row lock by ``reports.domain.issue_cable`` so that two
    reports issued at the same moment never get one number."""

    program = models.ForeignKey(
        "program.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("report sequence")
        verbose_name_plural = _("report sequences")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year"], name="reports_one_sequence_per_program_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program_id} {self.year}: {self.last_number}"
