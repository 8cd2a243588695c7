"""factRuEval-2016 (Dialogue evaluation, MIT): Russian news with named-entity annotation.

Each document ``NAME`` is a set of files: ``NAME.txt`` (the text), ``NAME.spans`` (typed
spans: ``id type start length first_token tokens # …``) and ``NAME.objects`` (mentions of
objects made of spans: ``id type span_id … # text``). A mention's gold span runs from the first
to the last character of its *own name* spans: a person's name, surname, patronymic and
nickname; an organisation's ``org_name``; a location's ``loc_name``. Descriptors ("мэрии" in
"мэрии Москвы", "ОАО") and the names of other objects inside it are left out, and a mention
with no name span of its own ("правительство" alone) has no span. Object types map to the
flat tags of Russian NER: ``Person`` -> PER, ``Location`` and ``LocOrg`` -> LOC, ``Org`` -> ORG
(``Project`` is left out). Nested mentions are kept, as annotated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["TYPES", "FactRuDocument", "GoldEntity", "read_factru"]

TYPES = {"Person": "PER", "Location": "LOC", "LocOrg": "LOC", "Org": "ORG"}
_OWN_SPANS = {
    "Person": frozenset({"name", "surname", "patronymic", "nickname"}),
    "Org": frozenset({"org_name"}),
    "Location": frozenset({"loc_name"}),
    "LocOrg": frozenset({"loc_name"}),
}


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A gold mention: character offsets into the document's text and its flat type."""

    start: int
    end: int
    type: str  # PER, LOC or ORG


@dataclass(frozen=True, slots=True)
class FactRuDocument:
    """One annotated document."""

    name: str
    text: str
    entities: tuple[GoldEntity, ...]


def _fields(line: str) -> list[str]:
    return line.split("#", 1)[0].split()


def _read_document(txt: Path) -> FactRuDocument:
    base = txt.with_suffix("")
    text = txt.read_text(encoding="utf-8-sig")
    spans: dict[str, tuple[str, int, int]] = {}
    for line in base.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        fields = _fields(line)
        if len(fields) >= 4:
            start = int(fields[2])
            spans[fields[0]] = (fields[1], start, start + int(fields[3]))
    entities: set[GoldEntity] = set()
    for line in base.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        fields = _fields(line)
        if len(fields) < 3 or fields[1] not in TYPES:
            continue
        own = [spans[i] for i in fields[2:] if i in spans and spans[i][0] in _OWN_SPANS[fields[1]]]
        if own:
            start, end = min(s[1] for s in own), max(s[2] for s in own)
            entities.add(GoldEntity(start, end, TYPES[fields[1]]))
    ordered = tuple(sorted(entities, key=lambda e: (e.start, e.end, e.type)))
    return FactRuDocument(base.name, text, ordered)


def read_factru(folder: Path) -> list[FactRuDocument]:
    """Read every document in ``folder`` (a split: ``devset`` or ``testset``), by name.

    Raises:
        FileNotFoundError: when the folder holds no ``*.txt`` with its ``.spans`` and
            ``.objects``.
    """
    documents = [
        _read_document(txt)
        for txt in sorted(Path(folder).glob("*.txt"))
        if txt.with_suffix(".objects").exists() and txt.with_suffix(".spans").exists()
    ]
    if not documents:
        raise FileNotFoundError(f"no factRuEval documents (*.txt, *.spans, *.objects) in {folder}")
    return documents
