"""Word lists the rule extractors share: speech and attribution verbs, pronouns.

Lemmas, lowercase. Kept as data in one place so that the rules read as rules.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``text`` as a set (for readable word lists)."""
    return frozenset(text.split())


# Verbs that introduce or close a direct quote ("…," said X; X told reporters: "…").
SPEECH_VERBS = words(
    """
    say tell add ask write tweet post state declare explain insist warn argue claim note continue
    reply respond answer recall remark comment observe shout yell scream joke quip conclude
    announce caution urge vow promise acknowledge admit concede boast complain stress emphasize
    emphasise suggest predict confirm deny allege assert contend maintain describe testify muse
    lament plead mutter whisper exclaim reiterate counter retort agree put read begin
    """
)

# Verbs whose clausal complement is reported speech or an attributed belief (X said that …).
REPORT_CUES = (
    SPEECH_VERBS
    | words(
        """
    believe think feel expect hope fear worry estimate report reveal show find indicate learn hear
    signal realize realise predict assume doubt charge demand propose recommend suspect speculate
    imply contend acknowledge argue write insist guess reckon figure mean hint concede declare
    """
    )
) - frozenset({"continue", "put", "begin", "read", "agree", "describe"})

# Verbs of intention whose infinitive is the content (X pledged to …).
INTENT_CUES = words(
    """
    want plan pledge vow promise refuse threaten intend hope seek agree decline offer aim urge
    vote demand
    """
)

# Verbs of public stance whose object is the content (X announced his resignation, called for …).
OBJECT_CUES = words(
    """
    announce mention discuss criticize criticise praise endorse support back propose deny
    confirm cite list release express reject dismiss condemn slam blast call talk comment
    question tout oppose blame accuse warn respond predict reveal acknowledge admit demand
    tweet denounce refer speak
    """
)

# Nouns whose clause is attributed content (Trump's claim that …, his promise to …).
NOUN_CUES = words(
    """
    claim statement assertion announcement promise pledge warning argument belief view suggestion
    accusation allegation proposal demand threat admission insistence denial contention charge
    vow assurance prediction concern fear hope insistence remark comment message
    """
)

# Verbs above a partial quote in the parse that make it attributable ("accusing him of '…'").
PARTIAL_CUES = (
    SPEECH_VERBS
    | words(
        """
    accuse call describe label brand dub term dismiss criticize criticise praise slam blast
    condemn mock decry characterize characterise refer deride denounce hail reject brand
    """
    )
) - frozenset({"continue", "begin", "read"})

# Subject dependencies.
SUBJECTS = frozenset({"nsubj", "nsubjpass"})

# Pronouns that resolve to the nearest person mentioned before them.
PRONOUNS = frozenset({"he", "she", "him", "her"})


def _numbered(groups: str, start: int) -> dict[str, int]:
    """``"january jan|february feb"`` → ``{"january": start, "jan": start, "february": …}``."""
    return {
        name: number
        for number, names in enumerate(groups.split("|"), start=start)
        for name in names.split()
    }


# Time words (parallax.nlp.timex).
MONTHS = _numbered(
    "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug|"
    "september sep sept|october oct|november nov|december dec",
    1,
)
WEEKDAYS = _numbered(
    "monday mon|tuesday tue tues|wednesday wed|thursday thu thurs|friday fri|saturday sat|"
    "sunday sun",
    0,
)
NUMBERS = {
    **_numbered("one a an|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve", 1),
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "ninety": 90, "hundred": 100, "a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
}  # fmt: skip
VAGUE = words("several few many some multiple numerous countless")
UNITS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE",
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
SETS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
    "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip
PRESENT = frozenset({"now", "currently", "ongoing", "present", "at present", "nowadays"})
PAST = frozenset({"recently", "recent", "lately", "the past", "previously", "formerly", "once"})
FUTURE = frozenset({"future", "the future", "soon", "in the future"})
TODAY = frozenset({"today", "overnight", "the day", "this day", "earlier today", "early today"})
