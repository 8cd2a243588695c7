"""Quotes in Russian and Ukrainian, with their speakers, by rules over a parsed article.

Both languages write quotes alike, so one set of rules serves them:

- *direct* speech in «…», „…“, “…” or straight "…" (an inner quote stays inside the outer one;
  a paragraph with an odd number of straight marks has none) with a speech verb next to it:
  ``«…», — заявил Зеленский``, ``"…", заявил Зеленский`` (no dash: the verb right after the
  comma), ``Зеленский заявил: «…»``, or ``По словам X, «…»`` (the quote right after the
  comma);
- *direct* speech introduced by a dash at the start of a paragraph:
  ``— Мы не отступим, — сказал он. — Это наша земля.`` (each stretch of speech is a quote);
- *reported* speech: a speech verb followed by "что"/"що" (``Кулеба заявил, что …``,
  ``Кулеба заявив, що …``), or a sentence opened by "по словам X" / "за словами X" /
  "как сообщил X" / "як повідомив X".

A quote in marks with no speech verb next to it is a title or a scare quote and is skipped. The
speaker is the person (else the organisation) the parse makes the subject of the speech verb,
else the one named nearest to it in the attribution; a pronoun ("он", "вона") is the previous
quote's speaker, else the last person named before. A person is a speaker only where the verb
or pronoun agrees in gender and number (:mod:`parallax.nlp.agreement_slavic`): "Она заявила"
is never the man named last, and "они говорят", "заявили" never one person. Speakers are the
mentions' canonical names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parallax.model import Mention, Quote
from parallax.nlp.agreement_slavic import Form, name_gender, pronoun_form, verb_form
from parallax.nlp.parsed import Parsed

__all__ = ["CUE", "EXTRACTOR", "find_quotes", "quote_marks"]

#: v3: "— пояснили в авиакомпании": the organisation a common noun after an impersonal verb
#: names (:meth:`_Speakers._house`).
EXTRACTOR = "parallax.quotes.slavic.v3"

#: Speech verbs, as written, in both languages ("заявил", "заявила", "заявив", "повідомив").
CUE = re.compile(
    r"\b(?:заяв(?:ил|ила|или|ляет|ляют|ив|ляє|ляють)|сказа(?:л|ла|ли|в)|"
    r"сообщ(?:ил|ила|или|ает|ают)|повідом(?:ив|ила|или|ляє|ляють)|"
    r"отмети(?:л|ла|ли)|отмечает|зазнач(?:ив|ила|или|ає|ають)|подчеркну(?:л|ла|ли)|"
    r"підкресли(?:в|ла|ли)|наголоси(?:в|ла|ли)|наголошує|добави(?:л|ла|ли)|дода(?:в|ла|ли)|"
    r"поясни(?:л|ла|ли|в)|рассказа(?:л|ла|ли)|розпові(?:в|ла|ли)|написа(?:л|ла|ли|в)|"
    r"уточни(?:л|ла|ли|в)|ответи(?:л|ла|ли)|відпові(?:в|ла|ли)|напомни(?:л|ла|ли)|"
    r"нагада(?:в|ла|ли)|призна(?:л|ла|ли)|визна(?:в|ла|ли)|предупреди(?:л|ла|ли)|"
    r"попереди(?:в|ла|ли)|говорит|говорят|каже|кажуть|утверждает|стверджу(?:є|ють)|"
    r"пообеща(?:л|ла|ли)|пообіця(?:в|ла|ли)|объяви(?:л|ла|ли)|оголоси(?:в|ла|ли))\b",
    re.IGNORECASE,
)
# "По словам X, …": the speaker is named between the phrase and the comma.
_ACCORDING = re.compile(
    r"\b(?:по\s+словам|за\s+словами|по\s+мнению|по\s+данным|за\s+даними|"
    r"как\s+(?:заявил|сообщил|сказал|отметил)\w*|як\s+(?:заяви|повідоми|сказа|зазначи)\w*)"
    r"\s+([^,]{2,120}?),\s*",
    re.IGNORECASE,
)
_THAT = re.compile(r",\s*(?:что|що|будто|мовляв)\s+", re.IGNORECASE)
_DASH = re.compile(r"\s*[—–]\s+")
# "в компании", "у міністерстві": an organisation named by a common noun, with the stem that
# its own name shares when it has one ("в центре" is the "Федеральный центр …" named before;
# a ministry's name opens with мин-/мін- or is an abbreviation in М: МИД, МОЗ, МЗС).
_HOUSE = re.compile(
    r"(?<!\w)(?:в|во|у)\s+(?:(?:пресс-службе|прес-службі)\s+)?(?P<noun>"
    r"(?:авиа)?компании|(?:авіа)?компанії|министерстве|міністерстві|ведомстве|відомстві|"
    r"центре|центрі|организации|організації|ассоциации|асоціації|агентстве|агентстві|"
    r"профсоюзе|профспілці)(?=[\s.,;!?]|$)",
    re.IGNORECASE,
)
_HOUSE_NAMES = {
    "центр": re.compile(r"центр", re.IGNORECASE),
    "минист": re.compile(r"^(?:мин|мін|м[а-яіїє]{1,3}$)", re.IGNORECASE),
    "мініст": re.compile(r"^(?:мин|мін|м[а-яіїє]{1,3}$)", re.IGNORECASE),
    "организ": re.compile(r"организ", re.IGNORECASE),
    "організ": re.compile(r"організ", re.IGNORECASE),
    "ассоциа": re.compile(r"ассоциа", re.IGNORECASE),
    "асоціа": re.compile(r"асоціа", re.IGNORECASE),
}
_OPEN = {"«": "»", "„": "“”", "“": "”", '"': '"'}


def _nested_low(char: str, stack: list[tuple[str, int]]) -> bool:
    """A „ inside a „ quote is no new quote (it is read as closing nothing)."""
    return char == "„" and bool(stack) and stack[-1][0] == "„"


def _opening(text: str, i: int, paragraph: re.Match[str]) -> bool:
    """Whether a straight mark inside a straight quote opens a quote within it: a space (or an
    opening mark or dash) before it and a word right after ('… И "Вектор" приступит …'),
    so that '"… еще один "год пандемии" в 2021-м", - сказал' is one quote, not three pieces."""
    if text[i] != '"':
        return False
    before = text[i - 1] if i > paragraph.start() else " "
    after = text[i + 1] if i + 1 < paragraph.end() else " "
    return (before.isspace() or before in "(«„“—–-") and (after.isalnum() or after in "«„“")


def quote_marks(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each outermost quote in «…», „…“, “…” or "…", marks included,
    within a paragraph; an inner quote of any kind stays inside its outer one. Straight marks
    count only in a paragraph that has an even number of them (they cannot be paired else)."""
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        straight = paragraph.group().count('"') % 2 == 0
        stack: list[tuple[str, int]] = []
        for i in range(paragraph.start(), paragraph.end()):
            char = text[i]
            if stack and char in _OPEN[stack[-1][0]] and not _opening(text, i, paragraph):
                _, start = stack.pop()
                if not stack and any(c.isalnum() for c in text[start:i]):
                    spans.append((start, i + 1))
            elif char in _OPEN and (char != '"' or straight) and not _nested_low(char, stack):
                stack.append((char, i))
    return spans


