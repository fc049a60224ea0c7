"""Benchmark of a session's certificates at once against one at a time, same run.

On a database of its own (as ``upload_bench.py``: ``--database sqlite`` in a temporary
directory, or ``postgresql`` with ``DATABASE_URL``), migrated and seeded (``seed --demo``),
it enrols ``--certificates`` fresh officials in two sessions that have ended and marks them
present every day (bulk inserts), then measures:

- issuing: ``issue_certificates`` (one bulk insert, one audit entry) on the first session,
  against the per-certificate write it replaced (a savepoint, an insert and an audit entry
  per certificate) on the second;
- downloading: the whole session as one PDF (``session_certificates_for`` then
  ``certificates_pdf``: one query, one Typst compile), against single downloads
  (``get_certificate_for`` then ``certificate_pdf``, each a request of its own), timed on
  ``--sample`` certificates and scaled to all of them. Each side writes its read-audit entry
  (one per request), as the read middleware does.

    .venv/bin/python benchmarks/certificates_bench.py --database sqlite --certificates 1000
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from upload_bench import _configure, _counting


def _setup(n: int):
    from django.core.management import call_command
    from django.utils import timezone

    from nonprolif.core.models import Agency, Official, Seniority, User
    from nonprolif.program.models import Program
    from nonprolif.training.attendance.domain import program_today
    from nonprolif.training.models import Attendance, Session, SessionParticipant

    call_command("migrate", verbosity=0)
    if not Program.objects.filter(code="mx-2009").exists():
        call_command("seed", demo=True, verbosity=0)
    program = Program.objects.get(code="mx-2009")
    actor = User.objects.get(username="coordinador")
    ended = Session.objects.filter(program=program, end__lte=program_today(program))
    sessions = [s for s in ended.order_by("start", "pk") if not s.certificates.exists()][:2]
    if len(sessions) < 2:
        raise SystemExit("no two ended sessions without certificates: use a fresh database")
    tag = f"{time.time_ns():x}"
    agencies = list(Agency.objects.order_by("pk"))
    Official.objects.bulk_create(
        Official(
            agency=agencies[i % len(agencies)],
            given_names=f"Cert{i}",
            family_names=f"Bench {tag}",
            seniority=Seniority.WORKING,
            email=f"cert-{tag}-{i}@example.org",
        )
        for i in range(2 * n)
    )
    officials = list(Official.objects.filter(family_names=f"Bench {tag}").order_by("pk"))
    now = timezone.now()
    for session, group in zip(sessions, (officials[:n], officials[n:]), strict=True):
        SessionParticipant.objects.bulk_create(
            SessionParticipant(session=session, official=o) for o in group
        )
        participants = SessionParticipant.objects.filter(session=session, official__in=group)
        Attendance.objects.bulk_create(
            Attendance(participant=p, day=day, present=True, recorded_by=actor, recorded_at=now)
            for p in participants
            for day in session.day_list
        )
    return actor, sessions


def per_certificate_issue(*, actor, session):
    """The issue as it was: each certificate saved in its own savepoint with a fresh code,
    and its own audit entry."""
    from django.db import transaction
    from django.utils import timezone

    from nonprolif.core.domain.audit import record
    from nonprolif.training.attendance.queries import session_completions
    from nonprolif.training.certificates import codes
    from nonprolif.training.models import Certificate, Session

    issued = []
    with transaction.atomic():
        current = Session.objects.select_related("program").select_for_update().get(pk=session.pk)
        existing = set(Certificate.objects.filter(session=current).values_list("official_id"))
        now = timezone.now()
        for completion in session_completions(current):
            official = completion.participant.official
            if (official.pk,) in existing or not completion.complete:
                continue
            certificate = Certificate(
                program=current.program,
                session=current,
                official=official,
                official_name=official.full_name,
                item_key=current.item_key,
                item_number=current.item_number,
                title_es=current.title_es,
                title_en=current.title_en,
                start=current.start,
                end=current.end,
                days_total=completion.total_days,
                days_present=completion.present_days,
                completion_percent=completion.percent_needed,
                code=codes.new_code(),
                issued_by=actor,
                issued_at=now,
            )
            certificate.full_clean(exclude=["code"], validate_constraints=False)
            with transaction.atomic():
                certificate.save()
            record(actor=actor, action="certificate.issue", obj=certificate)
            issued.append(certificate)
    return issued


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=50)
    args = parser.parse_args()
    _configure(args.database)

    from django.db import connection

    from nonprolif.core.domain.audit import record
    from nonprolif.training.certificates.domain import issue_certificates
    from nonprolif.training.certificates.pdf import certificate_pdf, certificates_pdf
    from nonprolif.training.certificates.queries import (
        get_certificate_for,
        session_certificates_for,
    )

    actor, (ours_session, base_session) = _setup(args.certificates)
    actor.role_names  # noqa: B018 (read once, as the request's middleware does)
    url = "https://example.org/verify/"

    def timed(run):
        statements: list[str] = []
        with connection.execute_wrapper(_counting(statements)):
            started = time.perf_counter()
            result = run()
            return time.perf_counter() - started, len(statements), result

    issue_s, issue_q, report = timed(lambda: issue_certificates(actor=actor, session=ours_session))
    base_issue_s, base_issue_q, base_issued = timed(
        lambda: per_certificate_issue(actor=actor, session=base_session)
    )
    assert len(report.issued) == len(base_issued) == args.certificates

    def bundle():
        certificates = session_certificates_for(actor, ours_session)
        pdf = certificates_pdf(certificates, title=str(ours_session), verify_url=lambda c: url)
        record(
            actor=actor,
            action="certificate.download_session",
            object_type="training.certificate",
            object_ids=[c.pk for c in certificates],
        )
        return pdf

    def singles():
        pdfs = []
        for issued in report.issued[: args.sample]:
            certificate = get_certificate_for(actor, issued.pk)
            assert actor.has_perm("training.download_certificate", certificate)
            pdfs.append(certificate_pdf(certificate, verify_url=url))
            record(actor=actor, action="certificate.download", obj=certificate)
        return pdfs

    bundle_s, bundle_q, pdf = timed(bundle)
    assert pages(pdf) == args.certificates, pages(pdf)
    sample_s, sample_q, pdfs = timed(singles)
    assert all(pages(p) == 1 for p in pdfs)
    scale = args.certificates / len(pdfs)
    singles_s = sample_s * scale

    print(f"database: {connection.vendor}, certificates: {args.certificates}")
    print(f"{'operation':<34} {'seconds':>8} {'queries':>8} {'x ours':>7}")
    print(f"{'issue, ours (bulk)':<34} {issue_s:>8.2f} {issue_q:>8} {1:>7.1f}")
    print(
        f"{'issue, per certificate':<34} {base_issue_s:>8.2f} {base_issue_q:>8} "
        f"{base_issue_s / issue_s:>7.1f}"
    )
    print(
        f"{'download, ours (1 PDF, 1 compile)':<34} {bundle_s:>8.2f} {bundle_q:>8} {1:>7.1f}"
        f"   ({len(pdf) / 1e6:.1f} MB, {pages(pdf)} pages)"
    )
    print(
        f"{'download, single PDFs':<34} {singles_s:>8.2f} {round(sample_q * scale):>8} "
        f"{singles_s / bundle_s:>7.1f}   ({len(pdfs)} timed: {sample_s:.2f} s, x {scale:g})"
    )
    print(f"ratio issue per-certificate / ours: {base_issue_s / issue_s:.1f}")
    print(f"ratio download singles / bundle: {singles_s / bundle_s:.1f}")


if __name__ == "__main__":
    main()
