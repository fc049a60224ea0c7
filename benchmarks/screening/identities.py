"""The identities the labelled pairs and the lists are made from: people, companies and vessels,
each with its name's parts, the same name in its own script when it has one, and qualifiers.

``seeded(rng, n)`` makes a base set of its own (``scripts.py``'s tables, Spanish and English
names and company stems); ``from_fixtures()`` reads the list fixtures that ship with the
product (every source, through ``nonprolif.screening.lists.parsers``), when there are any;
``filler(rng, n)`` makes people and companies by the thousand for the larger lists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from nonprolif.matching.names import BirthDate, Entry, Identifier, Kind, Name
from nonprolif.matching.names.legal import strip_latin_forms
from nonprolif.matching.names.normalise import fold, is_latin

from . import scripts

SPANISH_GIVEN = (
    "Juan", "José", "María", "Luis", "Carlos", "Ana", "Miguel", "Jorge", "Pedro", "Rosa",
    "Francisco", "Guadalupe", "Alejandro", "Fernando", "Ricardo", "Patricia", "Verónica",
    "Roberto", "Eduardo", "Javier", "Sofía", "Daniela", "Andrés", "Héctor", "Raúl", "Lucía",
)  # fmt: skip
SPANISH_SURNAME = (
    "García", "Hernández", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez",
    "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres",
    "Díaz", "Gutiérrez", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero",
    "Álvarez", "Méndez", "Chávez", "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera",
)  # fmt: skip
STEM_FIRST = (
    "Aceros", "Química", "Grupo Industrial", "Tecnología", "Logística", "Marítima",
    "Comercializadora", "Electrónica", "Metales", "Polímeros", "Transportes", "Maquinaria",
)  # fmt: skip
STEM_SECOND = (
    "del Norte", "del Pacífico", "Avanzada", "Integral", "Global", "Continental", "Azteca",
    "del Bajío", "Omega", "Monterrey", "Puebla", "del Golfo", "Peninsular", "Tlaxcala",
)  # fmt: skip
ENGLISH_FIRST = ("Golden", "Pacific", "Northern", "Eastern", "Silver", "Royal", "Ocean", "Union")
ENGLISH_SECOND = (
    "Star Trading", "Eagle Logistics", "Rim Shipping", "Bridge Industries", "Horizon Metals",
    "Crown Electronics", "Wave Chemicals", "Gate Holdings", "Harbor Engineering",
)  # fmt: skip
VESSEL_WORDS = (
    "Ocean", "Star", "Maple", "Jade", "Pearl", "Dawn", "Victory", "Glory", "Fortune", "Lucky",
    "Sea", "Breeze", "Grand", "Wisdom", "Harmony", "Rising", "Sun", "Morning", "Eagle", "Wind",
)  # fmt: skip

LEGAL_FORMS = {
    "mx": ("S.A. de C.V.", "SA DE CV", "S.A. DE C.V.", ""),
    "ru": ("OOO", "LLC", "Limited Liability Company", ""),
    "cn": ("Co., Ltd.", "Co. Ltd", "Company Limited", ""),
    "en": ("Ltd", "Limited", "LLC", "Inc.", ""),
}
ORIGINAL_FORMS = {"ru": "ООО", "cn": "有限公司"}  # noqa: RUF001 (Cyrillic on purpose)


@dataclass(frozen=True)
class Identity:
    """One person, company or vessel: its Latin name's parts (people: given names first, the
    family name last; companies: the stem), the parts a writer may drop, the name in its own
    script with the script's name, other Latin spellings, and its qualifiers."""

    id: str
    kind: Kind
    parts: tuple[str, ...]
    droppable: tuple[int, ...] = ()
    original: str | None = None
    script: str | None = None
    spellings: tuple[str, ...] = ()
    legal_family: str | None = None
    birth: BirthDate | None = None
    countries: tuple[str, ...] = ()
    imo: str | None = None
    source: str = "seeded"
    alternatives: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @property
    def latin(self) -> str:
        return " ".join(self.parts)


def imo_number(rng: random.Random) -> str:
    """A seven-digit IMO number whose check digit verifies."""
    digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(5)]
    check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return "".join(map(str, digits)) + str(check)


def _birth(rng: random.Random) -> BirthDate:
    if rng.random() < 0.7:
        return BirthDate(rng.randint(1945, 1995), rng.randint(1, 12), rng.randint(1, 28))
    return BirthDate(rng.randint(1945, 1995))


def _pick(rng: random.Random, table: dict[str, tuple[str, ...]]) -> tuple[str, tuple[str, ...]]:
    original = rng.choice(sorted(table))
    return original, table[original]


