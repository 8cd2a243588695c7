"""Which names inside a cue's subject say who speaks, and which only describe the speaker.

"Obama campaign aide Robert Gibbs called …" is Gibbs speaking, not Obama; "Aides to Mr.
Romney declined to say …", "A lawyer for Mr. Grimm said …" and "Some members of Pinto's
congregation said …" are someone other than the person named: a name that modifies a common
noun of the subject ("Obama campaign", "Clinton aides"), or sits in the object of one of its
prepositions on a word other than a title, describes the speaker, and so does one that owns
the person the subject is ("the president's budget director told Fox News …"). After a title
("Director of National Intelligence James Clapper", which the parser reads as the title's
object) it names them, and so does a preposition of authorship or membership ("a statement
from Grimm's attorney, William McGinley"; "Russian officials, including Dmitry Medvedev") and
an appositive ("the mayor of Hoboken, Dawn Zimmer"). A name inside another person's
appositive ("Mark Sheridan, a partner with Patton Boggs"; "Huma Abedin, a longtime aide to
Hillary Rodham Clinton") describes that person: it is neither who speaks when the parse gives
a cue no subject, nor whom a "he" stands for.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from parallax.model import Mention
from parallax.nlp.lexicon import words

__all__ = [
    "agent_of",
    "appositive_owner",
    "bound_subject",
    "datelined",
    "gerund_subject",
    "group_before",
    "labels_a_line",
    "last_named",
    "modifies_a_noun",
    "names_head",
    "nearest_referent",
    "no_one",
    "only_describes",
    "participle_head",
    "relative_antecedent",
    "reporting_cue",
    "tells_himself",
    "was_told",
]

_AUTHORSHIP = frozenset({"from", "by", "including", "like", "as"})
# People who speak for the person whose name they carry ("a Ryan spokesman said"); not a
# relative, whose name is their own family's ("the elder Cheney daughter").
_STAFF = words("attorney lawyer counsel spokesman spokeswoman spokesperson aide adviser advisor")
# People a name owns ("the president's budget director", "Grimm's attorney"): the owner names
# whom they work for or belong to, not who speaks.
_OWNED_PEOPLE = _STAFF | words(
    """
    director secretary deputy assistant staffer chief strategist manager wife husband son
    daughter father mother brother sister friend colleague partner
    """
)


def agent_of(verb: Token) -> Token | None:
    """Return the ``by`` agent of a passive cue verb ("accused by the United Nations")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _root(head: Token, mention: Mention) -> Token | None:
    """The token of a mention whose head lies outside it (the name's own head word)."""
    span = head.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def names_head(head: Token, mention: Mention) -> bool:
    """Whether a name is the subject's head or its appositive ("X's lawyer, Reid Weingarten"),
    through names only: "Obama" in "Obama campaign aide Robert Gibbs" modifies "campaign", and
    "Ryan" in "a Ryan spokesman said" modifies the head, a common noun of who speaks for him."""
    for token in head.doc.char_span(mention.start, mention.end, alignment_mode="expand") or ():
        word = token
        while word.dep_ in {"compound", "flat"} and word.head != word:
            if word.head.pos_ == "NOUN" and (word.head != head or head.lemma_ in _STAFF):
                break  # a name on a common noun: "Obama campaign aide …", "a Ryan spokesman"
            word = word.head
        if word == head or (word.dep_ == "appos" and word.head == head):
            return True
    return False


def _along_with(preposition: Token) -> bool:
    before = preposition.doc[preposition.i - 1] if preposition.i else preposition
    return preposition.lower_ == "with" and before.lower_ in {"along", "together"}