class _Speakers:
    """Finds who said something, remembering the last speaker for pronouns."""

    def __init__(self, parsed: Parsed, mentions: Sequence[Mention]) -> None:
        self.parsed = parsed
        self.mentions = [m for m in mentions if m.label in {"PERSON", "ORG"}]
        self.said: list[tuple[int, Mention]] = []  # each speaker found, at its attribution
        self.genders: dict[str, Form] = {}  # what the verbs said of names that do not say it

    def _subject(self, cue_start: int) -> tuple[int, int] | None:
        """The span of the cue verb's subject in the parse, if the parse has one."""
        tokens = self.parsed.tokens
        verbs = [i for i, t in enumerate(tokens) if t.start == cue_start]
        if not verbs:
            return None
        subjects = [i for i, t in enumerate(tokens) if t.head == verbs[0] and t.rel == "nsubj"]
        if not subjects:
            return None
        inside, grew = {subjects[0]}, True
        while grew:  # the subject's subtree ("министр иностранных дел Дмитрий Кулеба")
            more = {i for i, t in enumerate(tokens) if t.head in inside and i != verbs[0]}
            grew = not more <= inside
            inside |= more
        return min(tokens[i].start for i in inside), max(tokens[i].end for i in inside)

    def _agrees(self, mention: Mention, form: Form | None) -> bool:
        """Whether ``mention`` can be the subject of a verb or pronoun of ``form``."""
        if form is None or mention.label != "PERSON":
            return True
        gender = self.genders.get(mention.entity) or name_gender(mention.entity)
        return form != "pl" and gender in {None, form}

    def find(self, start: int, end: int, cue: re.Match[str] | None) -> Mention | None:
        """The speaker named in ``[start, end)`` (the attribution), near the cue."""
        form = verb_form(cue.group(), self.parsed.text) if cue else None
        subject = self._subject(cue.start()) if cue else None
        if subject is not None:
            named = [m for m in self.mentions if subject[0] <= m.start and m.end <= subject[1]]
            named = [m for m in named if self._agrees(m, form)]
            if named:
                return self._said(min(named, key=lambda m: m.label != "PERSON"), form, start)
            pronoun = pronoun_form(self.parsed.text[subject[0] : subject[1]])
            if pronoun is not None:
                return self._pronoun(start, form or pronoun)
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        inside = [m for m in inside if self._agrees(m, form) and not self._venue(m, form)]
        if inside:
            at = cue.start() if cue else start
            chosen = min(inside, key=lambda m: (m.label != "PERSON", abs(m.start - at)))
            return self._said(chosen, form, start)
        if form == "pl" and (house := self._house(start, end)) is not None:
            return self._said(house, form, start)
        words = [pronoun_form(w) for w in re.findall(r"\w+", self.parsed.text[start:end])]
        pronoun = next((w for w in words if w is not None), None)
        return self._pronoun(start, form or pronoun) if pronoun is not None else None

    def _house(self, start: int, end: int) -> Mention | None:
        """The organisation that "в компании", "у міністерстві" is in an attribution with an
        impersonal plural verb ("…», — пояснили в авиакомпании"): of the organisations named
        before, the last whose name shares the noun's stem (a "центр" for "в центре", a ministry
        for "в министерстве"), else, for a company and the like, the one named most often (the
        article's company: Ryanair, not the Sky News it quoted once), the later on a tie."""
        house = _HOUSE.search(self.parsed.text, start, end)
        if house is None:
            return None
        before = [m for m in self.mentions if m.label == "ORG" and m.end <= house.start()]
        noun = house.group("noun").lower()
        stem = next((k for k in _HOUSE_NAMES if noun.startswith(k)), None)
        if stem is not None:
            named = [m for m in before if _HOUSE_NAMES[stem].search(m.entity)]
            return named[-1] if named else None
        counts = {m.entity: sum(n.entity == m.entity for n in before) for m in before}
        ranked = [(counts[m.entity], i, m) for i, m in enumerate(before)]
        return max(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None

    def _venue(self, mention: Mention, form: Form | None) -> bool:
        """Whether an organisation is where one person's words appeared, not who said them:
        "написала на своей странице в Facebook инфекционист" (after в, во, на, у, через, with a
        verb of one man or woman; "заявили в РФПИ", impersonal, is the fund speaking)."""
        if form not in {"m", "f"}:
            return False
        before = self.parsed.text[max(0, mention.start - 40) : mention.start]
        return (
            mention.label == "ORG"
            and re.search(r"(?:^|\s)(?:в|во|на|у|через)\s+(?:\w+\s+){0,2}$", before, re.IGNORECASE)
            is not None
        )

    def _pronoun(self, before: int, form: Form) -> Mention | None:
        """Who a pronoun of ``form`` at ``before`` is: the speaker of the quote before it in the
        text if a person, else the last person named before it, else that speaker (an
        organisation), that agrees with it; several people ("они") are no one named. (Direct
        quotes are found before reported ones: the speaker "before" is the one before in the
        text, not the one found last.)"""
        if form == "pl":
            return None
        said = [(at, m) for at, m in self.said if at < before]
        last = max(said, key=lambda pair: pair[0])[1] if said else None
        if last is not None and last.label == "PERSON" and self._agrees(last, form):
            return last
        # "…", — сказал глава МОЗ. Він також наголосив": "він" is a person, the man named
        # before (Степанов), not the ministry the attribution named.
        people = [m for m in self.mentions if m.label == "PERSON" and m.end <= before]
        person = next((m for m in reversed(people) if self._agrees(m, form)), None)
        return person or (last if last is not None and self._agrees(last, form) else None)

    def _said(self, mention: Mention, form: Form | None, at: int) -> Mention:
        if form in {"m", "f"} and mention.label == "PERSON" and name_gender(mention.entity) is None:
            self.genders.setdefault(mention.entity, form)
        self.said.append((at, mention))
        return mention


def _quote(
    article_id: str, text: str, span: tuple[int, int], kind: str,
    who: Mention | None, cue: re.Match[str] | None,
) -> Quote:  # fmt: skip
    start, end = span
    return Quote(
        article_id, start, end, text[start:end], kind, EXTRACTOR,
        speaker=who.entity if who else None, speaker_text=who.text if who else None,
        speaker_start=who.start if who else None, speaker_end=who.end if who else None,
        cue=cue.group() if cue else None, cue_start=cue.start() if cue else None,
        cue_end=cue.end() if cue else None,
    )  # fmt: skip


def _opens(text: str, sentence_start: int, start: int) -> bool:
    """Whether a quote at ``start`` opens its sentence (nothing but spaces or a dash before it,
    or a sentence end the segmenter missed: 'безвредная."В отличие …", — отмечает'), or follows
    a colon with no speech verb before it: only such a quote is the speech a following
    "— заявил X" attributes. Marks inside a sentence hold a name or a term ('вакцины "Спутник V"
    — 92 процента, заявили …'); after "Тутерте тоже пообещал …: "…", - заявил он" the verb
    before the colon names the speaker."""
    before = text[sentence_start:start].strip(" \t\n—–-")
    if not before or before[-1] in ".!?…":
        return True
    return before[-1] == ":" and CUE.search(before) is None


def _marked(article_id: str, parsed: Parsed, speakers: _Speakers) -> list[Quote]:
    """Direct quotes in «…» and „…“ with a speech verb after a dash, or before a colon, or
    "по словам X" before them in their sentence."""
    text, found = parsed.text, []
    for start, end in quote_marks(text):
        sentence = parsed.sentence_at(start)
        after_end = parsed.sentence_at(end - 1)[1]
        after = re.match(r"[,.!?…]?\s*[—–-]\s*|,\s+(?=" + CUE.pattern + ")",
                         text[end:after_end], re.IGNORECASE)  # fmt: skip
        cue = CUE.search(text, end + after.end(), after_end) if after else None
        if not _opens(text, sentence[0], start):
            cue = None  # 'вакцины "Спутник V" — 92 процента, заявили': a name in marks
        if cue is not None and cue.start() - end < 40:
            who = speakers.find(end, after_end, cue)
        else:
            before = text[sentence[0] : start]
            colon = re.search(r":\s*$", before)
            cue = CUE.search(text, sentence[0], start) if colon else None
            according = _ACCORDING.search(before)
            if according is not None and according.end() < len(before):
                according = None  # "По словам X, компания «Y» …": a name in marks, no quote
            if cue is not None:
                who = speakers.find(sentence[0], start, cue)
            elif according is not None:
                who = speakers.find(
                    sentence[0] + according.start(1), sentence[0] + according.end(1), None
                )
            else:
                continue  # a title or a scare quote
        found.append(_quote(article_id, text, (start, end), "direct", who, cue))
    return found


def _dashed(article_id: str, parsed: Parsed, speakers: _Speakers) -> list[Quote]:
    """Direct speech in paragraphs that open with a dash, split by the author's words."""
    text, found = parsed.text, []
    for paragraph in re.finditer(r"(?m)^[ \t]*[—–]\s+[^\n]+", text):
        pieces = [(m.end(), 0) for m in _DASH.finditer(text, paragraph.start(), paragraph.end())]
        bounds = [(a, (pieces[i + 1][0] if i + 1 < len(pieces) else paragraph.end()))
                  for i, (a, _) in enumerate(pieces)]  # fmt: skip
        speech = bounds[0::2]
        authors = bounds[1::2]
        who, cue = None, None
        for start, end in authors:
            if (cue := CUE.search(text, start, end)) is not None:
                who = speakers.find(start, end, cue)
                break
        if cue is None:
            continue  # a list or a heading set with dashes, not speech
        for start, end in speech:
            piece = text[start:end]
            stripped = piece.rstrip().rstrip("—–").rstrip()
            stripped = stripped.rstrip(",")
            if any(c.isalnum() for c in stripped):
                found.append(
                    _quote(article_id, text, (start, start + len(stripped)), "direct", who, cue)
                )
    return found


def _reported(
    article_id: str, parsed: Parsed, speakers: _Speakers, taken: list[Quote]
) -> list[Quote]:
    """Reported speech: "X заявил, что …" and "По словам X, …"."""
    text, found = parsed.text, []
    for start, end in parsed.sentences:
        body = text[start:end].rstrip().rstrip(".!…")
        stop = start + len(body)
        if any(q.start < stop and start < q.end for q in taken):
            continue
        that = _THAT.search(text, start, stop)
        cue = CUE.search(text, start, that.start()) if that else None
        if that is not None and cue is not None and that.start() - cue.end() < 80:
            who = speakers.find(start, that.start(), cue)
            found.append(_quote(article_id, text, (that.end(), stop), "reported", who, cue))
            continue
        according = _ACCORDING.match(text, start)
        if according is not None:
            who = speakers.find(according.start(1), according.end(1), None)
            found.append(_quote(article_id, text, (according.end(), stop), "reported", who, None))
    return found


def find_quotes(article_id: str, parsed: Parsed, mentions: Sequence[Mention]) -> tuple[Quote, ...]:
    """Find the direct and reported quotes of a parsed Russian or Ukrainian article."""
    speakers = _Speakers(parsed, mentions)
    direct = sorted(_marked(article_id, parsed, speakers) + _dashed(article_id, parsed, speakers),
                    key=lambda q: q.start)  # fmt: skip
    reported = _reported(article_id, parsed, speakers, direct)
    return tuple(sorted(direct + reported, key=lambda q: (q.start, q.end)))
