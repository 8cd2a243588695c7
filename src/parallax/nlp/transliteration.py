"""One entity across scripts: "Зеленский", "Зеленський" and "Zelensky" under one sound key.

The stages give each mention its base form ("Зеленского" -> "Зеленский"), so inflection is
already gone when names meet here. What is left is the script and the spelling system:
Cyrillic names are transliterated with cyrtranslit (MIT), by the Ukrainian system when the name
has a letter only Ukrainian uses (і, ї, є, ґ), else the Russian one, and every name, Latin or
transliterated, is then reduced to a *sound key* that forgets the differences between
romanisations: "y", "j" and "i" are one letter, "kh", "h" and "g" are one (Ukrainian writes
г as "h"), "shch", "shh" and "š" are "sh", "ts" and "cz" are "c", "x" is "ks", diacritics go,
and doubled letters are one ("Zelenskyy", "Zelenskij" and "Zelens'kyj" sound the same).

:func:`join_scripts` then joins, within one label, each Cyrillic name to the groups whose names
sound the same, or failing that to the one group whose names sound close (see
:func:`same_sound`); a name close to two groups joins neither.
Names in Latin script only are never joined here, so an English corpus merges as before.

A first name differs between Russian and Ukrainian more than their spelling systems do
("Владимир", "Володимир"; "Александр", "Олександр"): :data:`FIRST_NAMES` pairs the common East
Slavic first names, and the first word of a full name is keyed by the Russian form's sound, so
"Володимир Зеленський", "Владимир Зеленский", "Volodymyr Zelensky" and "Vladimir Zelensky" share
one sound key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from functools import lru_cache

import cyrtranslit

__all__ = ["has_cyrillic", "join_scripts", "latin", "same_sound", "sound_key"]

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z]")
_LOOKALIKE = 4  # the longest Latin key read as Cyrillic look-alikes (an abbreviation)
_HOMOGLYPHS = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
# Romanisations of one Cyrillic letter, longest first, each to one spelling.
_DIGRAPHS = (
    ("ph", "f"), ("shch", "S"), ("shh", "S"), ("sch", "S"), ("sh", "S"), ("tch", "C"),
    ("ch", "C"), ("zh", "Z"), ("kh", "h"), ("h", "g"), ("ts", "c"), ("cz", "c"), ("tz", "c"),
    ("x", "ks"), ("w", "v"), ("j", "i"), ("y", "i"),
)  # fmt: skip
_NOT_LETTER = re.compile(r"[^a-zSCZ ]+")
_REPEATS = re.compile(r"(.)\1+")
# Letters NFKD does not take apart, and the Ukrainian system's carons (ш is "š").
_LETTERS = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "š": "sh", "č": "ch",
     "ž": "zh"}
)  # fmt: skip
#: Russian and Ukrainian forms of common first names (each pair: Russian, Ukrainian).
FIRST_NAMES = (
    ("Владимир", "Володимир"), ("Александр", "Олександр"), ("Алексей", "Олексій"),
    ("Дмитрий", "Дмитро"), ("Сергей", "Сергій"), ("Николай", "Микола"), ("Михаил", "Михайло"),
    ("Андрей", "Андрій"), ("Юрий", "Юрій"), ("Пётр", "Петро"), ("Павел", "Павло"),
    ("Виктор", "Віктор"), ("Евгений", "Євген"), ("Елена", "Олена"), ("Анатолий", "Анатолій"),
    ("Григорий", "Григорій"), ("Иван", "Іван"), ("Василий", "Василь"), ("Фёдор", "Федір"),
    ("Игорь", "Ігор"), ("Арсений", "Арсеній"), ("Виталий", "Віталій"),
    ("Валерий", "Валерій"), ("Мария", "Марія"),
    ("Наталья", "Наталія"), ("Татьяна", "Тетяна"), ("Екатерина", "Катерина"),
    ("Леонид", "Леонід"), ("Кирилл", "Кирило"), ("Илья", "Ілля"),
)  # fmt: skip
#: SequenceMatcher ratio of two sound keys at or above which they may be one name.
SOUND_RATIO = 0.8


def has_cyrillic(name: str) -> bool:
    """Whether ``name`` has a Cyrillic letter."""
    return _CYRILLIC.search(name) is not None


def _cyrillic_word(match: re.Match[str]) -> str:
    word = match.group()
    return word.translate(_HOMOGLYPHS) if has_cyrillic(word) else word


def latin(name: str) -> str:
    """Transliterate ``name`` to Latin script: the Ukrainian system for a name with a letter
    only Ukrainian has, the Russian one for other Cyrillic; Latin text is kept. Latin letters
    that look Cyrillic inside a Cyrillic word ("ЕC" typed with a Latin C) are read as Cyrillic."""
    if not has_cyrillic(name):
        return name
    name = _WORD.sub(_cyrillic_word, name)
    return str(cyrtranslit.to_latin(name, "ua" if _UKRAINIAN.search(name) else "ru"))


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """``{sound of a first name: sound of its Russian form}`` over :data:`FIRST_NAMES`, their
    Latin spellings included by their sounds ("Volodymyr" sounds as "Володимир" does)."""
    return {
        _letters_sound(form): _letters_sound(russian)
        for russian, ukrainian in FIRST_NAMES
        for form in (russian, ukrainian)
    }


@lru_cache(maxsize=65536)
def sound_key(name: str) -> str:
    """Return the name's sound key: Latin, lowercase, one spelling per Cyrillic letter; the
    first word of a full name in its Russian form (:data:`FIRST_NAMES`).

    >>> sound_key("Зеленський") == sound_key("Zelenskyy") == sound_key("Зеленский")
    True
    >>> sound_key("Володимир Зеленський") == sound_key("Vladimir Zelensky")
    True
    """
    words = _letters_sound(name).split()
    if len(words) > 1:
        words[0] = _first_names().get(words[0], words[0])
    return " ".join(words)


def _letters_sound(name: str) -> str:
    """The sound key without the first-name rule."""
    text = latin(name).lower().translate(_LETTERS)
    if has_cyrillic(name):
        text = text.replace("x", "h")  # the Ukrainian system writes х as "x"
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    for spelling, sound in _DIGRAPHS:
        text = text.replace(spelling, sound)
    text = _NOT_LETTER.sub("", text.replace("-", " "))
    words = [_REPEATS.sub(r"\1", word) for word in text.split()]
    # A leading "ie" is how English writes a Russian initial "е" ("Yevgeny", "Евгений").
    return " ".join(word[1:] if word.startswith("ie") else word for word in words)


def _close(a: str, b: str) -> bool:
    """Two words that may be one name: equal, or close with the same first and last letter
    (so "zelenski" and "zelenska", a man and a woman, are not)."""
    if a == b:
        return True
    if a[:1] != b[:1] or a[-1:] != b[-1:]:
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= SOUND_RATIO and matcher.ratio() >= SOUND_RATIO


def same_sound(a: str, b: str, *, person: bool) -> bool:
    """Whether two names' sound keys may be one entity.

    Equal keys always are. For people, two full names are when their first and last words are
    close (:func:`_close`) or one first word is the other's initial; a lone surname is when it
    is close to the other's last word. Other entities need equal keys.
    """
    if a == b:
        return True
    if not person:
        # Close place and organisation names chain ("Ирландия", "Исландия", "Испания"):
        # only equal keys join them.
        return False
    first, second = a.split(), b.split()
    if not first or not second:
        return False
    if len(first) == 1 or len(second) == 1:
        return _close(first[-1], second[-1])
    initial = first[0][:1] == second[0][:1] and min(len(first[0]), len(second[0])) == 1
    return _close(first[-1], second[-1]) and (initial or _close(first[0], second[0]))


def join_scripts(
    keys: Iterable[str],
    *,
    find: Callable[[str], str],
    union: Callable[[str, str], None],
    person: bool,
) -> None:
    """Join each Cyrillic name key to every key that sounds the same, then, failing that, to
    the one group of keys that sounds close.

    Args:
        keys: The name keys of one label (:func:`parallax.nlp.gazetteer.name_key`).
        find: The group a key is in now.
        union: Join two keys' groups.
        person: Whether the label is PERSON (see :func:`same_sound`).
    """
    keys = sorted(keys)
    sounds = {key: sound_key(key) for key in keys}
    by_sound: dict[str, list[str]] = {}
    for key in keys:
        by_sound.setdefault(sounds[key], []).append(key)
    # Names that sound the same are one, however many groups they are in so far ("ЕС", and
    # "ЕC" typed with a Latin C), when one of them is Cyrillic.
    for sound, same in by_sound.items():
        if sound and len(same) > 1 and any(has_cyrillic(key) for key in same):
            for other in same[1:]:
                union(same[0], other)
    # A short Latin word of letters that look Cyrillic ("EC" typed for "ЕС") is that word.
    present = set(keys)
    for key in keys:
        if len(key) <= _LOOKALIKE and not has_cyrillic(key):
            cyrillic = key.translate(_HOMOGLYPHS)
            if cyrillic != key and cyrillic in present and _LATIN.search(cyrillic) is None:
                union(cyrillic, key)

    def bucket(key: str) -> str:
        # Names that may join share this letter (see _close): the last word's for people.
        words = sounds[key].split()
        return (words[-1] if person else sounds[key])[:1] if words else ""

    buckets: dict[str, list[str]] = {}
    for key in keys:
        buckets.setdefault(bucket(key), []).append(key)
    # Most specific first, so that a full name settles before a lone surname looks for it.
    for key in sorted((k for k in keys if has_cyrillic(k)), key=lambda k: (-len(k.split()), k)):
        if sounds[key]:
            _join_close(key, buckets[bucket(key)], sounds, find, union, person=person)


def _join_close(
    key: str,
    others: Iterable[str],
    sounds: dict[str, str],
    find: Callable[[str], str],
    union: Callable[[str, str], None],
    *,
    person: bool,
) -> None:
    """Join ``key`` to the one group among ``others`` that sounds close to it."""
    close: dict[bool, set[str]] = {True: set(), False: set()}  # by: is the other a full name
    own = find(key)
    for other in others:
        if (
            sounds[other] != sounds[key]
            and find(other) != own
            and same_sound(sounds[key], sounds[other], person=person)
        ):
            close[" " in sounds[other]].add(find(other))
    # A full name close to one person's full name and to another's lone surname belongs with
    # the full name; one close to two groups of a kind is left alone.
    chosen = close[True] or close[False]
    if len(chosen) == 1:
        union(key, chosen.pop())
