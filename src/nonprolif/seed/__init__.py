"""Built-in data: program documents (the 2009 program) and demonstration data.

``nonprolif seed`` loads the built-in program document ``fixtures/mx-2009.json`` with
``loader.load_program_document``; ``nonprolif seed --demo`` also loads the demo document
``fixtures/mx-2009-demo.json`` with ``demo.load_demo_document``. Both upsert by natural keys,
so loading twice changes nothing. No code here knows the 2009 program: another program is
another document (``nonprolif seed --document PATH``).

Program document (``"format": "nonprolif.program/1"``)::

    {"format": "nonprolif.program/1",
     "agencies": [{"code", "name_es", "name_en", "country", "kind": "national"|"partner",
                   "acronym"?, "parent"? (agency code), "description_es"?, "description_en"?}],
     "program": {"code", "name_es", "name_en", "country", "lead_agency" (code),
                 "member_agencies"? [codes], "partner_agencies"? [codes], "time_zone"?,
                 "target_trainees"?, "description_es"?, "description_en"?},
     "proposals": [{"submitted_by" (code), "version", "submitted_on" (YYYY-MM-DD),
                    "title_es", "title_en", "summary_es"?, "summary_en"?,
                    "items": [{"number", "kind": "training"|"senior"|"conference"|"other",
                               "title_es", "title_en", "description_es"?, "description_en"?,
                               "target_trainees"?, "cohort_size"?, "cohort_count"?,
                               "start_date"?, "cadence_months"?, "session_days"?,
                               "target_agencies"? [codes], "notes"?}]}],
     "meetings": [{"title_es", "title_en", "date", "date_precision"? "day"|"month"|"year",
                   "place", "agencies" [codes], "summary_es"?, "summary_en"?}]}

Agency codes may name agencies of the document or agencies already in the database. Errors
name the place and field (``proposals[0].items[3].cohort_size``) and nothing is written.
"""
