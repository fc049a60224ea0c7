"""`nonprolif serve --workers N` and `nonprolif worker --workers N`, run for real: processes of
their own on a file SQLite database (migrated once for the module), a free port, bounded waits.
"""

import http.cookiejar
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid

import psutil
import pytest

from tests.core.test_tasks_rq import REDIS_TEST_URL, redis_or_skip, remove_queue

BOOT_SECONDS = 90  # a loaded 2-core machine: Django's start takes a few seconds per process


def nonprolif(*args: str) -> list[str]:
    return [sys.executable, "-m", "nonprolif.cli", *args]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The environment of a production-like site: its own data folder and migrated SQLite file
    (whatever database the suite runs on), secure cookies off (plain HTTP here)."""
    data = tmp_path_factory.mktemp("site")
    environment = {
        **os.environ,
        "NONPROLIF_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{data / 'nonprolif.sqlite3'}",
        "DEBUG": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    for name in ("TASKS_QUEUES", "REDIS_URL"):
        environment.pop(name, None)
    subprocess.run(
        nonprolif("manage", "migrate", "--verbosity", "0"),
        env=environment,
        check=True,
        timeout=300,
    )
    return environment, data / "nonprolif.sqlite3"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


def stop(process: subprocess.Popen, seconds: float = 60) -> int:
    """SIGTERM, then the exit status (killing the process group if it does not stop)."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        pytest.fail(f"{process.args} did not stop {seconds} s after SIGTERM")


def answer(opener, url: str, data: dict | None = None):
    """(status, body) of a GET, or of a POST of ``data``; never raises on an HTTP status."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


def test_serve_with_two_workers_runs_two_processes_that_answer_and_stop_on_sigterm(site, tmp_path):
    environment, database = site
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            nonprolif(
                "serve",
                "--port",
                str(port),
                "--workers",
                "2",
                "--threads",
                "2",
                "--no-collectstatic",
            ),
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        login = f"http://127.0.0.1:{port}/login/"
        status, page = wait_for(
            lambda: (reply := answer(opener, login))[0] and reply, BOOT_SECONDS, "the login page"
        )
        assert status == 200, log.read_text()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

        # A failed sign-in is answered, and counted in the SQLite file (django-axes).
        status, page = answer(
            opener,
            login,
            {"csrfmiddlewaretoken": token, "username": "nobody", "password": "wrong"},
        )
        assert status == 200, page
        with sqlite3.connect(database) as connection:
            assert connection.execute(
                "SELECT failures_since_start FROM axes_accessattempt WHERE username = 'nobody'"
            ).fetchall() == [(1,)]

        master = psutil.Process(server.pid)
        workers = wait_for(
            lambda: len(children := master.children()) == 2 and children,
            BOOT_SECONDS,
            "two worker processes",
        )
        assert all(worker.ppid() == server.pid for worker in workers)
        assert "Using worker: gthread" in log.read_text()
    finally:
        status = stop(server)

    assert status == 0, log.read_text()
    assert not any(worker.is_running() for worker in workers)
    assert "Shutting down: Master" in log.read_text()


def test_worker_runs_two_database_workers_that_run_the_tasks_and_stop_on_sigterm(site, tmp_path):
    environment, database = site
    queued = subprocess.run(
        nonprolif("manage", "remind_overdue", "--enqueue"),
        env=environment,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    task_id = queued.stdout.split("Queued: ")[1].strip()
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            nonprolif("worker", "--workers", "2"),
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def task_status():
        with sqlite3.connect(database) as connection:
            rows = connection.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?",
                [task_id.replace("-", "")],
            ).fetchall()
        finished = rows and rows[0][0] in ("SUCCESSFUL", "FAILED")  # not READY nor RUNNING
        return rows[0][0] if finished else None

    try:
        supervisor = psutil.Process(worker.pid)

        def db_workers():
            found = supervisor.children()
            running = [child for child in found if "db_worker" in child.cmdline()]
            return len(found) == len(running) == 2 and found

        children = wait_for(db_workers, BOOT_SECONDS, "two db_worker processes")
        assert wait_for(task_status, BOOT_SECONDS, "the task to run") == "SUCCESSFUL"
    finally:
        status = stop(worker)

    assert status == 0, log.read_text()
    assert not any(child.is_running() for child in children)


def test_when_a_database_worker_fails_the_others_are_stopped_and_the_status_is_reported(
    site, tmp_path
):
    environment, _database = site
    broken = {**environment, "DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}"}
    finished = subprocess.run(
        nonprolif("worker", "--workers", "2"),
        env=broken,
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = finished.stdout + finished.stderr
    assert finished.returncode == 1, output
    assert "unable to open database file" in output
    assert "CommandError: a worker stopped with status 1" in output


def test_worker_runs_a_pool_of_two_rq_workers_on_redis_in_burst_mode(site, settings, tmp_path):
    from django_tasks import TaskResultStatus, default_task_backend

    from nonprolif.events.coordination.tasks import remind_overdue

    environment, _database = site
    connection = redis_or_skip()
    queue = f"test-{uuid.uuid4().hex}"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default", queue]}
    }
    settings.RQ_QUEUES = {name: {"URL": REDIS_TEST_URL} for name in ("default", queue)}
    results = [remind_overdue.using(queue_name=queue).enqueue() for _ in range(3)]
    try:
        finished = subprocess.run(
            nonprolif("worker", "--workers", "2", "--queue", queue, "--burst"),
            env={
                **environment,
                "TASKS_BACKEND": "django_tasks_rq.RQBackend",
                "REDIS_URL": REDIS_TEST_URL,
                "TASKS_QUEUES": queue,
            },
            capture_output=True,
            text=True,
            timeout=180,
        )
        output = finished.stdout + finished.stderr
        assert finished.returncode == 0, output
        assert len(set(re.findall(r"Starting worker started with PID (\d+)", output))) == 2
        for result in results:
            done = default_task_backend.get_result(result.id)
            assert done.status == TaskResultStatus.SUCCESSFUL, done.errors[0].traceback
            assert done.return_value == 0  # a fresh site: no overdue action item
        assert connection.llen(f"rq:queue:{queue}") == 0
    finally:
        remove_queue(connection, queue, [result.id for result in results])


def test_serve_with_several_workers_is_refused_on_windows_naming_the_option(monkeypatch, capsys):
    from nonprolif.cli import main

    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["serve", "--workers", "2"]) == 1
    assert capsys.readouterr().err.startswith("nonprolif serve: error: --workers: ")


def test_worker_refuses_a_queue_the_backend_does_not_have_naming_the_option(settings):
    from django.core.management import CommandError, call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(CommandError, match=r"^--queue: 'nightly' is not a queue"):
        call_command("worker", queue=["nightly"])


def test_worker_refuses_a_backend_without_workers_naming_the_setting(settings):
    from django.core.management import CommandError, call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with pytest.raises(CommandError, match=r"^TASKS_BACKEND: .*ImmediateBackend has no workers"):
        call_command("worker")
