"""schemathesis against a live server: the CI step after the tests (``.ci/run``).

In a temporary data directory (SQLite, production settings: DEBUG off), seed the built-in 2009
program with its demo data, issue an API token to the demo coordinator (API tokens are not
asked for a second factor), start ``nonprolif serve`` on 127.0.0.1 on a free port, and run the
schemathesis CLI over ``/api/v1/openapi.json`` with a bounded number of examples per
operation. Checks: no server error (5xx), every answer's status code, content type and body
as the document describes them. Exits non-zero on any failure (schemathesis's exit code) or
when the server does not come up; always stops the server and removes the directory.

    python scripts/schemathesis_live.py [--max-examples N] [--seed S] [-- extra CLI options]
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
]
TOKEN_SNIPPET = (
    "from nonprolif.core.domain.tokens import issue_token\n"
    "from nonprolif.core.models import User\n"
    "print(issue_token(user=User.objects.get(username='coordinador'), name='schemathesis')[1])"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nonprolif(env: dict[str, str], *args: str, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "nonprolif.cli", *args]
    return subprocess.run(command, env=env, check=True, **kwargs)  # noqa: S603 (our command)


def wait_for(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (our server)
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} within {seconds} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2009)
    parser.add_argument("extra", nargs="*", help="more schemathesis options (after --)")
    args = parser.parse_args(argv)
    data_dir = Path(tempfile.mkdtemp(prefix="nonprolif-schemathesis-"))
    env = {
        **os.environ,
        "NONPROLIF_DATA_DIR": str(data_dir),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
        ),
    }
    env.pop("DATABASE_URL", None)
    server = None
    try:
        nonprolif(env, "manage", "migrate", "--no-input", "-v", "0")
        nonprolif(env, "seed", "--demo", stdout=subprocess.DEVNULL)
        token = (
            nonprolif(env, "manage", "shell", "-c", TOKEN_SNIPPET, capture_output=True, text=True)
            .stdout.strip()
            .splitlines()[-1]
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 (our command)
            [sys.executable, "-m", "nonprolif.cli", "serve", "--host", "127.0.0.1"]
            + ["--port", str(port), "--threads", "4"],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        wait_for(f"{base}/api/v1/openapi.json", server)
        cli = Path(sys.executable).with_name("schemathesis")
        command = [
            str(cli) if cli.exists() else "schemathesis",
            "run",
            f"{base}/api/v1/openapi.json",
            "--header",
            f"Authorization: Bearer {token}",
            "--checks",
            ",".join(CHECKS),
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            str(args.max_examples),
            "--seed",
            str(args.seed),
            "--workers",
            "1",
            "--suppress-health-check",
            "all",
            "--request-timeout",
            "30",
            "--continue-on-failure",
            "--output-sanitize",
            "true",
            *args.extra,
        ]
        print(
            "$",
            " ".join(part if "Bearer" not in part else "'Authorization: …'" for part in command),
            flush=True,
        )
        started = time.monotonic()
        result = subprocess.run(command, env=env, cwd=data_dir, check=False)  # noqa: S603
        print(f"schemathesis: exit {result.returncode} in {time.monotonic() - started:.0f} s")
        return result.returncode
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
