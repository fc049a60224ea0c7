"""Locust scenarios of the load benchmark: one user class per role over its main journeys,
reads and a few writes, signed in through the real login form (password, then the
authenticator code computed from the logins file for the roles that need one).

Driven by ``run.py`` (which starts ``nonprolif serve`` on the generated database and writes
the targets file); on its own:

    LOAD_LOGINS=data/generated-logins.json LOAD_TARGETS=targets.json LOAD_MODE=people \\
        locust -f benchmarks/load/locustfile.py --headless -u 50 -r 10 -t 60s \\
        --host http://127.0.0.1:8765

LOAD_MODE ``people``: each user waits 1-3 s between requests, as a person does;
``saturation``: no wait. Requests time out after 30 s (counted as errors).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import itertools
import json
import os
import random
import struct
import time

from locust import HttpUser, between, constant, task

TIMEOUT = 30
LOGINS = json.loads(open(os.environ["LOAD_LOGINS"], encoding="utf-8").read())  # noqa: SIM115
TARGETS = json.loads(open(os.environ["LOAD_TARGETS"], encoding="utf-8").read())  # noqa: SIM115
MODE = os.environ.get("LOAD_MODE", "people")
WAIT = between(1, 3) if MODE == "people" else constant(0)
_COUNTERS: dict[str, itertools.count] = {}
# The two modes of one run share the targets file: people take the writes' pools from the
# end, saturation from the start, so that neither nominates or withdraws twice.
POP = -1 if MODE == "people" else 0


def totp(key_hex: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 (SHA1), as django-otp's TOTPDevice checks it."""
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


def logins_of(role: str) -> list[dict]:
    return [login for login in LOGINS["logins"] if login["role"] == role]


