"""Check-worthy claims in Russian and Ukrainian (any stage that gives a :class:`Parsed`).

There is no check-worthiness data in either language, so nothing here is trained on them. Each
sentence gets the features of the English model (:data:`parallax.nlp.claims.FEATURES`) from
what any stage's parse gives, and is scored by the English model's weights
(:func:`parallax.nlp.claims.score`, fitted on CLEF 2019 CheckThat! debates) at the English
news threshold (:data:`~parallax.nlp.claims.NEWS_THRESHOLD`):

- language-neutral: figures written with digits (years inside a time expression left out),
  named entities by label, time expressions, quote attribution (a quote with a speaker over
  the sentence), a finite past-tense predicate (the parse's root, its tense from the
  tagger), questions, length;
- word lists, the same in both languages where they are written alike: speech verbs
  (:data:`parallax.nlp.quotes_slavic.CUE`), sourcing phrases ("по данным", "за даними"),
  negation, modal, first-person and second-person words, money, percent and scale words,
  comparison and evaluative words.

A sentence that talks about the text itself (a demonstrative before a word for it: "этот
текст написали …", "ця стаття …") states nothing about the world and is never a claim.

So a claim is "a sentence that states a checkable fact the way the English model would weigh
it", not a Russian check-worthiness model: honest for dating developments and aligning claims
across languages, unmeasured as a check-worthiness classifier. Each claim keeps its numbers as
:class:`~parallax.model.Quantity` ("около 500 беспилотников" -> 500, "2,5 млрд долларов" ->
2.5e9 USD).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parallax.model import Claim, Mention, Quantity, Quote, TimeExpression
from parallax.nlp.claims import NEWS_THRESHOLD, load_model, score
from parallax.nlp.parsed import Parsed
from parallax.nlp.quotes_slavic import CUE

__all__ = ["EXTRACTOR", "find_claims", "sentence_features"]

EXTRACTOR = "parallax.claims.slavic.v2"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MODALS = _words(
    "должен должна должно должны может могут мог могла могли можно нужно надо следует "
    "повинен повинна повинні мусить мусять може можуть можна треба слід варто "
    "необходимо потрібно"
)
_OPINION = _words(
    "очевидно безусловно несомненно сожалению увы думаю считаю надеюсь верю уверен "
    "ужасно прекрасно позорно абсурдно очевидно вважаю думаю сподіваюся вірю впевнений "
    "жахливо чудово ганебно безглуздо"
)
_FIRST = _words("я меня мне мной мой моя моё мое мои моего моей мені мене мною мій моя моє мої")
_WE = _words("мы нас нам нами наш наша наше наши нашего нашей нашим ми наш наша наше наші")
_YOU = _words(
    "вы вас вам вами ваш ваша ваше ваши вашими вашим ты тебя тебе твой ви вам вами ваш "
    "ваша ваше ваші вашими ти тебе твій"
)
_NEGATION = _words("не ни нет ні немає")
# A sentence about the text itself ("этот текст написали …", "ця стаття не є …"): a
# demonstrative before a word for the text (a legal "статья закона" is not the text).
_ABOUT_THE_TEXT = re.compile(
    r"(?<!\w)(?:этот|эта|это|этой|этого|этом|данный|данная|данного|настоящий|настоящая|цей|ця|це|"
    r"цього|цієї|цьому|цій|даний|дана|даного)\s+(?:текст|материал|публикаци|заметк|матеріал|публікаці|"
    r"допис|(?:стать|статт)\w*+(?!\s+(?:закон|кодекс|ук\b|конститу|договор|угод)))",
    re.IGNORECASE,
)
_SOURCING = re.compile(
    r"\b(?:по\s+(?:данным|словам|информации|сообщению|оценкам)|"
    r"за\s+(?:даними|словами|інформацією|повідомленням|оцінками)|согласно|згідно\s+з)\b",
    re.IGNORECASE,
)
_SCALE_WORDS = (
    r"тыс\.?|тысяч\w*|тис\.?|тисяч\w*|млн\.?|миллион\w*|мільйон\w*|млрд\.?|миллиард\w*|"
    r"мільярд\w*|трлн\.?|триллион\w*|трильйон\w*"
)
_UNIT_WORDS = (
    r"%|процент\w*|відсот\w*|долл\w*|дол\.|долар\w*|рубл\w*|руб\.|гривн\w*|гривень|грн\.?|"
    r"евро|євро"
)
_QUANTITY = re.compile(
    rf"(?<![\w.,])(\d+(?:[ \u00a0]\d{{3}})*(?:[.,]\d+)?)(?!\w)"
    rf"(?:\s?({_SCALE_WORDS})(?!\w))?(?:\s?({_UNIT_WORDS})(?!\w))?",
    re.IGNORECASE,
)
_SCALES = {"тыс": 1e3, "тис": 1e3, "млн": 1e6, "мил": 1e6, "міл": 1e6, "млр": 1e9, "трл": 1e12}
_SCALES_LONG = {"миллиард": 1e9, "мільярд": 1e9, "триллион": 1e12, "трильйон": 1e12}
_UNITS = {
    "%": "percent", "про": "percent", "від": "percent", "дол": "USD", "рубл": "RUB",
    "руб": "RUB", "грив": "UAH", "грн": "UAH", "евр": "EUR", "євр": "EUR",
}  # fmt: skip
_QUANTITY_WORDS = re.compile(
    rf"(?<!\w)(?:{_SCALE_WORDS}|{_UNIT_WORDS}|налог\w*|податк\w*|бюджет\w*|дефицит\w*|"
    r"дефіцит\w*|долг\w*|борг\w*|цен[аыуе]\w*|цін[аиуі]\w*|рекорд\w*|безработиц\w*|"
    r"безробітт\w*|зарплат\w*|вдвое|вдвічі|втрое|втричі)",
    re.IGNORECASE,
)
_MONEY_OR_PERCENT = re.compile(rf"(?<!\w)(?:{_UNIT_WORDS})|[$€₽₴]", re.IGNORECASE)
_COMPARISON = re.compile(
    r"(?<!\w)(?:больше|меньше|более|менее|чем|ніж|більше|менше|найбільш\w*|наибольш\w*|"
    r"наименьш\w*|найменш\w*|крупнейш\w*|наивысш\w*|самы[йхм]\w*|найвищ\w*|"
    r"рекордн\w*|вырос\w*|выросл\w*|зріс|зросл\w*|сократил\w*|скоротил\w*|удвоил\w*|"
    r"подвоїл\w*)",
    re.IGNORECASE,
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "EVENT", "PRODUCT", "FAC", "LOC"})


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    lower = word.lower().rstrip(".")
    for stem, value in _SCALES_LONG.items():
        if lower.startswith(stem):
            return value
    return _SCALES.get(lower[:3], 1.0)


def _unit(word: str | None) -> str | None:
    if not word:
        return None
    lower = word.lower()
    return next((unit for key, unit in _UNITS.items() if lower.startswith(key)), None)


def find_quantities(
    text: str, start: int, end: int, dates: Sequence[TimeExpression] = ()
) -> tuple[Quantity, ...]:
    """Return the figures written with digits in ``text[start:end]``, normalised.

    A figure inside one of the ``dates`` is part of a date, not a quantity. Offsets are into
    ``text``; the value counts a scale word ("2,5 млрд" -> 2.5e9), the unit is a currency
    code or ``percent`` when one follows.
    """
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text, start, end):
        if any(d.start <= match.start() < d.end for d in dates):
            continue
        digits = re.sub(r"[ \u00a0]", "", match.group(1)).replace(",", ".")
        value = float(digits) * _scale(match.group(2))
        found.append(
            Quantity(match.start(), match.end(), match.group(), value, _unit(match.group(3)))
        )
    return tuple(found)


def sentence_features(
    parsed: Parsed,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    dates: Sequence[TimeExpression],
) -> dict[str, float]:
    """Return the English model's features (:data:`parallax.nlp.claims.FEATURES`) of the
    sentence ``[start, end)`` of a parsed Russian or Ukrainian article (see the module's
    documentation for how each is read)."""
    text = parsed.text[start:end]
    indices = parsed.tokens_in(start, end)
    tokens = [parsed.tokens[i] for i in indices if parsed.tokens[i].pos != "PUNCT"]
    lowered = {token.text.lower() for token in tokens}
    labels = [m.label for m in mentions if start <= m.start and m.end <= end]
    inside_dates = [d for d in dates if start <= d.start and d.end <= end]
    attributed = (
        bool(CUE.search(text))
        or bool(_SOURCING.search(text))
        or any(q.start < end and start < q.end and q.speaker_text is not None for q in quotes)
    )
    roots = [parsed.tokens[i] for i in indices if parsed.tokens[i].rel == "root"]
    event = any(root.tense == "Past" for root in roots) or any(
        parsed.tokens[i].tense == "Past"
        and parsed.tokens[i].pos == "AUX"
        and parsed.tokens[parsed.tokens[i].head].rel == "root"
        for i in indices
        if parsed.tokens[i].head >= 0
    )
    return {
        "number": float(bool(find_quantities(parsed.text, start, end, inside_dates))),
        "money_or_percent": float(bool(_MONEY_OR_PERCENT.search(text))),
        "quantity_word": float(bool(_QUANTITY_WORDS.search(text))),
        "comparison": float(bool(_COMPARISON.search(text))),
        "entities": float(min(3, sum(label in _ENTITY_LABELS for label in labels))),
        "person": float("PERSON" in labels),
        "place": float(any(label in _PLACE_LABELS for label in labels)),
        "organisation": float("ORG" in labels),
        "date": float(bool(inside_dates)),
        "attribution": float(attributed),
        "event_verb": float(event),
        "negation": float(bool(lowered & _NEGATION)),
        "question": float(text.rstrip().rstrip("»“\"'").endswith("?")),
        "modal": float(bool(lowered & _MODALS)),
        "opinion": float(bool(lowered & _OPINION)),
        "first_person": float(bool(lowered & _FIRST)),
        "we": float(bool(lowered & _WE)),
        "you": float(bool(lowered & _YOU)),
        "short": float(len(tokens) < 6),
        "length": min(len(tokens), 40) / 40,
    }


def find_claims(
    article_id: str,
    parsed: Parsed,
    mentions: Sequence[Mention],
    quotes: Sequence[Quote],
    dates: Sequence[TimeExpression],
) -> tuple[Claim, ...]:
    """Return the sentences of a parsed article that score at least the news threshold.

    Args:
        article_id: The article the claims belong to.
        parsed: The article as its stage parsed it (sentences, tokens, entities).
        mentions: Its entity mentions (labels as the English pipeline names them).
        quotes: Its quotes with their speakers.
        dates: Its resolved time expressions.
    """
    model = load_model()
    claims: list[Claim] = []
    for first, last in parsed.sentences:
        raw = parsed.text[first:last]
        text = raw.strip()
        if not text:
            continue
        if _ABOUT_THE_TEXT.search(text):
            continue  # it tells of the article, not of the world: no claim
        start = first + len(raw) - len(raw.lstrip())
        end = start + len(text)
        value = score(sentence_features(parsed, start, end, mentions, quotes, dates), model)
        if value < NEWS_THRESHOLD:
            continue
        inside = [d for d in dates if start <= d.start and d.end <= end]
        claims.append(
            Claim(
                article_id, start, end, text, value, EXTRACTOR,
                find_quantities(parsed.text, start, end, inside),
            )
        )  # fmt: skip
    return tuple(claims)
