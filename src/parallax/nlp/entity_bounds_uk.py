"""Where a Ukrainian entity starts and ends: three boundary errors of the NERs set right.

Both Ukrainian NERs (:mod:`parallax.nlp.ner_hybrid`) sometimes run a name into the words around
it, in ways neither NER-UK's nor SlavicNER's annotation ever does:

* a dash that opens a line of speech or a quote taken in ("- Альтмаєр"): :func:`dash_dropped`;
* a capitalised sentence adverb, conjunction or particle before a name ("Водночас Мей",
  "Проте Джонсон"; pymorphy3 reads the word as nothing else): :func:`opener_dropped`;
* a person's name after the title, body or subject in front of it, run into an organisation
  or a place ("Brexit Домінік Рааб", "МВС Ембер Радд"): :func:`person_split` gives the person
  their own entity, where the first of the last two words is a first name in the nominative
  (pymorphy3), the last can be nominative too (not "Блок Петра Порошенка", "Інституті
  Роберта Коха") and is no patronymic, no quotes are inside and no legal form opens it (NER-UK
  names a sole trader's business by the owner's name: "ФОП Валентина Козименко").

None of the three rewrites a single gold span of NER-UK DEV (391 texts) or SlavicNER uk's
training topics (asia_bibi, brexit, covid-19, ryanair); docs/evaluation.md has the figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from parallax.nlp.names_uk import morph

__all__ = ["dash_dropped", "entity_bounds", "opener_dropped", "person_split"]

Span = tuple[int, int, str]  # start, end, NER-UK label (PERS, LOC, ORG)

_WORD = re.compile(r"\S+")
_LEADING_DASH = re.compile(r"[-–—] ")
_QUOTES = re.compile(r"[«»\"“”„]")
# Parts of speech a word before a name may be read as, and be no part of it.
_OPENERS = frozenset({"ADVB", "CONJ", "PRCL", "PREP", "INTJ"})
# Legal forms of a business named by its owner (NER-UK spans "ФОП Валентина Козименко" whole).
_LEGAL_FORMS = frozenset(
    {"ФОП", "ФО-П", "ПП", "СПД", "ТОВ", "ТзОВ", "ПАТ", "ПрАТ", "АТ", "ВАТ", "ЗАТ", "ТДВ", "КП",
     "ДП", "НАК", "ООО", "ОАО", "ПАО", "АО", "ИП"}
)  # fmt: skip


@lru_cache(maxsize=65536)
def _tags(word: str) -> tuple[str, ...]:
    return tuple(str(parse.tag) for parse in morph().parse(word))


def _is_nominative_first_name(word: str) -> bool:
    return any("Name" in tag and "nomn" in tag for tag in _tags(word))


def dash_dropped(text: str, entities: Iterable[Span]) -> list[Span]:
    """``entities`` with a leading dash and its space left out ("- Альтмаєр" -> "Альтмаєр")."""
    found = []
    for start, end, label in entities:
        dash = _LEADING_DASH.match(text, start)
        if dash and dash.end() < end:
            start = dash.end()
        found.append((start, end, label))
    return found


def opener_dropped(text: str, entities: Iterable[Span]) -> list[Span]:
    """``entities`` without a first word that can only be an adverb, conjunction, particle,
    preposition or interjection, where a capitalised word follows it ("Водночас Мей" -> "Мей";
    "Постійно діючої …" is left whole)."""
    found = []
    for start, end, label in entities:
        words = list(_WORD.finditer(text, start, end))
        if len(words) > 1 and words[1].group()[:1].isupper():
            tags = _tags(words[0].group().strip(".,:;!?"))
            if tags and all(tag.split(",")[0].split()[0] in _OPENERS for tag in tags):
                start = words[1].start()
        found.append((start, end, label))
    return found


def _ends_in_person(text: str, start: int, end: int) -> int | None:
    """Where the person's name that closes the entity ``text[start:end]`` begins, if one does."""
    words = [match.group() for match in _WORD.finditer(text, start, end)]
    if len(words) < 3 or _QUOTES.search(text, start, end):
        return None
    head, first, last = words[-3], words[-2], words[-1]
    if not (head[:1].isupper() and last[:1].isupper() and _is_nominative_first_name(first)):
        return None
    if any("Name" in tag for tag in _tags(head)) or any(
        w.strip('«"') in _LEGAL_FORMS for w in words[:-2]
    ):
        return None
    last_tags = _tags(last)
    if not any("nomn" in tag for tag in last_tags) or any("Patr" in tag for tag in last_tags):
        return None
    return text.rindex(first, start, end - len(last))


def person_split(text: str, entities: Iterable[Span], *, person: str = "PERS") -> list[Span]:
    """``entities`` with each organisation or place that ends in a person's name cut in two: the
    words before it, with the entity's label, and the name, labelled ``person``."""
    found: list[Span] = []
    for start, end, label in entities:
        split = None if label == person else _ends_in_person(text, start, end)
        if split is None:
            found.append((start, end, label))
            continue
        found.append((start, len(text[:split].rstrip()), label))
        found.append((split, end, person))
    return found


def entity_bounds(text: str, entities: Iterable[Span]) -> list[Span]:
    """``entities`` (NER-UK labels) with the three rules applied, in text order."""
    return sorted(person_split(text, opener_dropped(text, dash_dropped(text, entities))))