def only_describes(head: Token, mention: Mention) -> bool:
    """Whether a name inside a subject only describes its speaker (see the module doc): it
    owns a subject that is a person who works for or belongs to it ("the president's budget
    director told …"), hangs from a common noun of the subject, or from the object of a
    preposition (other than those of authorship or membership) on a word that is no title, on
    its way up to the subject's head."""
    word = _root(head, mention)
    if word is not None and word.dep_ == "poss" and word.head == head:
        return head.lemma_.lower() in _OWNED_PEOPLE  # "the president's budget director told"
    if word is not None and word.dep_ == "appos":
        return False  # "the mayor of Hoboken, Dawn Zimmer, said": the parser hangs it on "Hoboken"
    for _ in range(12):
        if word is None or word == head or word.head == word:
            return False
        if word.dep_ == "pobj":
            preposition = word.head
            if preposition.lower_ in _AUTHORSHIP or _along_with(preposition):
                return False  # "Russian officials, including Dmitry Medvedev"
            if preposition.head.pos_ != "PROPN":
                return True  # not a title: "Director of National Intelligence James Clapper"
        if word.dep_ in {"compound", "nmod", "amod"} and word.head.pos_ == "NOUN":
            return True
        word = word.head
    return False


def _person(subject: Token) -> bool:
    """Whether a subject could be whom a later "he" or "she" stands for: a name."""
    return subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN"


def reporting_cue(pronoun: Token, cues: frozenset[str]) -> Token | None:
    """The cue that reports the clause a subject "he"/"she" belongs to ("Santorum said Sunday
    that when he used the word … he was referring to …"; "Mr. Santorum, saying he was
    referring …"), climbing through adverbial clauses and conjuncts to a clausal complement;
    None when the pronoun's clause is no one's reported words, or a clause on the way has a
    named subject of its own that it could stand for, unless a clause above that one has the
    same pronoun as subject ("Santorum said he wasn't questioning whether Obama is a Christian
    when he referred to …": the second "he" is the first). ``cues`` are the cue lemmas."""
    if pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause, reported, named = pronoun.head, False, False
    for _ in range(5):
        if clause.dep_ == "ccomp":
            reported = True
        elif clause.dep_ not in {"advcl", "conj"}:
            return None
        verb = clause.head
        if verb == clause:
            return None
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if named and any(c.lower_ == pronoun.lower_ for c in subjects):
            named = False  # "he wasn't questioning whether Obama is … when he referred"
        if reported and verb.lemma_.lower() in cues and verb.pos_ == "VERB":
            return None if named else verb
        # "Palmieri said Trump is reduced to … because he cannot …": Trump
        named = named or any(_person(c) for c in subjects)
        clause = verb
    return None


_OBJECTS = {"he": "him", "she": "her"}


def tells_himself(verb: Token, subject: Token) -> bool:
    """Whether a subject "he"/"she" that a conjunct cue only shares through the parse would be
    its own object ("He later confirmed that … Paul Ryan called him and told him to …": the parser
    hangs "told" on "confirmed", but "he told him" is never one person)."""
    wanted = _OBJECTS.get(subject.lower_)
    return (
        wanted is not None
        and verb.dep_ == "conj"
        and any(c.dep_ in {"dobj", "dative"} and c.lower_ == wanted for c in verb.children)
    )


def no_one(subject: Token) -> bool:
    """Whether a subject says that no one did it: "Neither the White House nor Fincher", "No
    official", "nobody": what such a cue reports is what nobody said."""
    return subject.lower_ in {"nobody", "none", "neither"} or any(
        (c.dep_ == "preconj" and c.lower_ == "neither") or (c.dep_ == "det" and c.lower_ == "no")
        for c in subject.children
    )


def participle_head(verb: Token) -> Token:
    """The verb whose subject a participle cue shares ("…, wrote an open letter to Sasha and
    Malia Obama on her Facebook page, saying they should …": "wrote"), so that the person named
    last before a cue with no subject is sought before that verb, not among its objects."""
    while verb.tag_ == "VBG" and verb.dep_ in {"advcl", "conj"} and verb.head.pos_ == "VERB":
        verb = verb.head
    return verb


_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})


