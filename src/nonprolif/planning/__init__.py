"""Planning algorithms, pure Python: no Django imports, plain dataclasses in and out.

- ``calendar/``: series rules (start, cadence in months, length in business days, business-day
  convention, n-th weekday, blackout dates) turned into dated sessions on a country's business
  calendar, each move explained.
- ``assignment/``: assigning nominees to sessions (the solver): the problem (``model``), the
  index form the min-cost flow and the MIP share (``prepare``), ``flow``, ``mip``, ``repair``,
  the reasons for those left out (``explain``) and the entry points (``solver``).

Each package's ``__init__`` holds its public names; import from there
(``from nonprolif.planning.assignment import solve``). No module imports in a circle
(``tests/planning/test_imports.py``).

Django code converts models to these dataclasses and back; nothing here touches the database.
"""
