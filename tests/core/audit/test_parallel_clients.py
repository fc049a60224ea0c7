"""SQLite under parallel API clients: every read writes an audit entry, so every request is
a writer. The served application (`nonprolif serve`, waitress, 8 threads) on a file SQLite
database answers 8 client threads x 30 requests (reads and some writes) without one 5xx
("database is locked" was a 500), and the chain verifies afterwards.

The server runs in a subprocess on its own data directory, as in production.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CLIENTS = 8
REQUESTS = 30
SETUP = """
from nonprolif.core.domain.accounts import create_user
from nonprolif.core.domain.officials import create_official
from nonprolif.core.domain.tokens import issue_token
from nonprolif.core.models import Agency
agency = Agency.objects.create(code="AAA", name_es="A", name_en="A", kind="national")
user = create_user(username="coord", role="coordinator", agency=agency)
for n in range(5):
    create_official(actor=user, agency=agency, given_names=f"N{n}", family_names="P")
print(issue_token(user=user, name="load")[1])
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nonprolif(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "nonprolif.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kwargs,
    )


@pytest.fixture
def served(tmp_path: Path):
    env = {
        **os.environ,
        "NONPROLIF_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "nonprolif.settings",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    env.pop("DATABASE_URL", None)
    assert nonprolif(env, "manage", "migrate", "--verbosity", "0").returncode == 0
    setup = nonprolif(env, "manage", "shell", "-c", SETUP)
    assert setup.returncode == 0, setup.stderr
    token = setup.stdout.strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "nonprolif.cli", "serve", "--no-collectstatic"),
            *("--port", str(port), "--threads", "8"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    deadline = time.monotonic() + 180  # a loaded CI machine starts slowly
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/openapi.json", timeout=10)  # noqa: S310 - local
            break
        except OSError:  # not listening yet (URLError, ConnectionError, timeouts)
            time.sleep(0.2)
    try:
        yield base, token, env
    finally:
        server.terminate()
        server.wait(timeout=30)


def call(base: str, token: str, method: str, path: str, body: dict | None = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - a local test server
        base + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_parallel_api_clients_on_sqlite_get_no_server_error(served):
    base, token, env = served
    head = nonprolif(env, "audit", "head")
    entries_before = int(head.stdout.split(":")[0])
    statuses: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def client(n: int) -> None:
        start.wait()
        for i in range(REQUESTS):
            if i % 10 == 9:
                status = call(
                    base,
                    token,
                    "POST",
                    "/officials",
                    {"agency": "AAA", "given_names": f"C{n}-{i}", "family_names": "Load"},
                )
            else:
                path = ("/officials", "/officials/1", "/me", "/agencies")[i % 4]
                status = call(base, token, "GET", path)
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == CLIENTS * REQUESTS
    assert [s for s in statuses if s >= 500] == []
    assert statuses.count(201) == CLIENTS * REQUESTS // 10
    verify = nonprolif(env, "audit", "verify")
    assert verify.returncode == 0, verify.stderr
    # One entry per request: a read's, or the service's of a write.
    assert f"audit chain intact: {entries_before + CLIENTS * REQUESTS} entries" in verify.stdout
