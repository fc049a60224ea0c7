"""A seeded, national-scale generated data set, for the benchmarks and the load test.

``generate(GenerationSpec(...))`` writes, in one transaction and with bulk inserts: 8 national
agencies of Zipf-like sizes (the first has about k times the k-th's officials) and one
partner agency; the officials (3% senior); per program, a partner's proposal of four
training tracks (10 to 12 cohorts every 4 months, most of them past, the fourth for three
agencies only) and a senior-official session per agency, all accepted, with their sessions,
item settings and seats; the nominations, spread over the items (the first of each item
placed in its cohorts); the participants of the sessions, attendance marks and certificates
for the sessions that are over; ten meetings per program with decisions and action items;
one conference with rooms, talks in the draft timetable and registrations; and sign-in
accounts for the load test (``accounts``).

The same seed (on the same day: dates are laid out around today) gives the same data.
Generated rows carry markers (``shapes``: ``GEN-`` agency codes, ``gen-`` program codes,
usernames and conference acronym); ``guard`` refuses a database that holds other data.
The generation writes one audit entry for the whole data set, not one per row.

Modules: ``shapes`` (plain data: sizes, names, item layouts), ``accounts`` (logins,
authenticators, the logins file), ``guard`` (the refusal), ``build`` (the bulk inserts).
"""

from .accounts import DEFAULT_PASSWORD, LOGINS_FORMAT, Login, totp_key
from .build import GenerationResult, GenerationSpec, generate
from .guard import GenerationRefusedError, check_database, foreign_data
from .shapes import AGENCY_PREFIX, PROGRAM_PREFIX, USER_PREFIX

__all__ = [
    "AGENCY_PREFIX",
    "DEFAULT_PASSWORD",
    "LOGINS_FORMAT",
    "PROGRAM_PREFIX",
    "USER_PREFIX",
    "GenerationRefusedError",
    "GenerationResult",
    "GenerationSpec",
    "Login",
    "check_database",
    "foreign_data",
    "generate",
    "totp_key",
]