def _scripted_person(rng: random.Random, number: int, script: str) -> Identity:
    """A person written in ``script``, with the Latin spellings of each part."""
    if script == "cyrillic":
        parts = [_pick(rng, scripts.CYRILLIC_GIVEN), _pick(rng, scripts.CYRILLIC_PATRONYMIC),
                 _pick(rng, scripts.CYRILLIC_SURNAME)]  # fmt: skip
        original, droppable, country = " ".join(p[0] for p in parts), (1,), "RU"
    elif script == "arabic":
        given = rng.sample(sorted(scripts.ARABIC_GIVEN), 2)
        parts = [(g, scripts.ARABIC_GIVEN[g]) for g in given]
        parts.append(_pick(rng, scripts.ARABIC_FAMILY))
        original, droppable, country = " ".join(p[0] for p in parts), (1,), "SY"
    elif script == "hangul":
        parts = [_pick(rng, scripts.HANGUL_SURNAME), _pick(rng, scripts.HANGUL_GIVEN)]
        original, droppable, country = "".join(p[0] for p in parts), (), "KP"
    else:
        parts = [_pick(rng, scripts.CHINESE_SURNAME), _pick(rng, scripts.CHINESE_GIVEN)]
        original, droppable, country = "".join(p[0] for p in parts), (), "CN"
    latin = tuple(spellings[0] for _, spellings in parts)
    alternatives = {i: spellings for i, (_, spellings) in enumerate(parts)}
    return Identity(
        id=f"S{number:05d}", kind=Kind.PERSON, parts=latin, droppable=droppable,
        original=original, script=script, birth=_birth(rng), countries=(country,),
        alternatives=alternatives,
    )  # fmt: skip


def _spanish_person(rng: random.Random, number: int) -> Identity:
    given = rng.sample(SPANISH_GIVEN, rng.choice((1, 2, 2)))
    family = rng.sample(SPANISH_SURNAME, 2)
    parts = (*given, *family)
    droppable = (1,) if len(given) == 2 else ()
    return Identity(f"L{number:05d}", Kind.PERSON, parts, droppable, birth=_birth(rng),
                    countries=(rng.choice(("MX", "GT", "CO", "VE")),))  # fmt: skip


def _company(rng: random.Random, number: int, family: str) -> Identity:
    if family == "mx":
        parts = (rng.choice(STEM_FIRST), rng.choice(STEM_SECOND))
        return Identity(f"C{number:05d}", Kind.ENTITY, parts, legal_family="mx",
                        countries=("MX",))  # fmt: skip
    if family == "en":
        parts = (rng.choice(ENGLISH_FIRST), rng.choice(ENGLISH_SECOND))
        return Identity(f"C{number:05d}", Kind.ENTITY, parts, legal_family="en",
                        countries=(rng.choice(("AE", "HK", "SG", "GB")),))  # fmt: skip
    table = scripts.CYRILLIC_COMPANY_STEM if family == "ru" else scripts.CHINESE_COMPANY_STEM
    original, spellings = _pick(rng, table)
    script = "cyrillic" if family == "ru" else "chinese"
    return Identity(f"C{number:05d}", Kind.ENTITY, (spellings[0],), original=original,
                    script=script, spellings=spellings, legal_family=family,
                    countries=("RU",) if family == "ru" else ("CN",))  # fmt: skip


def _vessel(rng: random.Random, number: int) -> Identity:
    parts = tuple(rng.sample(VESSEL_WORDS, 2))
    return Identity(f"V{number:05d}", Kind.VESSEL, parts, imo=imo_number(rng),
                    countries=(rng.choice(("KP", "PA", "LR", "SL")),))  # fmt: skip


def seeded(rng: random.Random, n: int) -> list[Identity]:
    """``n`` identities: a fifth Spanish-speaking people, four fifths of the rest split among
    people in Cyrillic, Arabic, Hangul and Chinese, then companies (Mexican, Russian, Chinese,
    English legal forms) and a few vessels."""
    makers = (
        [lambda i: _spanish_person(rng, i)] * 4
        + [lambda i, s=s: _scripted_person(rng, i, s) for s in scripts_names()] * 2
        + [lambda i, f=f: _company(rng, i, f) for f in ("mx", "ru", "cn", "en")]
        + [lambda i: _vessel(rng, i)]
    )
    return [makers[i % len(makers)](i) for i in range(n)]


def scripts_names() -> tuple[str, ...]:
    return ("cyrillic", "arabic", "hangul", "chinese")


SYLLABLES = (
    "ba", "be", "bo", "ca", "co", "da", "de", "do", "fa", "fe", "ga", "go", "ha", "ja", "jo",
    "ka", "ko", "la", "le", "lo", "ma", "me", "mo", "na", "ne", "no", "pa", "pe", "ra", "re",
    "ro", "sa", "se", "so", "ta", "te", "to", "va", "ve", "za", "zo", "rin", "lan", "mar",
    "tor", "vel", "quin", "dar", "sol", "ner",
)  # fmt: skip


