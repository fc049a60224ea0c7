"""Screenshots of each demo role's home page, for the README: docs/screenshots/<role>.png.

Runs the demo (``nonprolif demo``: the built-in 2009 program and demo data, on a fresh
embedded database in a temporary folder, on the demo clock), signs each demo login in through
the browser (password, then the demo authenticator's code) and saves what it sees first, at
1280 x 900. Offline: the server listens on 127.0.0.1 and the browser is Debian's Chromium.

    make screenshots          (or: python scripts/screenshots.py [--out DIR])
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_DOCUMENT = ROOT / "src" / "nonprolif" / "seed" / "fixtures" / "mx-2009-demo.json"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 900}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, seconds: float = 300) -> None:
    """Wait until the server answers ``url`` (the demo loads its data first)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the demo server stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - http://127.0.0.1 only
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
    raise SystemExit(f"the demo server did not answer {url} within {seconds:.0f} s")


def totp_code(username: str, role: str) -> str | None:
    """The code the demo login's authenticator shows now, or None when it needs none."""
    from django_otp.oath import TOTP

    from nonprolif.seed.demo.secondfactor import demo_second_factor

    factor = demo_second_factor(username, role)
    if factor is None:
        return None
    return f"{TOTP(bytes.fromhex(factor.key_hex)).token():06d}"


def shoot(base: str, out: Path, logins: list[dict], password: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        for login in logins:
            context = browser.new_context(viewport=VIEWPORT, locale="es-MX")
            page = context.new_page()
            page.goto(f"{base}/login/")
            page.locator("#id_username").fill(login["username"])
            page.locator("#id_password").fill(password)
            with page.expect_navigation():
                page.locator("main button[type=submit]").click()
            code = totp_code(login["username"], login["role"])
            if code is not None and "/account/two-factor/verify/" in page.url:
                page.locator("#id_code").fill(code)
                with page.expect_navigation():
                    page.locator("main button[type=submit]").click()
            page.wait_for_load_state("networkidle")
            if page.url.rstrip("/") != base:
                raise SystemExit(f"{login['username']} did not land on the home page: {page.url}")
            path = out / f"{login['role']}.png"
            page.screenshot(path=str(path))
            saved.append(path)
            context.close()
        browser.close()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    document = json.loads(DEMO_DOCUMENT.read_text(encoding="utf-8"))
    # One screenshot a role: the first demo login of each.
    logins: list[dict] = []
    for login in document["logins"]:
        if login["role"] not in {seen["role"] for seen in logins}:
            logins.append(login)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nonprolif-screenshots-") as data:
        env = {
            **os.environ,
            "NONPROLIF_DATA_DIR": data,
            # The demo's own date (its document's "today"), unless NONPROLIF_TODAY says.
            "NONPROLIF_TODAY": os.environ.get("NONPROLIF_TODAY") or document["today"],
            "DJANGO_SETTINGS_MODULE": "nonprolif.settings",
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
            ),
        }
        os.environ.update(env)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "nonprolif.cli",
                "demo",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/login/", server)
            sys.path.insert(0, str(ROOT / "src"))
            import django

            django.setup()
            saved = shoot(base, args.out, logins, document["password"])
        finally:
            server.terminate()
            server.wait(timeout=30)
    for path in saved:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
