"""The training calendar: sessions generated from the accepted items, venues and blackout
dates, regeneration and held-back moves, participants, calendar feeds and exports (CSV, XLSX,
iCalendar)."""