class RoleUser(HttpUser):
    abstract = True
    role = ""
    wait_time = WAIT

    def on_start(self) -> None:
        counter = _COUNTERS.setdefault(self.role, itertools.count())
        self.index = next(counter)
        logins = logins_of(self.role)
        self.login = logins[self.index % len(logins)]
        self.rng = random.Random(f"{self.role}-{self.index}")
        self.sign_in()

    # ------------------------------------------------------------------ sign-in

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def sign_in(self) -> None:
        self.signed_in = True  # until a page sends the user back to the sign-in form
        self.client.get("/login/", name="sign-in: form", timeout=TIMEOUT)
        with self.client.post(
            "/login/",
            data={
                "username": self.login["username"],
                "password": LOGINS["password"],
                "csrfmiddlewaretoken": self.csrf(),
                "next": "/",
            },
            name="sign-in: password",
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in refused ({response.status_code})")
                return
        if not self.login.get("totp_key_hex"):
            return
        for _attempt in range(3):
            self.client.get(
                "/account/two-factor/verify/?next=/", name="sign-in: code form", timeout=TIMEOUT
            )
            with self.client.post(
                "/account/two-factor/verify/",
                data={
                    "code": totp(self.login["totp_key_hex"]),
                    "csrfmiddlewaretoken": self.csrf(),
                    "next": "/",
                },
                name="sign-in: code",
                allow_redirects=False,
                timeout=TIMEOUT,
                catch_response=True,
            ) as response:
                if response.status_code == 302:
                    return
                # The code of this time step was used (a login shared by two users):
                # wait for the next step.
                response.success()
            time.sleep(30 - time.time() % 30 + 1)

    # ------------------------------------------------------------------ helpers

    def page(self, name: str, url: str) -> None:
        with self.client.get(url, name=name, timeout=TIMEOUT, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif response.history and "/login/" in response.url:
                # Sent to the sign-in page: the sign-in failed (or the session ended).
                response.failure("not signed in")
                self.signed_in = False
        if not self.signed_in:
            self.sign_in()

    def post(self, name: str, url: str, data: dict, expect=(302,)) -> None:
        data = {**data, "csrfmiddlewaretoken": self.csrf()}
        with self.client.post(
            url,
            data=data,
            name=name,
            allow_redirects=False,
            timeout=TIMEOUT,
            catch_response=True,
        ) as response:
            if response.status_code not in expect:
                response.failure(f"HTTP {response.status_code}")

    @property
    def program(self) -> dict:
        return self.rng.choice(TARGETS["programs"])


class OfficeUser(RoleUser):
    """The pages that a coordinator and a liaison both read, with the same weights."""

    abstract = True

    @task(2)
    def home(self):
        self.page("home", "/")

    @task(2)
    def program_detail(self):
        self.page("program detail", f"/programs/{self.program['code']}/")

    @task
    def progress(self):
        self.page("progress", f"/programs/{self.program['code']}/progress/")

    @task
    def certificates(self):
        self.page("certificates", f"/programs/{self.program['code']}/certificates/")

    @task
    def officials_search(self):
        self.page("officials search", f"/officials/?q={self.rng.choice(TARGETS['names'])}")

    @task
    def timeline(self):
        self.page("timeline", f"/programs/{self.program['code']}/timeline/")

    @task
    def registrations(self):
        if TARGETS["conference"]:
            self.page(
                "conference registrations", f"/conferences/{TARGETS['conference']}/registrations/"
            )

    @task
    def api_nominations(self):
        self.page("API nominations", f"/api/v1/programs/{self.program['code']}/nominations")


class CoordinatorUser(OfficeUser):
    role = "coordinator"
    weight = 2

    @task
    def nomination_index(self):
        self.page("nomination index", f"/programs/{self.program['code']}/nominations/")

    @task(2)
    def item_nominations(self):
        program = self.program
        key = self.rng.choice(program["items"])
        self.page("item nominations", f"/programs/{program['code']}/nominations/{key}/")

    @task(2)
    def session(self):
        self.page("session", f"/sessions/{self.rng.choice(self.program['sessions'])}/")

    @task
    def assignment(self):
        self.page("assignment", f"/programs/{self.program['code']}/assignment/")

    @task
    def officials(self):
        self.page("officials", f"/officials/?page={self.rng.randint(1, 500)}")

    @task(2)
    def action_items(self):
        self.page("action items", f"/programs/{self.program['code']}/action-items/")

    @task
    def record_action_item(self):
        meeting = self.rng.choice(TARGETS["meetings"])
        due = datetime.date.today() + datetime.timedelta(days=self.rng.randint(10, 90))
        self.post(
            "write: action item",
            f"/meetings/{meeting['id']}/action-items/new/",
            {
                "title_es": "Tarea de la prueba de carga",
                "title_en": "Load test task",
                "owner_agency": meeting["agencies"][0],
                "due_date": due.isoformat(),
                "status": "open",
            },
        )

    @task
    def record_decision(self):
        # Each coordinator numbers decisions in his own range, so two never take one number.
        meeting = self.rng.choice(TARGETS["meetings"])
        self.numbers = getattr(self, "numbers", itertools.count(1000 + 10_000 * self.index))
        self.post(
            "write: meeting decision",
            f"/meetings/{meeting['id']}/decisions/new/",
            {
                "number": next(self.numbers),
                "text_es": "Acuerdo de la prueba de carga.",
                "text_en": "Load test decision.",
            },
        )


class LiaisonUser(OfficeUser):
    role = "liaison"
    weight = 5

    def on_start(self) -> None:
        super().on_start()
        agency = TARGETS["agencies"][self.login["agency"]]
        # Each liaison login takes its own slice of the agency's pools.
        slot = (self.index // len(TARGETS["agencies"])) % TARGETS["slices"]
        self.free = list(agency["free"][slot :: TARGETS["slices"]])
        self.submitted = list(agency["submitted"][slot :: TARGETS["slices"]])

    @task(3)
    def item_nominations(self):
        program = self.program
        key = self.rng.choice(program["open_items"])
        self.page("item nominations", f"/programs/{program['code']}/nominations/{key}/")

    @task(2)
    def session(self):
        self.page("session", f"/sessions/{self.rng.choice(self.program['open_sessions'])}/")

    @task
    def attendance(self):
        self.page(
            "attendance", f"/sessions/{self.rng.choice(self.program['past_sessions'])}/attendance/"
        )

    @task(2)
    def officials(self):
        self.page("officials", f"/officials/?page={self.rng.randint(1, 100)}")

    @task
    def action_items(self):
        self.page("action items", f"/programs/{self.program['code']}/action-items/")

    @task
    def nominate(self):
        if not self.free:
            return
        code, key, official = self.free.pop(POP)
        self.post(
            "write: nominate",
            f"/programs/{code}/nominations/{key}/",
            {
                "form": "nominate",  # the page's forms are prefixed by their name
                "nominate-official": official,
                "nominate-language": "",
                "nominate-unavailable": "",
                "nominate-preferences": "",
            },
        )

    @task
    def withdraw(self):
        if not self.submitted:
            return
        self.post(
            "write: withdraw",
            f"/nominations/{self.submitted.pop(POP)}/withdraw/",
            {"reason": "Prueba de carga"},
        )


class PartnerUser(RoleUser):
    role = "partner"
    weight = 2

    @task(2)
    def home(self):
        self.page("home", "/")

    @task(2)
    def program_detail(self):
        self.page("program detail", f"/programs/{self.program['code']}/")

    @task(3)
    def session(self):
        self.page("session", f"/sessions/{self.rng.choice(self.program['sessions'])}/")

    @task(2)
    def attendance(self):
        self.page(
            "attendance", f"/sessions/{self.rng.choice(self.program['past_sessions'])}/attendance/"
        )

    @task(2)
    def timeline(self):
        self.page("timeline", f"/programs/{self.program['code']}/timeline/")

    @task
    def api_sessions(self):
        self.page("API sessions", f"/api/v1/programs/{self.program['code']}/sessions")

    @task
    def api_attendance(self):
        session = self.rng.choice(self.program["past_sessions"])
        self.page("API attendance", f"/api/v1/sessions/{session}/attendance")


class AuditorUser(RoleUser):
    role = "auditor"
    weight = 1

    @task(2)
    def home(self):
        self.page("home", "/")

    @task(2)
    def officials(self):
        self.page("officials", f"/officials/?page={self.rng.randint(1, 2000)}")

    @task
    def officials_search(self):
        self.page("officials search", f"/officials/?q={self.rng.choice(TARGETS['names'])}")

    @task
    def certificates(self):
        self.page("certificates", f"/programs/{self.program['code']}/certificates/")

    @task
    def progress(self):
        self.page("progress", f"/programs/{self.program['code']}/progress/")

    @task
    def audit_log(self):
        self.page("audit log", "/audit/")

    @task
    def api_nominations(self):
        self.page("API nominations", f"/api/v1/programs/{self.program['code']}/nominations")

    @task
    def api_certificates(self):
        self.page("API certificates", "/api/v1/certificates")
