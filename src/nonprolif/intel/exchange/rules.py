"""Who may import STIX bundles: an analyst with an agency and a clearance (the reports arrive
as his agency's drafts). Exporting needs no permission of its own: a bundle carries only the
reports the user may read (``IntelReport.objects.visible_to``)."""

import rules

from nonprolif.core.rules import is_analyst


@rules.predicate
def has_agency_and_clearance(user) -> bool:
    return bool(getattr(user, "agency_id", None) and getattr(user, "clearance_id", None))


rules.add_perm("intel.import_stix", is_analyst & has_agency_and_clearance)
