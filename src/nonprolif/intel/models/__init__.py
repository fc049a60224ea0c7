from .entity import Entity, EntityAlias, EntityKind, LinkRole, ReportEntity
from .report import (
    REPORT_FIELDS,
    InformationCredibility,
    IntelReport,
    ItdbGroup,
    Pap,
    ReleaseState,
    ReportAttachment,
    ReportRelease,
    ReportStatus,
    ReportType,
    ReportVersion,
    SourceReliability,
    Tlp,
    visible_report_q,
)
from .request import InfoRequest, RequestStatus
from .search import SavedSearch
from .taxonomy import CbrnCategory, DistributionList, Material

__all__ = [
    "REPORT_FIELDS",
    "CbrnCategory",
    "DistributionList",
    "Entity",
    "EntityAlias",
    "EntityKind",
    "InfoRequest",
    "InformationCredibility",
    "IntelReport",
    "ItdbGroup",
    "LinkRole",
    "Material",
    "Pap",
    "ReleaseState",
    "ReportAttachment",
    "ReportEntity",
    "ReportRelease",
    "ReportStatus",
    "ReportType",
    "ReportVersion",
    "RequestStatus",
    "SavedSearch",
    "SourceReliability",
    "Tlp",
    "visible_report_q",
]
