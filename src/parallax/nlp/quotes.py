"""Direct, partial and reported quotes with their speakers, by rules over the parsed article.

Quote spans come from the quote marks in the text (:mod:`parallax.nlp.marks`), not from
spaCy's sentences, which split long quotes.

A quote is *direct* when an attribution sits next to it (``“…,” said X``, ``X said: “…”``, ``X
was clear: “…”``) or it stands on its own (its speaker is then found in the sentence before, or
is the speaker of the quote just before it); it is *partial* when it sits inside a sentence and
a cue verb above it in the parse names a speaker (``accusing him of “…”``); a quote nobody is
found to have said inside a sentence is a scare quote and is skipped. *Reported* speech comes
from :mod:`parallax.nlp.reported`; speakers are resolved by :mod:`parallax.nlp.attribution`.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from parallax.model import Mention, Quote
from parallax.nlp.attribution import (
    Speakers,
    Tokens,
    Who,
    agent_of,
    lemma_of,
    phrase,
    span_end,
    subject_of,
)
from parallax.nlp.first_names import first_names_digest
from parallax.nlp.lexicon import PARTIAL_CUES, PRONOUNS, SPEECH_VERBS, SUBJECTS, words
from parallax.nlp.marks import find_quote_spans
from parallax.nlp.reported import find_reported
from parallax.nlp.subject_names import gerund_subject, was_told
from parallax.nlp.types import QUOTES, Context

logger = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)]|'')*\s+")
# A full stop after these ends an abbreviation, not a sentence ("said Mr. Nevins").
_ABBREVIATIONS = words(
    "mr mrs ms dr st sen rep gov gen lt col sgt capt jr sr inc corp co ltd no vs a.m p.m u.s mt ft "
    "rev prof"
)
_LAST_WORD = re.compile(r"[\w.]+$")
_TRAILING_WINDOW = 12  # tokens after a quote in which a "said X" attribution is looked for
_APPOSED_WINDOW = 40  # ... or, when its subject is in the first 12, after a long apposition


def _trailing(tokens: Tokens, speakers: Speakers, start: int, end: int) -> Who | None:
    """Find ``“…,” said X`` / ``“…,” X said`` after a quote ending at ``start``; a cue past
    the first 12 tokens counts only when its parsed subject is in them ("“…,” Rep. Jerrold
    Nadler, D-N.Y., the former chairman of the House Judiciary subcommittee …, told")."""
    window = tokens.within(start, end)[:_APPOSED_WINDOW]
    near = window[_TRAILING_WINDOW - 1].idx if len(window) >= _TRAILING_WINDOW else end
    for n, token in enumerate(window):
        if token.is_punct and token.text not in {",", "’", "'", "(", ")"} and token.tag_ != "HYPH":
            break  # a hyphen is inside a word, and so is a party: "Jackson Jr., D-Ill., said",
            # "Sen. John Thune (R-S.D.) said"
        if lemma_of(token) in SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}:
            subject = subject_of(token)
            if subject is not None and subject.idx < start:
                subject = None
            if n >= _TRAILING_WINDOW and (subject is None or subject.idx > near):
                continue
            if subject is None and token.tag_ == "VBG":
                continue  # `It said "…," adding …`: a participle is no "said X" inversion
            if subject is None:  # "said X": the last noun before a relative clause on X
                after = [t for t in window if t.i > token.i and t.pos_ in {"PROPN", "NOUN", "PRON"}]
                after = [t for t in after if not _relative_before(window, token, t)]
                subject = after[-1] if after else None
            return speakers.who(token, subject, start, end)
    return None


def _relative_before(window: list[Token], cue: Token, noun: Token) -> bool:
    """Whether a relative pronoun comes between a cue and a noun after it (""…" added Lauten,
    who works for Rep. Stephen Fincher, R-Tenn.": Fincher and R-Tenn. describe Lauten)."""
    return any(cue.i < t.i <= noun.i and t.tag_ in {"WP", "WDT", "WP$"} for t in window)


