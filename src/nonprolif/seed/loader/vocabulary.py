"""The deployment's default vocabularies: classification levels and CBRN categories.

Their tables' migrations add the defaults; a database emptied since (a flush, a test) gets them
back here when the seed loads. A deployment that edited its lists keeps them: defaults are
added only to an empty table.
"""

from nonprolif.core.models import ClassificationLevel, User
from nonprolif.core.models.classification import DEFAULT_LEVELS
from nonprolif.intel.models import CbrnCategory
from nonprolif.intel.models.taxonomy import DEFAULT_CATEGORIES

from .result import SeedResult
from .upsert import upsert


def ensure_default_vocabularies(result: SeedResult, actor: User | None = None) -> None:
    """Side effects: the default ClassificationLevel and CbrnCategory rows, when their table
    is empty, with one ``seed.create`` audit entry each."""
    if not ClassificationLevel.objects.exists():
        for rank, (code, name_es, name_en) in enumerate(DEFAULT_LEVELS, start=1):
            upsert(
                ClassificationLevel,
                key={"code": code},
                values={"rank": rank, "name_es": name_es, "name_en": name_en},
                where=f"classification_levels[{rank - 1}]",
                result=result,
                actor=actor,
                existing=None,
            )
    if not CbrnCategory.objects.exists():
        for i, (code, name_es, name_en) in enumerate(DEFAULT_CATEGORIES):
            upsert(
                CbrnCategory,
                key={"code": code},
                values={"name_es": name_es, "name_en": name_en},
                where=f"cbrn_categories[{i}]",
                result=result,
                actor=actor,
                existing=None,
            )
