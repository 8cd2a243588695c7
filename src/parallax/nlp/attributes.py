"""spaCy's attribute ruler and lemmatizer, compiled: the same token attributes, for less CPU.

The English model's ``attribute_ruler`` (179 rules: a tag's coarse part of speech and
morphology, lemma exceptions such as "n't" -> "not") ran spaCy's ``Matcher`` over every token of
every article: 12% of the NLP stage's CPU, more than the tagger and the parser's own
predictions. Nearly all of its rules read one token (its tag, lower-cased form, dependency label,
whether it is a space), so what they set on a token depends only on those four values: computed
once per distinct combination and kept for the process. The few rules that read two tokens
("gon na", "let 's", "there is") still go through a ``Matcher`` of their own.

:class:`CompiledAttributes` replaces the component under its own name (``load_pipeline``);
every token ends with the attributes the original sets, to the bit: for each token the matching
rules are applied in the order the original applies them (the order they were added, later
ones winning), with spaCy's own ``set_token_attrs``. A rule this module cannot read (an operator
other than equality, ``IN``, ``NOT_IN`` and ``REGEX``, an attribute other than the four, an
extension attribute) leaves the original component in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: Entries a per-word table below keeps (the lemmas of :class:`RememberedLemmas`, the forms of
#: :class:`CompiledAttributes`) before it is emptied and filled again: a long-running process
#: meets new words (names, numbers, misspellings) for ever, so a table without a bound grows
#: with the corpus (one process analysing distinct FNC-1 bodies grew by 7 MB per 1,000, most
#: of it these two tables and spaCy's vocabulary: docs/scale.md). 100,000 entries are about
#: 27 MB for the lemmas, 12 MB for the forms (tracemalloc); a table emptied gives the same
#: answers, each worked out again once.
WORDS_KEPT = 100_000

__all__ = ["CompiledAttributes", "RememberedLemmas", "compile_pipeline", "token_attributes"]

#: The token attributes a one-token rule may read, in the order of a cache key.
_READ = ("TAG", "LOWER", "DEP", "IS_SPACE")
_READ_IDS = [TAG, LOWER, DEP, IS_SPACE]

#: One token's values of :data:`_READ`: tag, lower-cased form, dependency label (strings), space.
Key = tuple[str, str, str, bool]
#: How a word no rule names reads (a string no rule's pattern finds, checked).
_OTHER = "\x00parallax-any-other-word"
Test = Callable[[Key], bool]


def _value_test(position: int, spec: Any) -> Test | None:
    """A test of one attribute of a key as the Matcher reads ``spec``, or None if unknown."""
    if isinstance(spec, dict):
        if len(spec) != 1:
            return None
        [(operator, value)] = spec.items()
        if operator in ("IN", "NOT_IN") and isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                return None
            members = frozenset(value)
            if operator == "IN":
                return lambda key: key[position] in members
            return lambda key: key[position] not in members
        if operator == "REGEX" and isinstance(value, str):
            pattern = re.compile(value)
            return lambda key: bool(pattern.search(key[position]))  # type: ignore[arg-type]
        return None
    if isinstance(spec, bool):  # IS_SPACE: the Matcher compares it as 0 or 1
        return (lambda key: key[position] is True) if spec else (lambda key: key[position] is False)
    if isinstance(spec, str):
        return lambda key: key[position] == spec
    return None


def _token_test(token: dict[str, Any]) -> Test | None:
    """A test of a key as the Matcher reads one token's pattern, or None if unknown."""
    tests: list[Test] = []
    for name, spec in token.items():
        if name not in _READ:
            return None
        test = _value_test(_READ.index(name), spec)
        if test is None:
            return None
        tests.append(test)
    return lambda key: all(test(key) for test in tests)