def _leading(tokens: Tokens, speakers: Speakers, start: int, end: int) -> Who | None:
    """Find ``X said: “…”``, ``X was clear: “…”`` or ``X said “…”`` before a quote at ``end``."""
    window = [t for t in tokens.within(start, end) if not t.is_space]
    if not window:
        return None
    mark = window[-1].text if window[-1].is_punct else ""
    words = [t for t in window if not t.is_punct]
    if not words:
        return None
    last = words[-1]
    verb: Token | None = None
    if lemma_of(last) in SPEECH_VERBS and last.pos_ in {"VERB", "AUX"}:
        verb = last
    elif mark == ":":
        verb = last
        while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
            verb = verb.head
    elif mark == ",":
        near = [t for t in words[-4:] if lemma_of(t) in SPEECH_VERBS and t.pos_ == "VERB"]
        verb = near[-1] if near else None
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    subject = subject_of(verb)
    if subject is None:
        after = [t for t in words if t.i > verb.i and t.pos_ in {"PROPN", "NOUN"}]
        subject = after[-1] if after else None
    if mark == ":" and last.i > verb.i and last.dep_ == "acomp":
        cue_start, cue_end = verb.idx, span_end(last)
        found = speakers.who(verb, subject, start, end)
        return Who(found.speaker, found.start, found.end, cue_start, cue_end)
    return speakers.who(verb, subject, start, end)


def _governing(tokens: Tokens, speakers: Speakers, start: int, end: int) -> Who | None:
    """Find the cue verb above a partial quote in the parse and its subject or agent."""
    inside = tokens.within(start, end)
    words = [token for token in inside if not token.is_punct and not token.is_space]
    if not words:
        return None
    # The word that hangs outside the quote (a closing mark can be a sentence of its own).
    first, last = inside[0].i, inside[-1].i
    root = next((t for t in words if not first <= t.head.i <= last or t.head == t), words[0])
    ancestor, below = (root.head if root.head != root else None), root
    while ancestor is not None:
        # 'The statement said Grimm "asserts his innocence" and "will be vindicated."': a
        # conjunct of a cue that another cue reports is the outer cue's words.
        nested = below.dep_ == "conj" and any(_is_cue(a) for a in ancestor.ancestors)
        if _is_cue(ancestor) and not nested:
            subject = gerund_subject(ancestor) or agent_of(ancestor) or subject_of(ancestor)
            told = any(
                c.dep_ in {"dobj", "dative"} and c.lower_ in {"him", "her"}
                for c in ancestor.children
            )
            if (subject is None and not (told and ancestor.dep_ == "conj")) or (
                subject is not None and start <= subject.idx < end
            ):
                return None  # with "told him", the teller is the person named before
            sentence = ancestor.sent
            lo, hi = sentence.start_char, sentence.end_char
            found = speakers.who(ancestor, subject, lo, hi)
            if subject is not None and was_told(ancestor, subject):
                return Who(None, None, None, found.cue_start, found.cue_end)  # "he was told"
            if found.speaker is not None and _asked(ancestor, root, found.speaker, speakers):
                # "asked if he supported the “Obama agenda”": the words are the question's,
                # put to him by someone else; he is who answers, not who said them.
                return Who(None, None, None, found.cue_start, found.cue_end)
            return found
        below = ancestor
        ancestor = ancestor.head if ancestor.head != ancestor else None
    return None


def _is_cue(token: Token) -> bool:
    return lemma_of(token) in PARTIAL_CUES and token.pos_ == "VERB"


_ASKING = frozenset({"ask", "inquire", "wonder", "question"})
_QUESTION_OPENERS = frozenset({"if", "whether"})


