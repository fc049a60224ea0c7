"""The entities API's schemas: entities with their aliases, an entity's timeline, its link
chart as nodes and edges, and the links between reports and entities."""

import datetime

from ninja import Schema

from nonprolif.intel.models import EntityKind, LinkRole


class EntityOut(Schema):
    id: int
    kind: EntityKind
    name: str
    aliases: list[str]
    country: str
    identifier: str
    description: str
    owner: str
    report_count: int

    @staticmethod
    def resolve_aliases(obj) -> list[str]:
        return [alias.name for alias in obj.aliases.all()]

    @staticmethod
    def resolve_owner(obj) -> str:
        return obj.owner.code


class EntityIn(Schema):
    kind: EntityKind
    name: str
    country: str = ""
    identifier: str = ""
    description: str = ""
    aliases: list[str] = []


class EntityUpdateIn(Schema):
    """The fields to change (those left out stay); ``aliases``, when given, replace them."""

    kind: EntityKind | None = None
    name: str | None = None
    country: str | None = None
    identifier: str | None = None
    description: str | None = None
    aliases: list[str] | None = None


class EntityTimelineItemOut(Schema):
    report: int
    reference: str
    title: str
    report_type: str
    classification: str
    event_date: datetime.date | None
    roles: list[LinkRole]

    @staticmethod
    def resolve_report(obj) -> int:
        return obj.pk

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title

    @staticmethod
    def resolve_classification(obj) -> str:
        return obj.classification.code

    @staticmethod
    def resolve_roles(obj) -> list[str]:
        return [link.role for link in obj.entity_links]


class EntityGraphNodeOut(Schema):
    key: str
    type: str
    id: int
    label: str
    kind: str
    hop: int

    @staticmethod
    def resolve_id(obj) -> int:
        return obj.pk


class EntityGraphEdgeOut(Schema):
    source: str
    target: str
    roles: list[LinkRole]


class EntityGraphOut(Schema):
    nodes: list[EntityGraphNodeOut]
    edges: list[EntityGraphEdgeOut]
    truncated: bool


class EntityLinkIn(Schema):
    entity: int
    role: LinkRole


class EntityLinkOut(Schema):
    id: int
    report: int
    entity: int
    entity_name: str
    entity_kind: EntityKind
    role: LinkRole

    @staticmethod
    def resolve_report(obj) -> int:
        return obj.report_id

    @staticmethod
    def resolve_entity(obj) -> int:
        return obj.entity_id

    @staticmethod
    def resolve_entity_name(obj) -> str:
        return obj.entity.name

    @staticmethod
    def resolve_entity_kind(obj) -> str:
        return obj.entity.kind