def gerund_subject(cue: Token) -> Token | None:
    """The person right before a gerund cue after "of": "video emerged of him warning that …",
    "footage of Obama saying …" (the parser, taking the gerund for a clause, gives it another
    subject or none)."""
    if cue.tag_ != "VBG" or cue.i < 2:
        return None
    doc, first = cue.doc, cue.i - 1
    person = doc[first]
    if person.ent_type_ == "PERSON":
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1  # to the name's first word
    elif person.lower_ not in _OBJECT_PRONOUNS:
        return None
    return person if first > 0 and doc[first - 1].lower_ == "of" else None


def bound_subject(pronoun: Token, people: list[Mention], genders: dict[str, str]) -> str | None:
    """The person a "him"/"her" below the main verb stands for when the sentence's subject is
    a person of that gender: "Mr. Braley apologized to Senator Charles E. Grassley … after video
    emerged of him warning that …" is Braley, not the nearer Grassley. Not the main verb's own
    object ("Obama told him"), which is never its subject."""
    wanted = {"him": "male", "her": "female"}.get(pronoun.lower_)
    root = pronoun.sent.root
    if wanted is None or pronoun.head == root or pronoun.dep_ == "poss":
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < pronoun.i), None)
    named = [m for m in people if subject is not None and m.start <= subject.idx < m.end]
    if not named or genders.get(named[0].entity) != wanted:
        return None
    return named[0].entity


# Cues whose passive subject is who heard the words ("he had been told that …", "she was
# assured …"), not who said them; "He was quoted as saying …" is the speaker.
_TOLD = words("tell ask inform assure reassure warn advise brief notify remind promise")


def was_told(cue: Token, subject: Token) -> bool:
    """Whether a cue's subject is who was told, not who told: "The official said that he and
    other opponents of benefit cuts had been told that AARP's "longstanding position" hadn't
    changed" (the words are AARP's, told to him; the passive names no teller). Not "he's
    asked a law firm to take a "hard look"", where "'s" is "has"."""
    return (
        subject.dep_ == "nsubjpass"
        and subject.head == cue
        and cue.lemma_.lower() in _TOLD
        and not any(
            c.dep_ == "agent" or (c.dep_ == "auxpass" and c.lower_ in {"'s", "’s"})
            for c in cue.children
        )
    )


# Gendered nouns of people other than the names around them ("Jackson's wife"); not roles
# ("the GOP chairman", "the State Department spokeswoman"), which describe a named person.
_KIN = {
    **dict.fromkeys(words("wife widow mother daughter sister woman girlfriend aunt"), "female"),
    **dict.fromkeys(words("husband widower father son brother man boyfriend uncle"), "male"),
}


def _gendered_noun_between(doc: Doc, after: int, at: int, gender: str) -> bool:
    """Whether a kin noun of ``gender`` ("wife", "father") stands between a name that
    ends at ``after`` and a pronoun at ``at``, in the pronoun's sentence."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    sentence = span.sent
    return any(
        after <= t.idx < at and t.pos_ == "NOUN" and _KIN.get(t.lower_) == gender for t in sentence
    )


def nearest_referent(people: list[Mention], doc: Doc | None, at: int, gender: str) -> str | None:
    """The person of ``people`` (those before a pronoun at ``at`` whose gender may agree) that
    the pronoun stands for: the last one, but with the ``doc``, not a name in a person's
    appositive (:func:`last_named`), and nobody named when a common noun of the pronoun's
    gender comes after them in its sentence: "Tom Kirsch, an attorney for Jackson's wife,
    said she has signed a plea agreement" is the wife, not a Jackson named before; and not a
    name that only modifies a noun (:func:`modifies_a_noun`)."""
    for mention in reversed(people):
        if doc is None:
            return mention.entity
        if _gendered_noun_between(doc, mention.end, at, gender):
            return None
        if appositive_owner(doc, mention) is None and not modifies_a_noun(doc, mention):
            return mention.entity
    return None


def modifies_a_noun(doc: Doc, mention: Mention) -> bool:
    """Whether a name only modifies a common noun after it ("the Obama administration, which
    he criticized": the administration is named, not Obama, who is no antecedent of "he")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    head = root.head
    return root.dep_ in {"compound", "nmod"} and head.pos_ == "NOUN" and head.i >= span.end


def datelined(word: Token) -> bool:
    """Whether a word with no entity type opens a dateline: a dash follows it within five
    words, before any verb ("AMHERST, N.H. — Gov. Rick Perry of Texas on Tuesday said …"; not
    a transcript's "CLINTON: …")."""
    if word.ent_type_:
        return False
    for after in word.doc[word.i + 1 : word.i + 6]:
        if after.text in {"—", "–", "--"}:
            return True
        if after.pos_ in {"VERB", "AUX"}:
            return False
    return False


def group_before(cue: Token) -> Token | None:
    """The second end of a "from X doing … to Y doing …" range, which the parser hangs on the
    first participle: "a flurry of responses, from Democrats praising his statements to
    Republicans decrying them" (HuffPost, 2012) is the Republicans decrying, not the Democrats.
    Not "letters to Congress saying …", where the letters say it."""
    first = cue.head
    if cue.tag_ != "VBG" or cue.dep_ not in {"advcl", "conj"} or cue.i == 0:
        return None
    if first.dep_ != "pcomp" or first.head.lower_ != "from":
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in cue.children):
        return None
    noun = cue.doc[cue.i - 1]
    named = noun.ent_type_ in {"NORP", "PERSON", "ORG"} and noun.pos_ == "PROPN"
    to = noun.head.lower_ == "to" and noun.dep_ == "pobj"
    return noun if named and to and noun.i > first.i else None