class CompiledAttributes:
    """The attribute ruler's rules: one-token rules by token key, the others by a Matcher."""

    def __init__(self, ruler: Any) -> None:
        self.vocab = ruler.vocab
        self.attrs: list[dict[Any, Any]] = list(ruler.attrs)
        self.single: list[tuple[int, Test]] = []  # (rule id, test), in rule order
        self.multi = Matcher(self.vocab)
        self.indices: list[int] = list(ruler.indices)
        self.cache: dict[tuple[int, ...], tuple[dict[Any, Any], tuple[int, ...]]] = {}
        self.compiled = True
        for rule_id in range(len(self.attrs)):
            if "_" in self.attrs[rule_id]:
                self.compiled = False
            patterns: list[list[dict[str, Any]]] = ruler.matcher.get(str(rule_id))[1]
            for pattern in patterns:
                if len(pattern) == 1:
                    test = _token_test(pattern[0])
                    if test is None or self.indices[rule_id] not in (0, -1):
                        self.compiled = False
                    else:
                        self.single.append((rule_id, test))
                else:
                    self.multi.add(str(rule_id), [pattern])
        # A word matters to the one-token rules only if one names it or one's pattern finds it;
        # every other word reads as ``_OTHER`` (no rule names it, no pattern finds it), so the
        # cache holds a key per tag and dependency, not per word.
        self.words: set[str] = set()
        self.word_patterns: list[re.Pattern[str]] = []
        for rule_id in range(len(self.attrs)):
            for pattern in ruler.matcher.get(str(rule_id))[1]:
                if len(pattern) == 1 and "LOWER" in pattern[0]:
                    self._note_words(pattern[0]["LOWER"])
        if _OTHER in self.words or any(p.search(_OTHER) for p in self.word_patterns):
            self.compiled = False
        self.other = self.vocab.strings.add(_OTHER)
        self.canonical: dict[int, int] = {}

    def _note_words(self, spec: Any) -> None:
        if isinstance(spec, str):
            self.words.add(spec)
        elif isinstance(spec, dict):
            for operator, value in spec.items():
                if operator in ("IN", "NOT_IN"):
                    self.words.update(value)
                elif operator == "REGEX":
                    self.word_patterns.append(re.compile(value))

    def _canonical(self, lower: int) -> int:
        """The hash a lower-cased form is read as: its own if a rule may find it, else
        ``_OTHER``'s."""
        word = self.vocab.strings[lower]
        found = word in self.words or any(p.search(word) for p in self.word_patterns)
        self.canonical[lower] = lower if found else self.other
        return self.canonical[lower]

    def _rules_of(self, values: tuple[int, ...]) -> tuple[dict[Any, Any], tuple[int, ...]]:
        """The one-token rules that match a token with these hashed values (in order), and the
        attributes they leave on it."""
        strings = self.vocab.strings
        key: Key = (strings[values[0]], strings[values[1]], strings[values[2]], bool(values[3]))
        rules = tuple(rule_id for rule_id, test in self.single if test(key))
        merged: dict[Any, Any] = {}
        for rule_id in rules:
            merged.update(self.attrs[rule_id])
        found = (merged, rules)
        self.cache[values] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Set every token's attributes as the original attribute ruler does."""
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            rule_id = int(self.vocab.strings[match_id])
            target = doc[start:end][self.indices[rule_id]].i
            extra.setdefault(target, []).append(rule_id)
        rows = doc.to_array(_READ_IDS).tolist() if len(doc) else []
        if len(self.canonical) > WORDS_KEPT or len(self.cache) > WORDS_KEPT:
            self.canonical.clear()
            self.cache.clear()
        cache, canonical = self.cache, self.canonical
        for i, (tag, lower, dep, space) in enumerate(rows):
            word = canonical.get(lower)
            values = (tag, self._canonical(lower) if word is None else word, dep, space)
            merged, rules = cache.get(values) or self._rules_of(values)
            more = extra.get(i)
            if more:
                merged = {}
                for rule_id in sorted((*rules, *more)):
                    merged.update(self.attrs[rule_id])
            if merged:
                set_token_attrs(doc[i], merged)
        return doc


class RememberedLemmas:
    """spaCy's rule lemmatizer with every answer kept: the lemma of a word depends only on its
    form, part of speech and morphology (``Lemmatizer.rule_lemmatize`` reads nothing else), but
    spaCy keeps only the answers its suffix rules find, so the base forms (most words: singular
    nouns, infinitives) were worked out again, morphology read into a dict, at every token."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.lemmas: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token that has none, as the lemmatizer does."""
        lemmatizer, lemmas = self.lemmatizer, self.lemmas
        if len(doc) == 0:
            return doc
        if len(lemmas) > WORDS_KEPT:
            lemmas.clear()
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma != 0 and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            token = doc[i]
            if found is None:
                found = lemmas[key] = lemmatizer.lemmatize(token)[0]
            token.lemma_ = found
        return doc


def _lemmatizer(component: Any) -> RememberedLemmas | None:
    """:class:`RememberedLemmas` of a rule lemmatizer of spaCy's English kind, else None."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    kind = type(component)
    if kind not in (Lemmatizer, EnglishLemmatizer) or component.mode != "rule":
        return None
    if component.lemmatize != component.rule_lemmatize:
        return None
    if not component._validated:  # what its first call checks
        from spacy.errors import Errors

        component._validate_tables(Errors.E1004)
    index = component.lookups.get_table("lemma_index", {})
    for pos, words in list(index.items()):
        if type(words) is list:
            index[pos] = IndexedWords(words)
    return RememberedLemmas(component)


class IndexedWords(list[str]):
    """A lemma index's words of one part of speech (a list, as spaCy's tables hold them) that
    answers ``in`` from a set: ``rule_lemmatize`` asks ``form in index`` of every form its suffix
    rules make, a scan of up to 57,528 words (English nouns), which took most of the
    lemmatizer's time on the words not yet remembered."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self.members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self.members


def compile_pipeline(nlp: Language) -> list[str]:
    """Replace the pipeline's attribute ruler by :class:`CompiledAttributes` and its
    lemmatizer by :class:`RememberedLemmas`, each under its own name, where it can (a rule it
    cannot read, another kind of lemmatizer: left as it is); return the names replaced."""
    replaced: list[str] = []
    compiled: Callable[[Doc], Doc] | None
    for name in nlp.pipe_names:
        if name == "attribute_ruler":
            ruler = CompiledAttributes(nlp.get_pipe(name))
            compiled = ruler if ruler.compiled else None
        elif name == "lemmatizer":
            compiled = _lemmatizer(nlp.get_pipe(name))
        else:
            continue
        if compiled is None:
            continue
        nlp.replace_pipe(name, COMPILED_PIPE)
        holder = nlp.get_pipe(name)
        assert isinstance(holder, _Holder)
        holder.compiled = compiled
        replaced.append(name)
    return replaced


COMPILED_PIPE = "parallax_compiled"


class _Holder:
    """The pipeline component: runs the compiled component it is given."""

    compiled: Callable[[Doc], Doc] | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.compiled is None:
            raise RuntimeError("the compiled component was not set")
        return self.compiled(doc)


@Language.factory(COMPILED_PIPE)
def _make_holder(nlp: Language, name: str) -> _Holder:
    return _Holder()


def token_attributes(doc: Doc) -> list[tuple[str, str, str, str, str, int]]:
    """What the attribute ruler may set on each token (for comparing two pipelines)."""
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]
