"""Entity mentions, with short names, honorifics and titles joined to the full name in an article.

Rules, no coreference model: "Sikorski" and "Mr Sikorski" join the article's "Radek Sikorski";
an appositive or a title before the name ("Radek Sikorski, Poland's foreign minister",
"U.S. President Donald Trump") is kept as the mention's ``role``; a later definite role phrase
("the US president") joins the person the article gave that role, or, failing that, whoever the
gazetteer says held it on the publication date.
A lone capitalised word that the NER types as a place or an organisation but that ends a full
person's name written before it ("Bob Etheridge", then "Etheridge told reporters") is that
person, unless the gazetteer or CLDR knows the word as a name of its own; one right after a
first name and a title ("Rep. Steve Israel") is that person's surname. A title before a lone
surname picks the full name the article gave that title (:mod:`parallax.nlp.lone_surnames`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parallax.model import Mention
from parallax.nlp.gazetteer import Gazetteer, name_key, split_suffix
from parallax.nlp.headline_case import headline_lines, name_in_body
from parallax.nlp.honorific_names import woman_named
from parallax.nlp.lone_surnames import RoleKey, full_name_for, not_surnames
from parallax.nlp.nicknames import name_words, nickname_names
from parallax.nlp.person_slips import retyped
from parallax.nlp.territories import place_code
from parallax.nlp.titled_names import (
    SURNAME_LABELS,
    is_epithet,
    is_role_head,
    named_after_title,
    place_after,
)
from parallax.nlp.types import ENTITIES, Context

logger = logging.getLogger(__name__)

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "PRODUCT", "FAC", "LAW"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_GENDERED = frozenset({"Mrs", "Ms", "Miss", "Lady", "Dame"})  # nlp/honorific_names.py


@dataclass(frozen=True, slots=True)
class _Name:
    """A PERSON name inside an entity span: token range without honorifics or titles."""

    start: int  # first token of the mention (honorific included)
    end: int
    name_start: int  # first token of the name itself
    title: tuple[int, int] | None  # a title written right before the name


def _trim(span: Span) -> tuple[int, int]:
    """Return the token range of an entity without a leading "the" or a trailing possessive."""
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].lower_ == "the":
        start += 1
    while end > start + 1 and (span.doc[end - 1].text in _POSSESSIVE or span.doc[end - 1].is_punct):
        end -= 1
    return start, end


def _title_before(doc: Doc, name_start: int, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """Return the token range of a title written right before a name ("Dutch defence minister")."""
    first = name_start
    sentence_start = doc[name_start].sent.start
    while first > sentence_start:
        token = doc[first - 1]
        hyphen = token.text == "-" and not token.whitespace_
        hyphen = hyphen and first >= 2 and not doc[first - 2].whitespace_  # "Oxford-educated"
        if token.pos_ in _TITLE_POS or token.text in _POSSESSIVE or token.text == "." or hyphen:
            first -= 1
            continue
        break
    while first < name_start and (doc[first].text in _POSSESSIVE or doc[first].is_punct):
        first += 1
    # The title must end with a role word: "Security Council Deputy Chairman", "U.S. President".
    if first < name_start and is_role_head(doc[name_start - 1], gazetteer):
        return first, name_start
    return None


def _person_name(doc: Doc, start: int, end: int, gazetteer: Gazetteer) -> _Name:
    """Split a PERSON entity into honorific, title and name; extend it over a preceding "Mr"."""
    name_start = start
    # Titles the model folded into the entity ("President Trump") stay out of the name.
    while name_start < end - 1 and (
        is_role_head(doc[name_start], gazetteer) or doc[name_start].text in gazetteer.honorifics
    ):
        name_start += 1
    first = name_start
    while first > 0 and doc[first - 1].text in gazetteer.honorifics:
        first -= 1
    title = _title_before(doc, name_start, gazetteer) if first == name_start else None
    return _Name(first, end, name_start, title)


def role_key(
    doc: Doc, start: int, end: int, gazetteer: Gazetteer, ents: Sequence[Span] | None = None
) -> RoleKey:
    """Normalise a role phrase to (place, words): "Poland's foreign minister" → (Poland, ...).

    ``ents`` are the doc's entities (``doc.ents``) when the caller has read them: each read
    builds every entity span again."""
    place: str | None = None
    words: list[str] = []
    spellings = dict(gazetteer.role_spellings)
    for token in doc[start:end]:
        if token.is_punct or token.text in _POSSESSIVE or token.lower_ in {"the", "a", "an", "of"}:
            continue
        found = gazetteer.place(token.text)
        if found is not None and place is None:
            place = found
            continue
        word = token.lower_.rstrip(".")
        words.append(spellings.get(word, word))
    # "United States" is two tokens, and places the gazetteer does not know are still places.
    if place is None:
        for ent in _ents_within(doc.ents if ents is None else ents, start, end):
            if ent.label_ in {"GPE", "NORP", "LOC"}:
                place = gazetteer.place(ent.text) or ent.text
                drop = {token.lower_.rstrip(".") for token in ent}
                words = [word for word in words if word not in drop]
                break
    return place, " ".join(words)


def _ents_within(ents: Sequence[Span], start: int, end: int) -> list[Span]:
    """The entities of the token range ``[start, end)`` as ``doc[start:end].ents`` finds them
    (from the first entity that starts in it, until one runs past its end)."""
    inside: list[Span] = []
    for ent in ents:
        if ent.start >= start:
            if ent.end <= end:
                inside.append(ent)
            else:
                break
    return inside


def _appositive_role(
    doc: Doc, start: int, end: int, gazetteer: Gazetteer
) -> tuple[int, int] | None:
    """Return the token range of a role in apposition to the name at ``[start, end)``."""
    root = doc[start:end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= end and is_role_head(child, gazetteer):
            first, last = child.left_edge.i, child.i + 1
            for right in child.rights:
                if right.dep_ == "prep" and right.lower_ == "of":
                    last = right.right_edge.i + 1
            while first < last and doc[first].lower_ in {"the", "a", "an", ","}:
                first += 1
            return first, last
    head = root.head
    if root.dep_ == "appos" and head.i < start and is_role_head(head, gazetteer):
        first, last = head.left_edge.i, start
        while last > first and (doc[last - 1].is_punct or doc[last - 1].lower_ == "and"):
            last -= 1
        while first < last and doc[first].lower_ in {"the", "a", "an"}:
            first += 1
        if first < last:
            return first, last
    return None


_KIN = frozenset((
    "wife", "husband", "father", "mother", "son", "daughter", "brother", "sister", "widow",
    "widower",
))  # fmt: skip


def _kin_before(doc: Doc, start: int) -> bool:
    """Whether a name follows "his wife," / "her father, the Rev." (a relative's apposition)."""
    before = doc[max(doc[start].sent.start, start - 4) : start]
    return any(t.lower_ in _KIN and t.nbor().text == "," for t in before if t.i + 1 < start)


def _surname_of(
    doc: Doc,
    start: int,
    end: int,
    full_names: list[tuple[int, list[str], str]],
    gazetteer: Gazetteer,
) -> str | None:
    """The person a lone capitalised word typed as a place or an organisation stands for: the
    nearest full name before it in the article that ends with it ("Bob Etheridge" ... "Etheridge
    told reporters"), unless the word names something the gazetteer or CLDR knows."""
    if end - start == 2 and (
        is_role_head(doc[start], gazetteer) or doc[start].text in gazetteer.honorifics
    ):
        start += 1  # "Bishop Jenky", typed an organisation: the surname after the title
    words = [token.text for token in doc[start:end]]
    # One word, or a hyphenated one the tokenizer splits ("Townsend-Saunders").
    if len(words) % 2 == 0 or any(w != "-" for w in words[1::2]):
        return None
    word = "".join(words)
    if not all(w.isalpha() and w[0].isupper() and not w.isupper() for w in words[::2]):
        return None  # "NAACP", "U.S." are no surnames
    before = [
        (first, canonical)
        for first, tokens, canonical in full_names
        if words in (tokens[-len(words) :], split_suffix(tokens)[0][-len(words) :])
        and first < start
    ]
    if not before or gazetteer.lookup(word) is not None or place_code(name_key(word)):
        return None
    return before[-1][1]


def _canonical(text: str, label: str, gazetteer: Gazetteer) -> str:
    known = gazetteer.lookup(text, label)
    if known is not None:
        return known.name
    canonical = " ".join(text.split())
    return canonical[4:] if canonical.lower().startswith("the ") else canonical


def _role_phrase(doc: Doc, token: Token) -> tuple[int, int] | None:
    """Return a definite role phrase headed by ``token`` ("the US president"), if it is one."""
    if token.tag_ not in {"NN", "NNP"} or token.ent_type_ == "PERSON":
        return None
    left = [child for child in token.lefts]
    definite = any(child.lower_ == "the" or child.dep_ == "poss" for child in left) or any(
        child.dep_ in {"amod", "compound", "nmod"} and child.ent_type_ in {"GPE", "NORP"}
        for child in left
    )
    if not definite:
        return None
    first = token.left_edge.i
    while first < token.i and doc[first].lower_ in {"the", "a", "an"}:
        first += 1
    last = token.i + 1
    after = next(token.rights, None)
    # "the U.S. Secretary of State": a capitalised "of" phrase right after it is in the title.
    if after is not None and after.dep_ == "prep" and after.lower_ == "of":
        objects = [c for c in after.children if c.dep_ == "pobj"]
        if objects and objects[0].is_title and objects[0].i == after.i + 1:
            last = objects[0].i + 1
    return first, last


def _contains(words: str, part: str) -> bool:
    return f" {part} " in f" {words} "


def _resolve_role(
    key: RoleKey, roles: dict[RoleKey, str], held: dict[RoleKey, set[str]], context: Context
) -> str | None:
    """Return the person a role phrase names: one the article gave it (of several, the one who
    held it on the article's day: "the president" after "President George W. Bush" and
    "President Obama", in 2011, is Obama), or the gazetteer's."""
    if key in roles:
        given = set(held.get(key, ()))
        sitting = context.gazetteer.sitting(key[1], key[0], context.published) & given
        return sitting.pop() if len(given) > 1 and len(sitting) == 1 else roles[key]
    place, words = key
    if place is None:
        # "the mayor" after "Jane Roe, the mayor of Springfield": one person in the article.
        # A bare "the president" needs the same words; "the foreign minister" may be part of one.
        same = {
            person
            for (_, other), person in roles.items()
            if other == words or (" " in words and _contains(other, words))
        }
        return same.pop() if len(same) == 1 else None
    same = {person for (where, other), person in roles.items() if where == place and other == words}
    if len(same) == 1:
        return same.pop()
    return context.gazetteer.holder(words, place, context.published)


@ENTITIES.register("rules", version="v12")
def extract_mentions(doc: Doc, context: Context) -> tuple[Mention, ...]:
    """Find entity mentions and join short names, honorifics and roles to one name per person."""
    gazetteer = context.gazetteer
    extractor = ENTITIES.versioned_name("rules")
    doc_ents = doc.ents  # builds every entity's Span: read once
    nicknamed = nickname_names(doc, doc_ents)  # 'William "Mo" Cowan' is one person
    taken = {i for span in nicknamed for i in range(span.start, span.end)}
    ents = sorted([e for e in doc_ents if taken.isdisjoint(range(e.start, e.end))] + nicknamed)
    ents = [e for e in map(retyped, ents) if e is not None]  # "Wednedsay", "Log Cabin Republicans"
    spans = [
        named_after_title(doc, ent, gazetteer) or (ent, *_trim(ent))
        for ent in ents
        if ent.label_ in LABELS and ent.text not in gazetteer.not_entities
    ]
    # A name in a headline-case line ("Governor Appoints Ex-Aide …") is kept only as far as the
    # article writes it elsewhere ("Deval Patrick Names …" is "Deval Patrick").
    lines = headline_lines(context.text)
    heads = {s for _, s, _ in spans if any(a <= doc[s].idx < b for a, b in lines)}
    for at, (ent, start, end) in enumerate(spans):
        while ent.label_ == "PERSON" and start in heads and end > start:
            if name_in_body(context.text, lines, doc[start:end].text):
                break
            end -= 1
        spans[at] = (ent, start, end)
    spans = [span for span in spans if span[2] > span[1]]
    names = {
        start: _person_name(doc, start, end, gazetteer)
        for ent, start, end in spans
        if ent.label_ == "PERSON"
    }
    written = {" ".join(t.text for t in doc[n.name_start : n.end]) for n in names.values()}
    # A name the article also writes with "Jr." is the father's ("Jesse Jackson Jr." … "his
    # father, the Rev. Jesse Jackson"): "Jesse Jackson Sr.", so the two never join.
    elder = {
        " ".join(base): f"{' '.join(base)} Sr."
        for base, suffix in (split_suffix(w.split()) for w in written)
        if suffix == "jr" and " ".join(base) in written
    }

    def canonical_person(words: list[str]) -> str:
        joined = " ".join(words)
        return elder.get(joined) or _canonical(joined, "PERSON", gazetteer)

    full_names: list[tuple[int, list[str], str]] = []
    kin: list[tuple[int, list[str], str]] = []
    for name in names.values():
        tokens = name_words(doc[name.name_start : name.end])
        if len(tokens) >= 2:
            entry = (name.name_start, tokens, canonical_person(tokens))
            (kin if _kin_before(doc, name.start) else full_names).append(entry)
    # "His wife, Sandra Jackson, …" then "Jackson, dressed in a blue tie": a relative named
    # beside the person is called by the surname only when no one else has it.
    kin_only = [k for k in kin if not any(k[1][-1] in f[1] for f in full_names)]
    full_names = sorted(full_names + kin_only)

    def mention(
        start: int, end: int, text: str, label: str, entity: str, role: str | None = None
    ) -> Mention:
        # Character offsets come from the tokens [start, end), whatever text the mention shows.
        last = doc[end - 1]
        return Mention(
            context.article_id,
            doc[start].idx,
            last.idx + len(last),
            text,
            label,
            entity,
            extractor,
            role,
        )

    mentions: list[Mention] = []
    roles: dict[RoleKey, str] = {}
    held: dict[RoleKey, set[str]] = {}  # everyone the article gave each role
    used: set[int] = set()
    for ent, start, end in spans:
        label = ent.label_
        known = gazetteer.lookup(ent.text, "ORG") if label == "PERSON" and len(ent) == 1 else None
        label = "ORG" if known is not None else label  # "Twitter" typed PERSON; not "Jordan"
        if label in SURNAME_LABELS and (
            person := _surname_of(doc, start, end, full_names, gazetteer)
        ):
            used.update(range(start, end))
            mentions.append(mention(start, end, doc[start:end].text, "PERSON", person))
            continue
        if label != "PERSON":
            text = doc[start:end].text
            canonical = _canonical(text, label, gazetteer)
            mentions.append(mention(start, end, text, label, canonical))
            continue
        name = names[start]
        words = name_words(doc[name.name_start : name.end])
        if len(words) >= 2:
            canonical = canonical_person(words)
        else:
            gendered = doc[name.start].text.rstrip(".") in _GENDERED  # not "Mrs. Trump" = Donald
            title = name.title and role_key(doc, *name.title, gazetteer, ents)  # "Former Vice
            # President Cheney" is the Cheney the article gave that title (nlp/lone_surnames.py)
            found = (
                woman_named(words[0], full_names, context.text, gazetteer)
                if gendered
                else full_name_for(words[0], name.name_start, full_names, title, roles)
            )
            kept = doc[name.start : name.end].text  # "Mrs. Trump" stays herself
            canonical = found or (kept if gendered else _canonical(words[0], label, gazetteer))
        if canonical == ent.text and is_epithet(ent, gazetteer):
            continue  # "America's Toughest Sheriff": no one's name (nlp/titled_names.py)
        role_span = name.title or _appositive_role(doc, name.name_start, name.end, gazetteer)
        role_span = None if start in heads else role_span  # a headline's parse is no apposition
        role = doc[role_span[0] : role_span[1]].text if role_span else None
        if role_span:
            key = role_key(doc, *role_span, gazetteer, ents)
            place = place_after(doc, name.end, ents, gazetteer) if key[0] is None else None
            for given in [key] if place is None else [key, (place, key[1])]:
                roles.setdefault(given, canonical)
                held.setdefault(given, set()).add(canonical)
            used.update(range(*role_span))
        used.update(range(name.start, name.end))
        name_text = doc[name.start : name.end].text
        mentions.append(mention(name.start, name.end, name_text, label, canonical, role))
        if role_span and role_span != name.title:
            mentions.append(mention(*role_span, role or "", label, canonical, role))
    # "Lynch holds …" (no entity) after "Rep. Stephen Lynch" is his surname; not a title before
    # a name ("Sheriff Arpaio"), a role word, nor a word the article writes in lower case ("coal").
    skip = taken | {i for _, start, end in spans for i in range(start, end)}
    lower = set(gazetteer.role_heads)  # "Queen"
    not_surnames(doc, skip, lower)
    for token in doc:
        if token.i not in skip and token.lower_ not in lower:
            person = _surname_of(doc, token.i, token.i + 1, full_names, gazetteer)
            if person is not None:
                mentions.append(mention(token.i, token.i + 1, token.text, "PERSON", person))
        if token.i in used or not is_role_head(token, gazetteer):
            continue
        phrase = _role_phrase(doc, token)
        if phrase is None:
            continue
        person = _resolve_role(role_key(doc, *phrase, gazetteer, ents), roles, held, context)
        if person is None:
            continue
        text = doc[phrase[0] : phrase[1]].text
        mentions.append(mention(*phrase, text, "PERSON", person, text))
    mentions.sort(key=lambda mention: (mention.start, mention.end, mention.label))
    logger.debug("%s: %d mentions", context.article_id, len(mentions))
    return tuple(mentions)


def person_at(mentions: tuple[Mention, ...], start: int, end: int) -> Mention | None:
    """Return the first PERSON mention inside the character range ``[start, end)``."""
    for mention in mentions:
        if mention.label == "PERSON" and start <= mention.start and mention.end <= end:
            return mention
    return None


__all__ = ["LABELS", "extract_mentions", "name_key", "person_at", "role_key"]
