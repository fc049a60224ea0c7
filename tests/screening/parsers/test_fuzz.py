"""Whatever the bytes, a parser gives a list or a ListFormatError, never anything else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nonprolif.screening.lists.parsers import (
    SOURCES,
    ListFormatError,
    ParsedList,
    parse,
    parse_controls,
)

from .conftest import FIXTURES, SAMPLES, sample

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SAMPLE_FILES = sorted({*SAMPLES.values(), "csl.json", "un-2.xml"})
CONTROLS = (FIXTURES / "controls" / "australia-group-precursors.csv").read_bytes()


def parses_or_refuses(source: str, data: bytes) -> None:
    try:
        result: ParsedList | ListFormatError = parse(source, data)
    except ListFormatError as error:
        result = error
    assert isinstance(result, ParsedList) or result.location


@st.composite
def mutations(draw, original: bytes) -> bytes:
    """``original`` cut, with a slice deleted, duplicated or overwritten with random bytes."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 200)))
        action = draw(st.sampled_from(["cut", "delete", "copy", "noise"]))
        if action == "cut":
            data = data[:start]
        elif action == "delete":
            del data[start:end]
        elif action == "copy":
            data[start:start] = data[start:end]
        else:
            data[start:end] = draw(st.binary(max_size=40))
    return bytes(data)


@FUZZ
@given(source=st.sampled_from(SOURCES), data=st.binary(max_size=2000))
def test_random_bytes(source, data):
    parses_or_refuses(source, data)


@FUZZ
@given(source=st.sampled_from(SOURCES), name=st.sampled_from(SAMPLE_FILES), data=st.data())
def test_mutated_samples_under_every_parser(source, name, data):
    parses_or_refuses(source, data.draw(mutations(sample(name))))


@FUZZ
@given(source=st.sampled_from(SOURCES), text=st.text(max_size=600))
def test_random_text(source, text):
    parses_or_refuses(source, text.encode("utf-8"))


@FUZZ
@given(data=st.data())
def test_mutated_control_lists(data):
    try:
        parse_controls(data.draw(mutations(CONTROLS)))
        location = "parsed"
    except ListFormatError as error:
        location = error.location
    assert location
