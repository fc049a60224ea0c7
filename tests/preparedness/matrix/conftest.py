"""The matrix's test program is the shared one (conftest: AAA lead, BBB member, PTR partner)
with a few entries: 1.1 in place for NW (AAA), 2.3.CW unclear (BBB), 3.4.BW not applicable.
The rows are the migration's (the shared ``default_vocabularies`` puts them back after a
flush)."""

import pytest

from nonprolif.preparedness.models import MatrixEntry, MatrixRow, MatrixStatus


@pytest.fixture
def matrix_rows(db):
    return MatrixRow.objects.order_by("position")


def row(code: str) -> MatrixRow:
    return MatrixRow.objects.get(code=code)


@pytest.fixture
def filled(program, agency_a, agency_b):
    """Three entries of the test program."""
    return [
        MatrixEntry.objects.create(
            program=program,
            row=row("1.1.NW"),
            status=MatrixStatus.YES,
            legal_reference="Ley de Seguridad Nacional, art. 5",
            citation="Artículo 5, fracción XII",
            agency=agency_a,
        ),
        MatrixEntry.objects.create(
            program=program, row=row("2.3.CW"), status=MatrixStatus.UNCLEAR, agency=agency_b
        ),
        MatrixEntry.objects.create(
            program=program, row=row("3.4.BW"), status=MatrixStatus.NOT_APPLICABLE
        ),
    ]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Evidence files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def denied(action: str):
    """The refusals audited for ``action``."""
    from nonprolif.core.models import AuditEntry, Outcome

    return AuditEntry.objects.filter(action=action, outcome=Outcome.DENIED)
