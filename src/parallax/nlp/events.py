"""Event mentions in tokenised sentences: triggers (verbs and eventive nouns) and their arguments.

A sentence arrives already split into words (as a corpus gives it, or as the claim extractor's
tokens do); spaCy tags and parses it without re-tokenising, so every index here is an index into
the words given. :func:`parse_sentences` reads each sentence once; :func:`event_triggers` picks
the words that name an event (a full verb that is not an auxiliary or copula, or a noun that is
eventive by its suffix or by a list the caller gives); :func:`event_arguments` reads who did it
(subject, ``by`` agent, possessor of a noun), to whom (object, passive subject, ``of`` object),
and where and when (the place and date entities of the sentence, and the trigger's own
prepositional places and dates).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from parallax.nlp.pipeline import DEFAULT_MODEL, load_pipeline

__all__ = [
    "EventArguments",
    "ParsedSentence",
    "candidate_nouns",
    "event_arguments",
    "event_triggers",
    "mention_head",
    "parse_sentences",
    "undecided_nouns",
]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})
# Verbs that carry tense or a frame more than an event of their own.
_LIGHT = frozenset({"be", "have", "do", "get", "become", "seem", "appear", "let", "make", "go"})
# Suffixes of nouns derived from verbs or naming happenings ("arrest", "attack" need a list).
_EVENTIVE_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence", "ing", "al", "age")
_NOT_EVENTIVE = frozenset(
    {"government", "department", "nation", "station", "region", "morning", "evening", "building",
     "thing", "nothing", "something", "anything", "everything", "king", "official", "capital",
     "animal", "hospital", "percentage", "village", "page", "image", "message", "language",
     "information", "population", "organization", "position", "section", "version", "edition",
     "television", "mission", "question", "nature", "future", "picture", "feature", "ceiling",
     "evidence", "audience", "conference", "sentence", "instance", "distance", "ring", "spring"}
)  # fmt: skip
_RELATIVES = frozenset({"who", "that", "which"})
_AGENT_DEPS = frozenset({"nsubj", "csubj"})
_PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "dative", "oprd"})


@lru_cache(maxsize=64)
def _children(heads: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """Each word's children (the words whose head it is, itself left out), in word order: built
    once for a sentence's heads, which the argument finders ask word by word."""
    found: list[list[int]] = [[] for _ in heads]
    for i, head in enumerate(heads):
        if head != i and 0 <= head < len(heads):
            found[head].append(i)
    return tuple(tuple(words) for words in found)


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """One sentence's words with spaCy's lemmas, tags, parse and entities (word indexes)."""

    words: tuple[str, ...]
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    deps: tuple[str, ...]
    heads: tuple[int, ...]
    entities: tuple[tuple[int, int, str], ...]  # (start, end, label), end exclusive

    def entity_at(self, index: int) -> tuple[int, int, str] | None:
        """The entity holding word ``index``, or None."""
        return next((e for e in self.entities if e[0] <= index < e[1]), None)

    def children(self, index: int) -> list[int]:
        """The words whose head is word ``index``."""
        if not 0 <= index < len(self.heads):
            return [i for i, head in enumerate(self.heads) if head == index and i != index]
        return list(_children(self.heads)[index])


@dataclass(frozen=True, slots=True)
class EventArguments:
    """What a sentence says around one trigger, as lower-cased strings."""

    agents: frozenset[str]
    patients: frozenset[str]
    places: frozenset[str]
    times: frozenset[str]
    names: frozenset[str]  # every named entity of the sentence


def parse_sentences(
    sentences: Iterable[Sequence[str]], model: str = DEFAULT_MODEL, batch_size: int = 64
) -> list[ParsedSentence]:
    """Tag and parse sentences given as lists of words (not re-tokenised)."""
    nlp = load_pipeline(model)
    docs = (Doc(nlp.vocab, words=list(words) or [" "]) for words in sentences)
    found = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        found.append(
            ParsedSentence(
                words=tuple(t.text for t in doc),
                lemmas=tuple(t.lemma_.lower() or t.lower_ for t in doc),
                pos=tuple(t.pos_ for t in doc),
                deps=tuple(t.dep_ for t in doc),
                heads=tuple(t.head.i for t in doc),
                entities=tuple((e.start, e.end, e.label_) for e in doc.ents),
            )
        )
    return found


def _eventive_noun(lemma: str) -> bool:
    return len(lemma) > 5 and lemma.endswith(_EVENTIVE_SUFFIXES) and lemma not in _NOT_EVENTIVE


