"""Who may act on awareness materials.

The library is read by whom ``material_scope`` admits (coordinators, auditors, the users of
national agencies). A coordinator or a liaison of a national agency publishes a material
(``outreach.add_material``); a coordinator, or a liaison of the agency that published it,
uploads its next version (``outreach.change_material``, object: the material). Auditors
never write.
"""

import rules

from nonprolif.core.rules import is_coordinator, is_liaison
from nonprolif.outreach.stakeholders.rules import of_national_agency


@rules.predicate
def is_publishing_agency_user(user, material) -> bool:
    """The user's agency published the material."""
    return (
        material is not None
        and bool(getattr(user, "agency_id", None))
        and material.agency_id == user.agency_id
    )


can_add_material = is_coordinator | (is_liaison & of_national_agency)
can_change_material = is_coordinator | (is_liaison & of_national_agency & is_publishing_agency_user)

rules.add_perm("outreach.add_material", can_add_material)
rules.add_perm("outreach.change_material", can_change_material)
