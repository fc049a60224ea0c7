"""The matrix's actions of ``manage.py matrix``: ``export --program CODE --format xlsx|pdf
[--output FILE] [--lang es|en] [--as USERNAME]``."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.http import Http404

from nonprolif.core.domain.audit import record
from nonprolif.core.models import User
from nonprolif.core.roles import Role
from nonprolif.preparedness.matrix.exports import FORMATS, matrix_file, stem
from nonprolif.preparedness.matrix.queries import get_matrix_program_for
from nonprolif.program.models import Program


def _reader(program_code: str, username: str | None) -> User:
    """The login the export reads as: --as, else the one active coordinator of the program's
    lead agency."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"as: no active user {username!r}.")
        return user
    program = Program.objects.filter(code=program_code).first()
    if program is None:
        raise CommandError(f"program: no program {program_code!r}.")
    coordinators = list(
        User.objects.filter(
            is_active=True, groups__name=Role.COORDINATOR, agency_id=program.lead_agency_id
        ).order_by("username")
    )
    if len(coordinators) != 1:
        raise CommandError(
            "as: name the user the matrix is read as (--as USERNAME); "
            f"found {len(coordinators)} coordinators of the lead agency."
        )
    return coordinators[0]


def export(options: dict[str, Any], stdout, stderr) -> int:
    """Write the program's matrix (as the reader sees it) to --output, or to stdout when
    it is not a terminal; the read is audited ("matrix.export")."""
    user = _reader(options["program"], options["username"])
    try:
        program = get_matrix_program_for(user, options["program"])
    except Http404 as error:
        raise CommandError(f"program: no program {options['program']!r}.") from error
    kind = options["format"]
    body = matrix_file(user, program, kind=kind, language=options["lang"])
    record(actor=user, action="matrix.export", obj=program, changes={"format": kind})
    if options["output"]:
        Path(options["output"]).write_bytes(body)
        stderr.write(f"{stem(program)}.{kind}: {options['output']}")
        return 0
    stream = getattr(stdout, "_out", sys.stdout)
    if not hasattr(stream, "buffer") or stream.isatty():
        raise CommandError(f"output: a {kind.upper()} file needs --output FILE (or a redirection).")
    stream.flush()
    stream.buffer.write(body)
    stream.buffer.flush()
    return 0


def register(actions) -> None:
    parser = actions.add_parser("export", help="the program's 1540 matrix as XLSX or PDF")
    parser.add_argument("--program", required=True, metavar="CODE", help="the program code")
    parser.add_argument("--format", required=True, choices=list(FORMATS))
    parser.add_argument("--output", metavar="FILE", help="write here (default: stdout)")
    parser.add_argument("--lang", choices=["es", "en"], default="es")
    parser.add_argument(
        "--as",
        dest="username",
        metavar="USERNAME",
        help="read as this user (default: the lead agency's only coordinator)",
    )
    parser.set_defaults(handler=export)