def event_triggers(
    parsed: ParsedSentence, lexicon: Collection[str] = (), nouns: Collection[str] = ()
) -> list[tuple[int, ...]]:
    """Return the event mentions of a sentence, each a tuple of word indexes.

    A mention is a full verb (with its particle: "took off"), a common noun outside any named
    entity that is eventive by a suffix such as -tion or -ment or whose lemma is in ``nouns``
    (nouns a model calls eventive: "quake", "heist"), or any word outside a named entity whose
    lemma or lower-cased form is in ``lexicon`` (words a caller knows to name events: "attack",
    "rehab"; title-case headlines tag verbs as proper nouns, so the word itself is looked up
    too).
    """
    found: list[tuple[int, ...]] = []
    for i, pos in enumerate(parsed.pos):
        lemma = parsed.lemmas[i]
        if parsed.deps[i] in ("aux", "auxpass"):
            continue
        known = lemma in lexicon or parsed.words[i].lower() in lexicon
        if pos == "VERB" and lemma not in _LIGHT:
            particles = [c for c in parsed.children(i) if parsed.deps[c] == "prt"]
            found.append((i, *particles))
        elif parsed.entity_at(i) is None and (
            (known and pos in ("NOUN", "PROPN", "VERB", "ADJ"))
            or (pos == "NOUN" and (_eventive_noun(lemma) or lemma in nouns))
        ):
            found.append((i,))
    return found


def candidate_nouns(parsed: ParsedSentence) -> set[str]:
    """The lemmas of a sentence's common nouns outside named entities: the words a noun model
    may call eventive (see ``nouns`` of :func:`event_triggers`)."""
    return {
        parsed.lemmas[i]
        for i, pos in enumerate(parsed.pos)
        if pos == "NOUN" and parsed.entity_at(i) is None
    }


def undecided_nouns(lemmas: Iterable[str], lexicon: Collection[str]) -> set[str]:
    """The candidate nouns (:func:`candidate_nouns`) whose place among the triggers depends on
    a noun model: a lemma in ``lexicon`` or eventive by its suffix is a trigger whatever the
    model says, so the model need not read it."""
    return {lemma for lemma in lemmas if lemma not in lexicon and not _eventive_noun(lemma)}


def mention_head(parsed: ParsedSentence, indexes: Sequence[int]) -> int:
    """Return the syntactic head of a multi-word mention (the word whose head is outside it),
    preferring a verb or noun."""
    inside = set(indexes)
    outside = [i for i in indexes if parsed.heads[i] not in inside or parsed.heads[i] == i]
    for i in outside or list(indexes):
        if parsed.pos[i] in ("VERB", "NOUN", "PROPN"):
            return i
    return (outside or list(indexes))[0]


def _phrase(parsed: ParsedSentence, index: int) -> str:
    """A word as an argument: its whole entity when it is in one, else its lemma."""
    entity = parsed.entity_at(index)
    if entity is not None:
        return " ".join(parsed.words[entity[0] : entity[1]]).lower()
    compounds = [c for c in parsed.children(index) if parsed.deps[c] == "compound"]
    return " ".join([*(parsed.lemmas[c] for c in compounds), parsed.lemmas[index]])


def event_arguments(parsed: ParsedSentence, head: int) -> EventArguments:
    """Read the arguments of the event whose trigger is word ``head``.

    A verb without a subject of its own (a conjunct or an open complement) takes its head
    verb's: in "police arrested and charged him", "charged" is done by the police too.
    """
    agents: set[str] = set()
    patients: set[str] = set()
    places: set[str] = set()
    times: set[str] = set()
    node = head
    for _ in range(3):
        for child in parsed.children(node):
            dep = parsed.deps[child]
            if dep in _AGENT_DEPS or (dep == "poss" and parsed.pos[node] == "NOUN"):
                relative = parsed.lemmas[child] in _RELATIVES and parsed.deps[node] == "relcl"
                agents.add(_phrase(parsed, parsed.heads[node] if relative else child))
            elif dep in _PATIENT_DEPS:
                patients.add(_phrase(parsed, child))
            elif dep in ("agent", "prep"):
                for grand in parsed.children(child):
                    if parsed.deps[grand] != "pobj":
                        continue
                    entity = parsed.entity_at(grand)
                    label = entity[2] if entity else ""
                    if dep == "agent" or parsed.lemmas[child] == "by":
                        agents.add(_phrase(parsed, grand))
                    elif label in PLACE_LABELS:
                        places.add(_phrase(parsed, grand))
                    elif label in TIME_LABELS:
                        times.add(_phrase(parsed, grand))
                    elif parsed.lemmas[child] == "of" and parsed.pos[node] == "NOUN":
                        patients.add(_phrase(parsed, grand))
        if agents or parsed.deps[node] not in ("conj", "xcomp", "advcl"):
            break
        node = parsed.heads[node]
    names: set[str] = set()
    for start, end, label in parsed.entities:
        text = " ".join(parsed.words[start:end]).lower()
        if label in PLACE_LABELS:
            places.add(text)
        if label in TIME_LABELS:
            times.add(text)
        if label in NAME_LABELS:
            names.add(text)
    return EventArguments(
        frozenset(agents), frozenset(patients), frozenset(places), frozenset(times),
        frozenset(names),
    )  # fmt: skip