def _asked(cue: Token, inside: Token, asker: str, speakers: Speakers) -> bool:
    """Whether the speaker found for an asking cue is who the question is put to, not who
    asks it: a quote in an ``if``/``whether`` clause under the cue (``asked the congressman
    if he supported …``) whose asker is the one asked (the cue's object, else the clause's
    subject), or whose cue shares a passive subject ("Etheridge … is seen … and asked if he
    supported …": he is asked). False for a cue that does not ask, or a quote outside such a
    clause."""
    if lemma_of(cue) not in _ASKING:
        return False
    clause: Token | None = inside
    while clause is not None and clause.head != cue:
        clause = clause.head if clause.head != clause else None
    if clause is None or not any(
        c.dep_ == "mark" and c.lower_ in _QUESTION_OPENERS for c in clause.children
    ):
        return False
    if (
        cue.dep_ == "conj"
        and not any(c.dep_ in SUBJECTS for c in cue.children)
        and any(c.dep_ == "auxpass" for c in cue.head.children)
    ):
        return True
    objects = [c for c in cue.children if c.dep_ in {"dobj", "dative"}]
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for token in objects:
        if token.lower_ in PRONOUNS:
            # "Crowley asked her if she could …": "her" is not Crowley.
            return speakers.refers_to(token.lower_, token.idx, besides=asker) == asker
        start, end = phrase(token, token.idx, span_end(token.right_edge))
        person = speakers.resolve(token, start, end)
        if person is not None:
            return person == asker
    for token in subjects:
        start, end = phrase(token, token.idx, span_end(token.right_edge))
        return speakers.resolve(token, start, end) == asker
    return False


def _is_title(words: str) -> bool:
    """Whether quoted words are a title ("Meet the Press"), not something someone said."""
    long_words = [word for word in re.findall(r"[^\W\d_]+", words) if len(word) > 3]
    return bool(long_words) and all(word[0].isupper() for word in long_words)


def _clause_start(text: str, lo: int, at: int) -> int:
    """Return where the sentence holding offset ``at`` starts, not before ``lo``."""
    start = lo
    for match in _sentence_ends(text, lo, at):
        start = match.end()
    return start


def _abbreviation(text: str, at: int) -> bool:
    """Whether the full stop at ``at`` ends an abbreviation or an initial ("Edwin M.")."""
    if text[at] != ".":
        return False
    opened = text.rfind("(", max(0, at - 12), at) if text.startswith(")", at + 1) else -1
    if opened >= 0 and " " not in text[opened:at]:
        return True  # "Sen. John Thune (R-S.D.) said": a party and a state
    word = _LAST_WORD.search(text[max(0, at - 12) : at])
    if word is None:
        return False
    found = word[0].lower()
    return found in _ABBREVIATIONS or (len(found) == 1 and word[0].isupper())


