from .material import Audience, AwarenessMaterial, MaterialVersion, material_scope
from .stakeholder import (
    Contact,
    Sector,
    Stakeholder,
    StakeholderKind,
    Visit,
    stakeholder_scope,
)
from .tip import Tip, TipChannel

__all__ = [
    "Audience",
    "AwarenessMaterial",
    "Contact",
    "MaterialVersion",
    "Sector",
    "Stakeholder",
    "StakeholderKind",
    "Tip",
    "TipChannel",
    "Visit",
    "material_scope",
    "stakeholder_scope",
]
