"""The generator on an empty database: the same seed gives the same data, foreign data are
refused (or kept beside with --force), a second generation is refused, errors are clear, and
``nonprolif generate`` runs the command. (Apart from test_generate.py, whose module-wide data
set would be in the way.)"""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from nonprolif.cli import main
from nonprolif.core.models import Agency, AuditEntry, Official
from nonprolif.events.models import ActionItem, Registration
from nonprolif.seed.generate import GenerationRefusedError, GenerationSpec, generate
from nonprolif.training.models import Attendance, Certificate, Nomination, Session
from tests.factories import AgencyFactory

TODAY = datetime.date(2026, 6, 15)
PASSWORD = "load-test-password-1"


def small_spec(**changes):
    values = {"officials": 300, "nominations": 1000, "programs": 2, "seed": 7}
    values |= {"password": PASSWORD, "today": TODAY, **changes}
    return GenerationSpec(**values)


def _digest():
    return {
        "officials": list(
            Official.objects.order_by("email").values_list(
                "agency__code", "given_names", "family_names", "email", "seniority"
            )
        ),
        "nominations": list(
            Nomination.objects.order_by("official__email", "program__code", "order_at").values_list(
                "official__email",
                "program__code",
                "item_key",
                "status",
                "order_at",
                "session__uid",
                "preferences",
            )
        ),
        "sessions": list(Session.objects.order_by("uid").values_list("uid", "start", "capacity")),
        "certificates": list(
            Certificate.objects.order_by("code").values_list("code", "official__email")
        ),
        "attendance": Attendance.objects.filter(present=True).count(),
        "actions": list(
            ActionItem.objects.order_by("meeting__title_en", "title_en", "due_date").values_list(
                "owner_agency__code", "due_date", "status"
            )
        ),
        "registrations": list(
            Registration.objects.order_by("official__email").values_list(
                "official__email", "status"
            )
        ),
    }


def _generated_digest(seed):
    with transaction.atomic():
        generate(small_spec(seed=seed, officials=120, nominations=300, programs=1))
        digest = _digest()
        transaction.set_rollback(True)
    return digest


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(db):
    first = _generated_digest(3)
    assert first["nominations"]
    assert _generated_digest(3) == first
    assert _generated_digest(4)["officials"] != first["officials"]


def test_a_database_with_data_not_generated_is_refused_and_left_alone(db):
    AgencyFactory(code="SEDENA")
    entries = AuditEntry.objects.count()
    with pytest.raises(GenerationRefusedError, match=r"1 agencies \(e.g. SEDENA\)"):
        generate(small_spec())
    assert Official.objects.count() == 0
    assert Agency.objects.count() == 1
    assert AuditEntry.objects.count() == entries
    with pytest.raises(CommandError, match="not generated: 1 agencies"):
        call_command("generate", officials=50, nominations=10, programs=1, stdout=io.StringIO())


def test_force_adds_the_generated_data_beside_foreign_data(db):
    AgencyFactory(code="SEDENA")
    generate(small_spec(force=True, officials=50, nominations=100, programs=1))
    assert Official.objects.count() == 50
    assert Agency.objects.filter(code="SEDENA").exists()


def test_a_second_generation_is_refused_even_with_force(db):
    generate(small_spec(officials=50, nominations=100, programs=1))
    with pytest.raises(GenerationRefusedError, match="already holds a generated data set"):
        generate(small_spec(officials=50, nominations=100, programs=1, force=True))
    assert Official.objects.count() == 50


def test_more_nominations_than_the_officials_allow_is_a_clear_error(db):
    with pytest.raises(ValueError, match="nominations: at most"):
        generate(small_spec(officials=20, nominations=5000, programs=1))
    assert not Official.objects.exists()


def test_nonprolif_generate_is_the_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["generate", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "usage: nonprolif generate" in out
    assert "--logins-file" in out


def test_the_command_generates_and_writes_the_logins_file(db, tmp_path):
    path = tmp_path / "logins.json"
    out = io.StringIO()
    call_command(
        "generate",
        officials=60,
        nominations=100,
        programs=1,
        seed=2,
        password=PASSWORD,
        logins_file=str(path),
        stdout=out,
    )
    assert "training.nomination" in out.getvalue()
    assert "generated in" in out.getvalue()
    assert Nomination.objects.count() == 100
    assert json.loads(path.read_text())["seed"] == 2


def test_the_command_refuses_a_weak_password(db):
    with pytest.raises(CommandError, match="--password"):
        call_command("generate", officials=10, nominations=0, programs=1, password="123")
    assert not Agency.objects.exists()