def made_up_word(rng: random.Random) -> str:
    """A word of two or three syllables that no dictionary has (a surname, a brand)."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).title()


def filler(rng: random.Random, n: int, start: int = 0) -> list[Entry]:
    """``n`` list entries made up for the larger lists: two people to a company, the people
    with one or two given names and two made-up family names, the companies a brand of two
    made-up words, half of them with a word of the trade, each with a legal form."""
    found = []
    for i in range(start, start + n):
        if i % 3:
            given = rng.sample(SPANISH_GIVEN, rng.choice((1, 1, 2)))
            parts = (*given, made_up_word(rng), made_up_word(rng))
            country = rng.choice(("MX", "GT", "CO", "VE", "ES"))
            identity = Identity(f"F{i:06d}", Kind.PERSON, parts, birth=_birth(rng),
                                countries=(country,))  # fmt: skip
        else:
            family = rng.choice(("mx", "en"))
            brand = (made_up_word(rng), made_up_word(rng))
            if rng.random() < 0.5:
                parts = brand
            elif family == "mx":
                parts = (rng.choice(STEM_FIRST), *brand)
            else:
                parts = (*brand, rng.choice(ENGLISH_SECOND))
            identity = Identity(f"F{i:06d}", Kind.ENTITY, parts, legal_family=family,
                                countries=("MX",) if family == "mx" else ("HK",))  # fmt: skip
        found.append(entry_of(identity, source="filler", form=rng.randrange(3)))
    return found


def entry_of(identity: Identity, *, source: str | None = None, form: int = 0) -> Entry:
    """The identity as a list entry with its Latin name (and its original, when it has one)."""
    names = [Name(with_form(identity.latin, identity.legal_family, form))]
    if identity.original:
        names.append(Name(identity.original))
    return Entry(
        id=identity.id, names=tuple(names), kind=identity.kind,
        source=source or identity.source, version="1",
        birth_dates=(identity.birth,) if identity.birth else (), countries=identity.countries,
        identifiers=(Identifier("imo", identity.imo),) if identity.imo else (),
    )  # fmt: skip


def with_form(stem: str, family: str | None, which: int) -> str:
    """``stem`` with the ``which``-th legal form of its family (the last is none)."""
    if family is None:
        return stem
    form = LEGAL_FORMS[family][which % len(LEGAL_FORMS[family])]
    return f"{stem} {form}".strip()


FIXTURE_SOURCES = {"generic": "csv"}
"""A fixture's source when its file is not named after it (``un-2.xml`` is the UN's too)."""
FIXTURES = Path(__file__).resolve().parents[2] / "src/nonprolif/screening/fixtures/lists"


def from_fixtures() -> list[Identity]:
    """The identities of every list fixture that ships with the product (empty when none do)."""
    try:
        from nonprolif.screening.lists.parsers import parse
    except ImportError:
        return []
    found: list[Identity] = []
    if not FIXTURES.is_dir():
        return found
    for path in sorted(p for p in FIXTURES.iterdir() if p.is_file()):
        stem = path.name.split(".")[0].split("-")[0].lower()
        source = FIXTURE_SOURCES.get(stem, stem)
        parsed = parse(source, path.read_bytes())
        for parsed_entry in parsed.entries:
            identity = identity_of(parsed_entry.to_entry(source), source)
            if identity is not None:
                found.append(identity)
    return found


FAMILY_BY_COUNTRY = {"MX": "mx", "RU": "ru", "CN": "cn", "HK": "cn"}
SCRIPT_PREFIXES = {"CYRILLIC": "cyrillic", "ARABIC": "arabic", "HANGUL": "hangul", "CJK": "chinese"}


def script_of(text: str) -> str:
    """The script of ``text``'s first letter that is not Latin (``other`` for the rest)."""
    import unicodedata

    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            for prefix, script in SCRIPT_PREFIXES.items():
                if name.startswith(prefix):
                    return script
    return "other"


def identity_of(entry: Entry, source: str) -> Identity | None:
    """A list entry as an identity: its first Latin name, its first name in another script."""
    latin = next((n.text for n in entry.names if is_latin(n.text) and n.text.split()), None)
    if latin is None:
        return None
    original = next((n.text for n in entry.names if not is_latin(n.text)), None)
    parts = tuple(latin.replace(",", " ").split())
    droppable = tuple(range(1, len(parts) - 1)) if entry.kind is Kind.PERSON else ()
    family = None
    if entry.kind is Kind.ENTITY:  # the stem, without the legal form the list wrote
        folded = tuple(fold(part) for part in parts)
        kept, removed = strip_latin_forms(folded)
        if removed and kept == folded[: len(kept)]:
            parts = parts[: len(kept)]
            family = FAMILY_BY_COUNTRY.get(entry.countries[0] if entry.countries else "", "en")
    imo = next((i.key for i in entry.identifiers if i.kind == "imo"), None)
    return Identity(
        id=f"{source}:{entry.id}", kind=entry.kind, parts=parts, droppable=droppable[:1],
        original=original, script=script_of(original) if original else None,
        legal_family=family,
        birth=entry.birth_dates[0] if entry.birth_dates else None,
        countries=entry.countries, imo=imo, source=source,
    )  # fmt: skip
