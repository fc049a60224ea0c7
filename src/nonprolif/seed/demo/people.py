"""The invented officials and the demo logins, as plain data (no database).

``generate_officials`` gives the same list of people, in the same order, on every run (a seeded
``random.Random``). Every person is invented; the e-mail domains are under ``.example``.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

_ALTERNATIVE = re.compile(r"\{([^{}/]*)/([^{}/]*)\}")


@dataclass(frozen=True)
class DemoPerson:
    """One invented official (plain data, no database)."""

    agency: str
    given_names: str
    family_names: str
    position: str
    seniority: str
    email: str
    language: str = "es-mx"


@dataclass(frozen=True)
class DemoLogin:
    """A demo login as shown to the person running the demo."""

    username: str
    role: str
    agency: str | None
    password: str
    clearance: str | None = None


def gendered(template: str, female: bool) -> str:
    """``"{Director/Directora} General"`` → ``"Directora General"`` when ``female``."""
    return _ALTERNATIVE.sub(lambda m: m.group(2) if female else m.group(1), template)


def _ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", plain.lower())


def _email(given: str, family: str, domain: str, taken: set[str]) -> str:
    first = _ascii_slug(given.split()[0])
    families = [_ascii_slug(part) for part in family.split()]
    candidates = [f"{first}.{families[0]}", f"{first}.{'.'.join(families)}"]
    candidates += [f"{first}.{families[0]}{n}" for n in range(2, 1000)]
    for local in candidates:
        address = f"{local}@{domain}"
        if address not in taken:
            taken.add(address)
            return address
    raise ValueError(address)  # pragma: no cover (a thousand namesakes)


def generate_officials(doc: dict[str, Any]) -> list[DemoPerson]:
    """The invented officials of ``doc``: the same list, in the same order, on every call.

    Per agency (in document order): ``count`` people, the first ones senior (one per senior
    position), the rest at working level in a random working position. Each person has one
    or two given names and two distinct family names; no full name or e-mail address repeats
    (the demo logins' officials included).
    """
    rng = random.Random(doc["random_seed"])  # noqa: S311 (reproducible fiction, not secrets)
    given = doc["given_names"]
    family_names = doc["family_names"]
    taken_emails: set[str] = set()
    taken_names: set[tuple[str, str]] = set()
    for login in doc.get("logins", []):
        if login.get("official"):
            taken_emails.add(login["official"]["email"])
            taken_names.add((login["official"]["given_names"], login["official"]["family_names"]))

    people = []
    for spec in doc["agencies"]:
        seniors = spec["senior_positions"]
        for n in range(spec["count"]):
            while True:
                female = rng.random() < 0.5
                first = rng.choice(given["female" if female else "male"])
                names = first
                if rng.random() < given.get("compound_share", 0):
                    second = rng.choice(given["second_female" if female else "second_male"])
                    if second != first:
                        names = f"{first} {second}"
                paternal, maternal = rng.sample(family_names, 2)
                full = (names, f"{paternal} {maternal}")
                if full not in taken_names:
                    taken_names.add(full)
                    break
            if n < len(seniors):
                position, seniority = seniors[n], "senior"
            else:
                position, seniority = rng.choice(spec["working_positions"]), "working"
            people.append(
                DemoPerson(
                    agency=spec["code"],
                    given_names=full[0],
                    family_names=full[1],
                    position=gendered(position, female),
                    seniority=seniority,
                    email=_email(full[0], full[1], spec["domain"], taken_emails),
                )
            )
    return people


def demo_logins(doc: dict[str, Any]) -> list[DemoLogin]:
    """The demo logins of ``doc`` with their password and clearance (to print for the demo)."""
    return [
        DemoLogin(
            login["username"],
            login["role"],
            login.get("agency"),
            doc["password"],
            login.get("clearance"),
        )
        for login in doc["logins"]
    ]