def _sentence_ends(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Sentence ends between two offsets, without the full stops of abbreviations."""
    return [
        match
        for match in _SENTENCE_END.finditer(text, lo, hi)
        if not _abbreviation(text, match.start())
    ]


def _sentence_end(text: str, at: int, hi: int) -> int:
    for match in _SENTENCE_END.finditer(text, at, hi):
        if not _abbreviation(text, match.start()):
            return match.start() + 1
    return hi


def _previous_sentence(tokens: Tokens, speakers: Speakers, at: int) -> Who | None:
    """Find a speaker in the sentence before a quote that stands alone."""
    before = tokens.at(at - 1)
    while before is not None and before.i > 0 and (before.is_space or before.idx >= at):
        before = before.doc[before.i - 1]
    if before is None:
        return None
    sentence = before.sent
    said = [t for t in sentence if lemma_of(t) in SPEECH_VERBS and t.pos_ == "VERB"]
    # "“…,” Santorum told host Bob Schieffer, denying what some have said …": a person's
    # cue over the others.
    outer = [t for t in said if not any(a in said for a in t.ancestors)]
    who = subject_of(outer[-1]) if outer else None
    cues = outer if who is not None and who.ent_type_ == "PERSON" else said
    source = _according_to(sentence)
    if source is not None and all(subject_of(t) is None for t in cues):
        # "According to Peter Keating at Vanity Fair, $1.1 million is the estimated cost …"
        # then "“The amount I get is nearly $1.1 million …”": the quote is the source's.
        start, end = phrase(source, sentence.start_char, sentence.end_char)
        person = speakers.resolve(source, start, end)
        if person in {m.entity for m in speakers.people}:
            return Who(person, start, end, source.head.head.idx, span_end(source.head))
    verb = cues[-1] if cues else sentence.root
    subject = subject_of(verb)
    if subject is None:
        return None
    found = speakers.who(verb, subject, sentence.start_char, sentence.end_char)
    if cues or sentence.text.rstrip().endswith(":") or found.speaker is not None:
        people = {m.entity for m in speakers.people}
        if cues or found.speaker in people:
            return found
    return None


def _according_to(sentence: Span) -> Token | None:
    """The person of an "according to X" in a sentence (X, the object of "to"), if any."""
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end:
            to = token.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"] if to.lower_ == "to" else []
            if objects and objects[0].pos_ == "PROPN":
                return objects[0]
    return None


_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
_THIRD_PERSON = frozenset({"he", "him", "his", "she", "her", "hers"})
_WORDS = re.compile(r"[^\W\d_]+")


def _of_the_speaker(
    tokens: Tokens,
    speakers: Speakers,
    start: int,
    end: int,
    who: Who | None,
    earlier: list[Quote],
) -> bool:
    """Whether a quote that names no speaker of its own speaks *of* the speaker found before
    it, in the third person and never in the first: "His conduct is unbecoming of a member of
    Congress" after Etheridge's own words ("“I've been spat at …,” he added") is someone
    else's quote about him. Only when the speaker's last direct quote speaks in the first
    person and of no "he" or "she", the pronoun comes before any noun of the quote, and no
    other person is named just before it (in quotes or not): "“Bob Etheridge has lost it,"
    said Jon Thompson. “His conduct …”" may speak of Etheridge."""
    if who is None or who.speaker is None:
        return False
    own = [q for q in earlier if q.speaker == who.speaker and q.kind == "direct"]
    if not own:
        return False
    said = {word.lower() for word in _WORDS.findall(own[-1].text)}
    if not said & _FIRST_PERSON or said & _THIRD_PERSON:
        return False  # "“… what he's actually proposed,” said Len Burman": "he" is another
    words = [t for t in tokens.within(start, end) if not t.is_punct and not t.is_space]
    if any(t.lower_ in _FIRST_PERSON for t in words):
        return False
    for token in words:
        if token.pos_ in {"NOUN", "PROPN"}:
            return False  # "this guy … his face": the quote gives "he" its own antecedent
        if token.lower_ in {"he", "his", "him", "she", "her"} and token.tag_ in {"PRP", "PRP$"}:
            # "his"/"her" as an owner read like "he"/"she" for gender.
            pronoun = {"his": "he", "her": "she"}.get(token.lower_, token.lower_)
            return speakers.refers_to(pronoun, start) == who.speaker and not speakers.others_near(
                start, who.speaker
            )
    return False


def _quote(context: Context, text: str, start: int, end: int, kind: str, who: Who | None) -> Quote:
    extractor = QUOTES.versioned_name("rules")
    if who is None:
        return Quote(context.article_id, start, end, text[start:end], kind, extractor)
    return Quote(
        context.article_id,
        start,
        end,
        text[start:end],
        kind,
        extractor,
        speaker=who.speaker,
        speaker_text=text[who.start : who.end] if who.start is not None else None,
        speaker_start=who.start,
        speaker_end=who.end,
        cue=text[who.cue_start : who.cue_end] if who.cue_start is not None else None,
        cue_start=who.cue_start,
        cue_end=who.cue_end,
    )


#: The fields of a quote that say who spoke it and the verb that says so.
_ATTRIBUTION = (
    "speaker",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "cue",
    "cue_start",
    "cue_end",
)


#: Marks that close a quote; a paragraph of a quote that goes on in the next one has none.
_CLOSERS = ('"', "”", "''")


def _continue_speakers(text: str, quotes: list[Quote]) -> list[Quote]:
    """Give the unattributed first paragraphs of a multi-paragraph quote its later speaker: a
    paragraph left open (no closing mark), as newspapers continue a quote; a closed quote
    before someone else's ("“The amount I get is nearly $1.1 million. …”" after "According to
    Peter Keating at Vanity Fair", then "“We always hear …,” explained … Boehner") is not."""
    result = list(quotes)
    for i in range(len(result) - 2, -1, -1):
        quote, following = result[i], result[i + 1]
        if (
            quote.speaker_text is None
            and quote.cue_start is None  # a question's words have their cue ("asked")
            and not quote.text.rstrip().endswith(_CLOSERS)  # closed: not continued
            and following.kind == "direct"
            and following.speaker_text is not None
            and not text[quote.end : following.start].strip()
        ):
            result[i] = replace(quote, **{name: getattr(following, name) for name in _ATTRIBUTION})
    return result


@QUOTES.register("rules", version=f"v17-names.{first_names_digest()}")
def extract_quotes(doc: Doc, context: Context, mentions: tuple[Mention, ...]) -> tuple[Quote, ...]:
    """Find direct, partial and reported quotes in a parsed article and attribute them."""
    text = context.text
    tokens = Tokens(doc)
    spans = find_quote_spans(text)
    speakers = Speakers(mentions, spans, context.gazetteer, context.text)
    quotes: list[Quote] = []
    previous: tuple[int, Who] | None = None
    previous_end = 0
    paragraph_starts = [0, *(m.end() for m in re.finditer(r"\n+", text))]
    for start, end in spans:
        paragraph = paragraph_starts[bisect_right(paragraph_starts, start) - 1]
        lead_from = max(paragraph, previous_end)
        lead_start = _clause_start(text, lead_from, start)
        line_end = text.find("\n", end)
        tail_end = _sentence_end(text, end, len(text) if line_end < 0 else line_end)
        closing = text[max(start, end - 3) : end]
        trailing = _trailing(tokens, speakers, end, tail_end)
        leading = _leading(tokens, speakers, lead_start, start)
        lead = text[lead_start:start].strip()
        standalone = not lead
        # "But “…,” he said" opens a sentence; "X had “more work to do,” noting …" does not.
        opening = standalone or len(lead.split()) <= 2 or lead.endswith((":", ","))
        who: Who | None
        if not standalone and _is_title(text[start + 1 : end - 1]):
            previous_end = end  # "told “CBS This Morning”": a title, not a quote
            continue
        if trailing is not None and (standalone or (opening and any(c in closing for c in ",?!—"))):
            kind, who = "direct", trailing
        elif leading is not None:
            kind, who = "direct", leading
        elif standalone:
            kind = "direct"
            who = trailing or _previous_sentence(tokens, speakers, start)
            if who is None and previous is not None and start - previous[0] < 400:
                who = previous[1]
            if trailing is None and _of_the_speaker(tokens, speakers, start, end, who, quotes):
                who = None
        else:
            kind, who = "partial", _governing(tokens, speakers, start, end)
            if who is None:
                previous_end = end
                continue
        quotes.append(_quote(context, text, start, end, kind, who))
        previous_end = end
        if who is not None and who.start is not None:
            previous = (end, who)
    quotes = _continue_speakers(text, quotes)
    reported = [
        _quote(context, text, start, end, "reported", who)
        for start, end, who in find_reported(doc, speakers, spans, text)
    ]
    quotes.extend(reported)
    quotes.sort(key=lambda quote: (quote.start, quote.end))
    logger.debug("%s: %d quotes", context.article_id, len(quotes))
    return tuple(quotes)
