"""Preparedness: exercises through HSEEP's cycle (design, the MSEL, conduct, evaluation, the
after-action report and improvement plan) and the UNSCR 1540 implementation matrix."""
