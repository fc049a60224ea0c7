"""The screening engine, pure Python: no Django imports, plain dataclasses in and out.

- ``names/``: parties (people, entities, vessels) against sanctions and denied-party list
  entries. Names in any script are transliterated (``anyascii``, the original kept), folded,
  stripped of legal forms (data in ``names/legal.py``), compared token by token whatever
  their order (rapidfuzz, a Spanish-aware phonetic key), then qualified by date of birth
  (±1 year by default), country, identifiers and kind. A ``NameIndex`` built once from a
  list gathers each query's candidates by token, phonetic and trigram keys, so a query never
  meets the whole list. ``screen(party, index, threshold)`` gives the matches at or above
  each list's threshold, each with a score in [0, 1] whose explanation accounts for all of it;
  it first bounds every candidate's score at once (``names/bound.py``) and scores only those
  that can reach the threshold. ``names.chunks`` splits a batch of parties for task workers
  (the same split every time). An IMO number counts only when its check digit verifies.
- ``goods/``: a declaration line (tariff code, description in Spanish or English, CAS numbers)
  against dual-use control-list entries (Australia Group, NSG, MTCR, Wassenaar, CWC): the CAS
  numbers (check digit verified, also found in the text), the tariff code's correlation (HS
  subheading, national fraction), keywords and synonyms through an Aho–Corasick automaton,
  each match with its reasons.

Import from the subpackages (``from nonprolif.matching.names import screen``). The screening
app converts list entries, parties and declaration lines to these dataclasses and stores what
comes back; nothing here touches the database. No module imports in a circle
(``tests/matching/test_imports.py``).
"""
