"""Extension points of the program app.

``review_changed``: sent by every review service that changes what is accepted
(``decide_item``, ``decide_all``, ``close_review``, ``reopen_review``, ``revise_proposal``),
inside the service's transaction, after its writes, with ``program=<Program>`` and
``actor=<User>``. Receivers (e.g. the training calendar) regenerate what they derive from
the accepted items; an exception in a receiver rolls the whole change back.
"""

from django.dispatch import Signal

review_changed = Signal()
