"""Who may submit and read batches.

- A liaison or an analyst of a national agency submits a batch for his agency
  (``screening.submit_batch``); a foreign partner's users screen nothing.
- Everyone reads the batches ``Batch.objects.visible_to`` gives him (coordinators and
  auditors all, the others their agency's); pages and the API 404 the rest.
"""

import rules

from nonprolif.screening.models.batch import screens_for_agency

screens = rules.predicate(screens_for_agency)

rules.add_perm("screening.submit_batch", screens)
