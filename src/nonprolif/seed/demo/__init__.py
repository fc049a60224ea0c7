"""Demonstration data: fictional officials and one login per role.

A demo document (see ``fixtures/mx-2009-demo.json``) lists, per agency, how many officials to
invent, the positions they may hold and the e-mail domain, plus name lists, a random seed and
the demo logins. ``generate_officials`` turns it into the same list of people on every run (a
seeded ``random.Random``; no database); ``load_demo_document`` upserts them by (agency, e-mail)
and creates or repairs the demo logins, so loading twice changes nothing.

Every person is invented; the e-mail domains are under the reserved ``.example`` domain.

The package, by what it seeds: ``people.py`` (the invented officials and the logins as plain
data), ``officials.py`` (officials and logins in the database), ``secondfactor.py`` (the
authenticator secret and recovery codes of the logins that need a second factor),
``training.py`` (the training program's decisions, seats and nominations), ``conference.py``
(rooms, speakers, talks, the first release), ``coordination.py`` (the meetings' decisions and
action items) and ``document.py`` (a whole demo document in one transaction).
"""

from .conference import load_demo_conference
from .coordination import load_demo_coordination
from .document import BUILTIN_DEMO, DEMO_FORMAT, load_builtin_demo, load_demo_document
from .people import DemoLogin, DemoPerson, demo_logins, gendered, generate_officials
from .secondfactor import DemoSecondFactor, demo_second_factor, ensure_demo_second_factor
from .training import load_demo_training

__all__ = [
    "BUILTIN_DEMO",
    "DEMO_FORMAT",
    "DemoLogin",
    "DemoPerson",
    "DemoSecondFactor",
    "demo_logins",
    "demo_second_factor",
    "ensure_demo_second_factor",
    "gendered",
    "generate_officials",
    "load_builtin_demo",
    "load_demo_conference",
    "load_demo_coordination",
    "load_demo_document",
    "load_demo_training",
]