def labels_a_line(subject: Token) -> bool:
    """Whether a subject is a label a colon sets off at a sentence's start, before the verb's
    named subject: "UPDATE: AARP CEO A. Barry Rand said …" is Rand (the parser gives "said"
    both); a transcript's "CLINTON: I said …" keeps its label, as "I" names no one."""
    doc = subject.doc
    if subject.i + 1 >= len(doc) or doc[subject.i + 1].text != ":" or not subject.is_sent_start:
        return False
    return any(
        c.dep_ == subject.dep_ and c.i > subject.i + 1 and c.pos_ == "PROPN"
        for c in subject.head.children
    )


def relative_antecedent(subject: Token) -> tuple[Token, int, int] | None:
    """The noun a relative pronoun subject stands for, with the character range of its words up
    to it: "… was denounced by the Log Cabin Republicans, a gay men and lesbian group, which said
    it was "wrong …"" is the Log Cabin Republicans; "Sheriff Joe Arpaio …, who unabashedly
    calls himself the "toughest sheriff"" is Arpaio."""
    clause = subject.head
    if subject.lower_ not in {"who", "which", "that"} or clause.dep_ != "relcl":
        return None
    noun = clause.head
    if subject.lower_ == "which" and noun.ent_type_ == "PERSON" and noun.tag_ != "NNPS":
        return None  # "Maggie Gallagher, a founder of the National Organization for Marriage,
        # which opposes …": the parser hangs the clause on the person; "which" is no person
    return noun, noun.left_edge.idx, noun.idx + len(noun)


def last_named(people: list[Mention], doc: Doc | None) -> Mention | None:
    """The last of ``people`` (in text order), or, with the ``doc``, the person an appositive it
    sits in describes (see :func:`appositive_owner`)."""
    if not people:
        return None
    owner = appositive_owner(doc, people[-1]) if doc is not None else None
    return next((m for m in people if owner is not None and m.start <= owner < m.end), people[-1])


def appositive_owner(doc: Doc, mention: Mention) -> int | None:
    """The offset of the person an appositive describes, when a name sits in one of its
    prepositions ("Mark Sheridan, a partner with Patton Boggs, said": Sheridan, not the firm the
    model takes for a person); None when the name is in no such appositive."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    word = span.root if span is not None and len(span) else None
    for _ in range(6):
        if word is None or word.dep_ not in {"pobj", "prep", "compound", "flat", "appos"}:
            return None
        if word.dep_ == "appos":
            return word.head.idx if word.head.ent_type_ == "PERSON" else None
        word = word.head
    return None
