"""Every django-ninja schema class has a name of its own across the whole API.

ninja names an OpenAPI component after its class and keeps one class per name: with two
``ItemOut`` classes, one of them silently describes both operations' answers. Three views of
the same rule: the classes defined in nonprolif, the classes that the operations use (traced
down to the components they make) and the definitions that the document generator received.
"""

import enum
import json
import typing
from collections import defaultdict

from ninja import Schema
from ninja.openapi import schema as ninja_openapi
from pydantic import BaseModel, TypeAdapter

from nonprolif.api.urls import api


def _described(classes) -> str:
    return "; ".join(
        f"{name}: " + ", ".join(sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in group))
        for name, group in sorted(classes.items())
    )


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def _by_name(classes) -> dict[str, set[type]]:
    named = defaultdict(set)
    for cls in classes:
        named[cls.__name__].add(cls)
    return named


def _clashes(classes) -> dict[str, set[type]]:
    return {name: group for name, group in _by_name(classes).items() if len(group) > 1}


def _reachable(annotation, found: set[type]) -> None:
    """The models and enums that ``annotation`` uses, at any depth (fields, lists, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in found:
            return
        found.add(annotation)
        for field in annotation.model_fields.values():
            _reachable(field.annotation, found)
        return
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.add(annotation)
        return
    for argument in typing.get_args(annotation):
        _reachable(argument, found)


def _operations():
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            yield from path_view.operations


def _classes_used_by_operations() -> set[type]:
    """What the operations' inputs and answers use. ninja wraps both in models of its own
    (``PathParams``, ``BodyParams``, ``NinjaResponseSchema``, …) that never become
    components: the tracing starts at their fields."""
    wrappers = []
    for operation in _operations():
        wrappers += operation.models
        wrappers += [m for m in operation.response_models.values() if isinstance(m, type)]
    found: set[type] = set()
    for wrapper in wrappers:
        for field in wrapper.model_fields.values():
            _reachable(field.annotation, found)
    return found


def test_no_two_schema_classes_of_nonprolif_share_a_name():
    ours = {cls for cls in _subclasses(Schema) if cls.__module__.startswith("nonprolif.")}
    assert ours, "no Schema subclass found: did importing the API urls stop importing them?"
    clashes = _clashes(ours)
    assert not clashes, f"Schema classes that share a name: {_described(clashes)}"


def _shape(cls: type) -> str:
    return json.dumps(TypeAdapter(cls).json_schema(), sort_keys=True)


def test_each_openapi_component_comes_from_one_class():
    """The classes the operations use, traced to the components they make: as many distinct
    classes as components, one per name, and no component that no class explains (which would
    mean the tracing missed a way in). Classes that ninja makes per operation with one name and
    one shape (``PagedNominationOut`` of each paginated list) count once."""
    distinct = {(cls.__name__, _shape(cls)): cls for cls in _classes_used_by_operations()}
    components = set(api.get_openapi_schema(path_prefix="/api/v1/")["components"]["schemas"])
    clashes = _clashes(distinct.values())
    assert not clashes, (
        f"{len(distinct)} distinct classes make {len(components)} components; "
        f"one name, several classes: {_described(clashes)}"
    )
    assert len(distinct) == len(components)
    assert set(_by_name(distinct.values())) == components


def test_the_document_generator_never_overwrites_a_definition(monkeypatch):
    """ninja merges the definitions of every operation into one dict by name: a second,
    different definition under a taken name replaces the first without a word."""
    received = defaultdict(list)
    merge = ninja_openapi.OpenAPISchema.add_schema_definitions

    def recording(self, definitions):
        for name, definition in definitions.items():
            if definition not in received[name]:
                received[name].append(definition)
        merge(self, definitions)

    monkeypatch.setattr(ninja_openapi.OpenAPISchema, "add_schema_definitions", recording)
    api.get_openapi_schema(path_prefix="/api/v1/")
    assert received, "the generator merged no definitions: did ninja change how it does?"
    overwritten = sorted(name for name, versions in received.items() if len(versions) > 1)
    assert not overwritten, f"definitions replaced by another of the same name: {overwritten}"
