"""Who may submit and read batches.

- A liaison or an analyst with an agency submits a batch for his agency
  (``screening.submit_batch``).
- Everyone reads the batches ``Batch.objects.visible_to`` gives him (coordinators and
  auditors all, the others their agency's); pages and the API 404 the rest.
"""

import rules

from nonprolif.core.rules import is_analyst, is_liaison


@rules.predicate
def has_agency(user) -> bool:
    return bool(getattr(user, "agency_id", None))


rules.add_perm("screening.submit_batch", (is_liaison | is_analyst) & has_agency)
