"""Planning algorithms, pure Python: no Django imports, plain dataclasses in and out.

- ``calendar``: series rules (start, cadence in months, length in business days, business-day
  convention, n-th weekday, blackout dates) turned into dated sessions on a country's business
  calendar, each move explained.
- ``assignment``: assigning nominees to sessions (the solver).

Django code converts models to these dataclasses and back; nothing here touches the database.
"""
