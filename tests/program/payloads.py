"""Valid inputs for the item form and the item API (tests change one field at a time)."""

import datetime

ITEM_FORM = {
    "number": "",
    "kind": "training",
    "title_es": "Curso nuevo",
    "title_en": "New course",
    "description_es": "",
    "description_en": "",
    "target_trainees": "200",
    "cohort_size": "50",
    "cohort_count": "4",
    "start_date": "2009-10-23",
    "cadence_months": "3",
    "session_days": "5",
    "notes": "",
}

ITEM_JSON = {
    "kind": "training",
    "title_es": "Curso nuevo",
    "title_en": "New course",
    "cohort_size": 50,
    "cohort_count": 4,
    "start_date": "2009-10-23",
    "cadence_months": 3,
    "session_days": 5,
}

SUBMITTED_ON = datetime.date(2009, 8, 28)
