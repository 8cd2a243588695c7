"""What quote extractors share: offset lookups, and turning a cue verb's subject into a speaker.

The speaker is the subject of the cue verb. It becomes the canonical name of the PERSON mention
inside the subject; a pronoun ("he said") becomes the nearest PERSON mentioned before it; an
organisation subject ("the Pentagon said") or a country the gazetteer knows ("Russia said") is
kept; anything else ("a senior officer in …", a city, "they") is an unnamed source: ``speaker``
is None and the words are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from parallax.model import Mention
from parallax.nlp.gazetteer import Gazetteer
from parallax.nlp.genders import genders
from parallax.nlp.lexicon import LEMMA_FIXES, PRONOUNS, REPORT_CUES, SOURCE_HEADS, SUBJECTS, words
from parallax.nlp.offsets import Tokens, content_bounds
from parallax.nlp.role_subjects import described_person, party_description
from parallax.nlp.subject_names import (
    agent_of,
    bound_subject,
    datelined,
    group_before,
    labels_a_line,
    last_named,
    modifies_a_noun,
    names_head,
    nearest_referent,
    only_describes,
    relative_antecedent,
    reporting_cue,
    tells_himself,
)

__all__ = [
    "Found",
    "Speakers",
    "Tokens",
    "Who",
    "agent_of",
    "clause_end",
    "content_bounds",
    "could_say",
    "cue_span",
    "lemma_of",
    "phrase",
    "span_end",
    "subject_of",
]


@dataclass(frozen=True, slots=True)
class Who:
    """A speaker found in the text: canonical name (or None), words, and the cue."""

    speaker: str | None
    start: int | None
    end: int | None
    cue_start: int | None
    cue_end: int | None


Found = tuple[int, int, Who]
"""An attribution found in the text: content start, content end, and who said it."""


def lemma_of(token: Token) -> str:
    """Return a token's lowercase lemma, with the model's known slips fixed ("hoped")."""
    return LEMMA_FIXES.get(token.lower_) or token.lemma_.lower()


def span_end(token: Token) -> int:
    return token.idx + len(token)


def subject_of(verb: Token) -> Token | None:
    """Return the subject of a cue verb, climbing through participles and conjuncts.

    Two attachments the parser often gets wrong are read the way news prose means them: a
    participle set off by a comma after a reported clause ("warning that X is mocked, alleging
    that …") belongs to the sentence that reports, not to X; and a participle in a series
    ("…, alleging that Moscow is using …, and demanding …") is a conjunct of the series.
    """
    if (group := group_before(verb)) is not None:
        return group  # "from Democrats praising … to Republicans decrying them"
    current: Token | None = verb
    for _ in range(6):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in SUBJECTS and _can_speak(child) and not labels_a_line(child):
                if verb.head == current and verb.dep_ == "conj" and _reported_thing(current, child):
                    break  # "Democrats say that argument doesn't wash and call …": Democrats
                if current is not verb and _named_before(verb) and not could_say(child):
                    return None  # "those two remedies require … and Justice Ginsburg said"
                if current is not verb and tells_himself(verb, child):
                    return None  # "He … confirmed that Ryan called him and told him to …"
                return child
        if current.head == current:
            return None
        if current.dep_ == "acl" and current.tag_ == "VBG" and _can_speak(current.head):
            # "pastors supporting Mr. Cruz": the noun does it; "rejected Moscow's core
            # demands, viewing concessions as …": a thing does not view
            return current.head if could_say(current.head) else None
        if current.dep_ == "conj" and _bare_participle(current):
            current = _series_head(current) or current.head
        elif current.dep_ == "advcl" and _bare_participle(current) and _after_comma(current):
            current = _reporting_verb(current.head)
        elif current.dep_ in {"advcl", "xcomp", "conj", "acl", "ccomp"}:
            current = current.head
        elif current.dep_ == "pcomp":
            current = current.head.head
        else:
            return None
    return None


def _reported_thing(clause: Token, subject: Token) -> bool:
    """Whether a clause another verb reports has a subject that cannot say anything."""
    return clause.dep_ == "ccomp" and not could_say(subject)


def _bare_participle(token: Token) -> bool:
    """Whether a token is a participle ("alleging") with no auxiliary of its own."""
    return token.tag_ == "VBG" and not any(c.dep_ in {"aux", "auxpass"} for c in token.children)


def _after_comma(token: Token) -> bool:
    """A comma just before, or before a closing mark (`… gone unanswered," adding …`)."""
    before = token.i - 1 - (token.i > 1 and token.doc[token.i - 1].tag_ == "''")
    return before >= 0 and token.doc[before].text == ","


def clause_end(head: Token) -> Token:
    """The last token of a clause, before a participle that :func:`subject_of` lifts out of it.

    "that the president is mocked, alleging that …": the reported clause ends at "mocked".
    """
    last = head.right_edge
    for token in head.subtree:
        if token.i <= head.i or token.i > last.i:
            continue
        lifted = (token.dep_ == "advcl" and _bare_participle(token) and _after_comma(token)) or (
            token.dep_ == "conj"
            and _bare_participle(token)
            and _series_head(token) is not None
            and not _bare_participle(token.head)
        )
        if lifted:
            last = token.doc[token.left_edge.i - 1]
    while last.i > head.i and (last.is_punct or last.dep_ == "cc"):
        last = last.doc[last.i - 1]
    return last


def _series_head(token: Token) -> Token | None:
    """The first bare participle above a conjunct participle, when its own head is not one."""
    head = token.head
    if _bare_participle(head):
        return head
    ancestor = head.head
    for _ in range(4):
        if _bare_participle(ancestor) and ancestor.dep_ in {"advcl", "pcomp", "conj", "acl"}:
            return ancestor
        if ancestor.head == ancestor:
            return None
        ancestor = ancestor.head
    return None


def _reporting_verb(head: Token) -> Token:
    """The verb that reports a clause (``head``), or ``head`` when nothing reports it."""
    current = head
    while current.dep_ == "ccomp" and current.head != current:
        current = current.head
    return current


def _named_before(verb: Token) -> bool:
    """Whether a person's name is right before a cue verb ("… and Justice Ginsburg said")."""
    return verb.i > 0 and verb.doc[verb.i - 1].ent_type_ == "PERSON"


def _can_speak(token: Token) -> bool:
    """Not a time ("9:30 p.m. says"), a number or a dateline; a share ("61 percent say") can."""
    if token.ent_type_ in {"DATE", "TIME"}:
        return False
    if token.like_num and not any(child.dep_ == "prep" for child in token.children):
        return False
    dateline = token.ent_type_ == "GPE" or (token.is_sent_start and datelined(token))
    return not (token.is_upper and len(token) > 3 and dateline)  # "AMHERST, N.H. — Gov. …"


_NOT_SOURCES = words(
    "it its this that these those there what which something nothing everything anything"
)


def could_say(subject: Token) -> bool:
    """Whether a subject can be a source: a name, a person, a group or a document.

    "The crisis has seen …" and "the move signals …" are not attributions; "officials said",
    "a poll found", "half of voters say" and "he believes" are.
    """
    if subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or subject.pos_ == "PROPN":
        return True
    if subject.text[:1].isupper() and not subject.is_sent_start:
        return True  # a name the model tagged as a noun ("Sanders")
    verb = subject.head
    if subject.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl" and verb.head != verb:
        return could_say(verb.head)  # "a group that endorsed …"
    if subject.pos_ == "PRON":
        return subject.lower_ not in _NOT_SOURCES
    return lemma_of(subject) in SOURCE_HEADS or (
        subject.like_num and any(child.dep_ == "prep" for child in subject.children)
    )


def phrase(token: Token, lo: int, hi: int) -> tuple[int, int]:
    """Return the character range of the phrase headed by ``token``, kept inside ``[lo, hi)``."""
    first, last = token.left_edge.i, token.right_edge.i
    for child in token.rights:
        if child.dep_ in {"relcl", "acl"}:
            last = min(last, child.left_edge.i - 1)
    doc = token.doc
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    start, end = max(doc[first].idx, lo), min(span_end(doc[last]), hi)
    return (start, end) if start < end else (token.idx, span_end(token))


def cue_span(verb: Token) -> tuple[int, int]:
    """Return the character range of a cue: the verb with its auxiliaries and particle."""
    first, last = verb.i, verb.i
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass", "neg"} and child.i == first - 1:
            first = child.i
        elif child.dep_ in {"prt", "acomp"} and child.i == last + 1:
            last = child.i
    return verb.doc[first].idx, span_end(verb.doc[last])


def _can_be_source(mention: Mention, gazetteer: Gazetteer | None) -> bool:
    """Whether a named subject is a speaker: an organisation, a group, or a state.

    A place speaks only as its state's government ("Russia said"): a country the gazetteer
    knows (it has demonyms). A city or a region ("Denver", "Nebraska") is a place, never a
    speaker; its quote keeps its words as an unnamed source's."""
    if mention.label in {"ORG", "NORP"}:
        return True
    if mention.label != "GPE" or gazetteer is None:
        return False
    known = gazetteer.lookup(mention.entity, "GPE")
    return known is not None and bool(known.demonyms)


_POSSESSIVES = ("'s", "’s", "' ", "’ ")


class Speakers:
    """Turns a subject token into a speaker, using the article's mentions."""

    def __init__(
        self,
        mentions: tuple[Mention, ...],
        quote_spans: list[tuple[int, int]],
        gazetteer: Gazetteer | None = None,
        text: str = "",
    ) -> None:
        self.people = [m for m in mentions if m.label == "PERSON"]
        # Names that own the next noun ("Grimm's first campaign"): no antecedent of "he".
        self.owners = {
            (m.start, m.end) for m in self.people if text.startswith(_POSSESSIVES, m.end)
        }
        self.named = [m for m in mentions if _can_be_source(m, gazetteer)]
        self.quotes = quote_spans
        self.text = text
        self.genders = genders(mentions, gazetteer, text)

    def _comma(self, mention: Mention) -> bool:
        return self.text.startswith(",", mention.end)

    def _in_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quotes)

    def resolve(self, head: Token, start: int, end: int) -> str | None:
        """Return the canonical speaker for the subject ``head`` spanning ``[start, end)``: for a
        pronoun, the nearest person before it whose gender (where known) agrees, but see
        :func:`bound_subject`."""
        if (antecedent := relative_antecedent(head)) is not None:  # "a group, which said"
            return self.resolve(*antecedent) if could_say(antecedent[0]) else None
        if head.lower_ in PRONOUNS:
            return (
                self.reporter(head)
                or self.subject_before(head)
                or bound_subject(head, self.people, self.genders)
                or self.refers_to(head.lower_, start, doc=head.doc)
            )
        inside = [
            m
            for m in self.people
            if start <= m.start and m.end <= end and not self._in_quote(m.start)
        ]
        if inside:
            # "Sestak's opponent, Republican Pat Toomey, questioned …": the name of the subject
            # itself or of its appositive, else the first name that owns nothing, not the owner
            # named first ("the statement from Grimm's attorney, William McGinley").
            # "Obama campaign aide Robert Gibbs", "aides to Mr. Romney": a name that only
            # describes the subject is not who speaks (nlp/subject_names.py).
            # "the Log Cabin Republicans, a gay men and lesbian group": the group the head
            # names before an appositive, not the model's person "lesbian group".
            at_head = [m for m in self.named if m.start <= head.idx < m.end and self._comma(m)]
            named = [m for m in inside if names_head(head, m)] or at_head
            named.sort(key=lambda m: not m.start <= head.idx < m.end)  # not "Charlotte Mayor"
            kept = [m for m in inside if not only_describes(head, m)]
            owners = [m for m in kept if (m.start, m.end) in self.owners]
            others = [m for m in kept if m not in owners]
            if named or others or owners:
                return (named or others or owners)[0].entity
        if party_description(head) is not None:
            # "The Arizona Republican said": a person the article describes so, or nobody
            # named; never "Republican" (nlp/role_subjects.py).
            speaking = [
                m
                for m in self.people
                if not self._in_quote(m.start) and (m.start, m.end) not in self.owners
            ]
            person = described_person(head, start, end, speaking, self.text)
            return person.entity if person else None
        for mention in self.named:
            if mention.start <= head.idx < mention.end:
                return mention.entity
        return None

    def reporter(self, pronoun: Token) -> str | None:
        """ "Santorum said that when he used the word … he was referring …": a subject "he"
        or "she" in the clause a cue reports is the cue's speaker, if a person of that gender."""
        cue = reporting_cue(pronoun, REPORT_CUES)
        subject = subject_of(cue) if cue is not None else None
        wanted = PRONOUNS[pronoun.lower_]
        if subject is None or PRONOUNS.get(subject.lower_, wanted) != wanted:
            return None
        person = self.resolve(subject, *phrase(subject, 0, len(self.text)))
        if person not in {m.entity for m in self.people} or self._in_quote(subject.idx):
            return None
        return person if person and self.genders.get(person, wanted) == wanted else None

    def subject_before(self, pronoun: Token, depth: int = 3) -> str | None:
        """A subject "he"/"she" with no person before it in its sentence is the main subject of
        the sentence before (past quoted ones), named in full or a pronoun (``depth`` back), if
        the gender agrees: "Cowan said Patrick offered him the job …. He said …" is Cowan."""
        sentence, doc = pronoun.sent, pronoun.doc
        # "Lynch holds … than Markey; he opposes …": a clause before a semicolon is a sentence.
        semi = next((t for t in reversed(doc[sentence.start : pronoun.i]) if t.text == ";"), None)
        if depth == 0 or pronoun.dep_ not in {"nsubj", "nsubjpass"} or sentence.start == 0:
            return None
        # Not "Romney" in "Amplifying the Romney campaign message, he said Obama's heavy …".
        first, owners = (semi or sentence[0]).idx, self.owners
        named = [m for m in self.people if first <= m.start < pronoun.idx]
        named = [m for m in named if (m.start, m.end) not in owners and not self._in_quote(m.start)]
        if any(not modifies_a_noun(doc, m) for m in named):
            return None  # "Patrick asked Cowan …; he said": a name of its own sentence is nearer
        previous = sentence
        for _ in range(0 if semi else 4):  # past quoted sentences: "“… . Obama is …,” he said"
            words = [t for t in doc[max(0, previous.start - 5) : previous.start] if not t.is_space]
            if not words:
                return None
            previous = words[-1].sent
            lead = self._lead_in(previous)  # "Biden was quick to retort: "With all due …""
            if not self._in_quote(previous.root.idx) or lead is not None:
                break
        tops = [t for t in doc[sentence.start : semi.i] if t.head.i >= semi.i] if semi else []
        root = next((t for t in tops if t.pos_ in {"VERB", "AUX"}), None) if semi else previous.root
        root = lead.head if not semi and lead is not None else root
        subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}] if root else []
        if not subjects or self._in_quote(subjects[0].idx):
            return None
        subject, wanted = subjects[0], PRONOUNS[pronoun.lower_]
        if subject.lower_ in PRONOUNS:
            same = PRONOUNS[subject.lower_] == wanted
            person = self.subject_before(subject, depth - 1) if same else None
        else:  # the full name the head is in ("… spokesman Jason Miller"; not NER's "Draft")
            named = [m for m in self.people if m.start <= subject.idx < m.end]
            person = named[0].entity if named and " " in named[0].entity else None
        return person if person and self.genders.get(person, wanted) == wanted else None

    def _lead_in(self, sentence: Span) -> Token | None:
        """The subject of the words that lead into a quote a sentence's root is in ("Biden was
        quick to retort: "…""), or None when the root is outside quotes or there are none."""
        subjects = [t for t in sentence if t.dep_ in {"nsubj", "nsubjpass"}]
        outside = [t for t in subjects if not (self._in_quote(t.idx) or self._in_quote(t.head.idx))]
        return outside[0] if outside and self._in_quote(sentence.root.idx) else None

    def refers_to(
        self, pronoun: str, start: int, besides: str | None = None, doc: Doc | None = None
    ) -> str | None:
        """The person a pronoun ("he", "she") at ``start`` stands for: the nearest person before
        it, outside quotes, whose gender (where known) agrees, other than ``besides`` ("Crowley
        asked her"); with the ``doc``, see :func:`nearest_referent`."""
        wanted = PRONOUNS[pronoun]
        before = [
            m
            for m in self.people
            if m.end <= start
            and m.entity != besides
            and not self._in_quote(m.start)
            and (m.start, m.end) not in self.owners
            and self.genders.get(m.entity, wanted) == wanted
        ]
        return nearest_referent(before, doc, start, wanted)

    def others_near(self, before: int, speaker: str, window: int = 400) -> bool:
        """Whether a person other than ``speaker`` is named (inside quotes or not) in the
        ``window`` characters before an offset."""
        return any(
            m.entity != speaker and before - window <= m.start and m.end <= before
            for m in self.people
        )

    def nearest(self, before: int, window: int = 250, doc: Doc | None = None) -> Mention | None:
        """Return the last PERSON mentioned (outside quotes) in the ``window`` before an offset
        (with the ``doc``, not a name inside a person's appositive: :func:`last_named`)."""
        found = [
            m
            for m in self.people
            if before - window <= m.start
            and m.end <= before
            and not self._in_quote(m.start)
            and (m.start, m.end) not in self.owners
        ]
        return last_named(found, doc)

    def who(self, verb: Token, subject: Token | None, lo: int, hi: int) -> Who:
        """Return the speaker of a cue verb: its subject, or else the person named just before."""
        cue_start, cue_end = cue_span(verb)
        if subject is None:
            person = self.nearest(verb.idx, doc=verb.doc)
            if person is None:
                return Who(None, None, None, cue_start, cue_end)
            return Who(person.entity, person.start, person.end, cue_start, cue_end)
        start, end = phrase(subject, lo, hi)
        return Who(self.resolve(subject, start, end), start, end, cue_start, cue_end)
