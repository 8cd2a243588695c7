"""Whether an undated Russian or Ukrainian sentence reports a development.

The English rule (:func:`parallax.stories.developments.reports_development`) asks for an event
word (the packaged ``event_words.txt``) and a verb in the simple past, and no negation. Its
words are English, so no Russian or Ukrainian sentence passed it and only the dated ones ("в
ночь на пятницу …") reached the timeline. The same rule is written here for ru/uk:

- an event word: a word starting with one of the stems of the packaged
  ``event_words_slavic.txt`` (the English list's events in both languages: "приостановил",
  "поставки", "призупинив", "переговорів" …);
- a finite past verb: a lower-case word of five letters or more with the past-tense endings
  (Russian "-л/-ла/-ло/-ли", reflexive "-лся/-лась/-лось/-лись"; in Ukrainian also the
  masculine "-ав/-ив/-ув/-яв/-йшов"), leaving out the nouns that end so and that news
  writes most ("посол", "сигнал", "около", "держав" …; :data:`_NOT_VERBS`). Capitalised words (names
  such as "Лавров", "Київ") never count. Russian has no present perfect, so there is no
  counterpart to the English rule's perfect;
- no negation word ("не", "ни", "нет", "ні", "ніколи", "никогда"), as the English rule
  leaves out any negated sentence.

It is a rule over the sentence's words, not the tagger's tense (the timeline reads claims, not
parses), and is unmeasured: no dated ru/uk timeline data exists here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["SLAVIC", "event_stems", "reports_development_slavic"]

#: Languages read by this rule.
SLAVIC = frozenset({"ru", "uk"})

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)?")
# Russian and Ukrainian past forms in "-л-"; Ukrainian masculine "-в" ("заявив", "пішов").
_PAST_L = re.compile(r"[аеиоуыяюі]л(?:а|о|и|ся|ась|ось|ись|ася|ося|ися)?$")
_PAST_V = re.compile(r"(?:[аиуя]в|йшов)(?:ся)?$")
_NEGATION = frozenset(["не", "ни", "нет", "никогда", "ні", "ніколи", "немає"])
# Lower-case words with a past-tense ending that are no verbs (nouns, adverbs, numerals).
_NOT_VERBS = frozenset(
    " ".join(
        (
            "около посол посла послы послов сигнал сигнала сигналы канал канала каналы",
            "материал материала материалы генерал генерала генералы капитал капитала",
            "персонал персонала финал финала журнал журнала скандал скандала трибунал",
            "трибунала арсенал арсенала потенциал потенциала начало числа число весло",
            "зеркало стекло масло крыло село тело дело мало немало весьма сигнали канали",
            "матеріал матеріалу генерали трибуналу скандалу потенціал журналу персоналу чимало",
            "держав заяв справ прав вплив мотив актив прорив злив обрив школи могили",
        )
    ).split()
)


@lru_cache(maxsize=1)
def event_stems() -> tuple[str, ...]:
    """Return the packaged stems that mark a ru/uk sentence as reporting a development."""
    text = resources.files("parallax.data").joinpath("event_words_slavic.txt").read_text("utf-8")
    lines = (line.split("#", 1)[0] for line in text.splitlines())
    return tuple(sorted({stem for line in lines for stem in line.split()}))


def _past(word: str, language: str) -> bool:
    if len(word) < 5 or word != word.lower() or word in _NOT_VERBS:
        return False
    return bool(_PAST_L.search(word) or (language == "uk" and _PAST_V.search(word)))


def reports_development_slavic(text: str, language: str) -> bool:
    """Whether an undated sentence in ``language`` (``ru`` or ``uk``) reports a development
    (see the module's documentation)."""
    words = _WORD.findall(text)
    lower = [word.lower().replace("ё", "е") for word in words]
    if _NEGATION & set(lower):
        return False
    stems = event_stems()
    if not any(word.startswith(stems) for word in lower):
        return False
    return any(_past(word.replace("ё", "е"), language) for word in words)
