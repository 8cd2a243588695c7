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
    lament plead mutter whisper exclaim reiterate counter retort agree put read begin chant
    interject assure
    """
)

# Attribution cues, following PolNeAR's theory of attribution (Newell et al. 2018, after PARC):
# speech, and also beliefs, intentions and public stances ascribed to a source. Each list names
# the complement that holds the content. The lists were drawn up from what PolNeAR's *train*
# split annotates: a cue stays when, of its uses in that shape outside quote marks, about half
# or more are annotated attributions (so "mean", "need", "try" and "support X" are out).

# Verbs whose clausal complement is reported speech or an attributed belief (X said that …).
REPORT_CUES = (
    SPEECH_VERBS
    | words(
        """
    believe think expect hope fear worry estimate report reveal show find indicate learn know
    signal realize realise predict assume doubt charge demand propose recommend suspect speculate
    imply contend acknowledge argue write insist guess reckon figure hint concede declare agree
    conclude recognize recognise wonder question clarify demonstrate rule tweet post assure bet
    calculate convince decide determine inform notice order point remind want consider describe
    discuss mention call endorse express offer remember pledge criticize criticise portray imagine
    """
    )
) - words("put begin read continue")

# Verbs of intention, promise or refusal whose infinitive is the content (X pledged to …).
INTENT_CUES = words(
    """
    pledge vow promise refuse threaten hope seek agree decline offer aim urge vote demand expect
    propose prefer claim decide ask call say report show plan want intend consider encourage
    instruct like love opt order permit persuade press pressure push tell warn lobby challenge
    suggest advise
    """
)

# Verbs of public stance whose object is the content (X announced his resignation, X cited …).
OBJECT_CUES = words(
    """
    announce mention discuss criticize criticise praise endorse propose deny confirm cite list
    express reject dismiss condemn slam blast call question tout oppose blame accuse warn predict
    reveal acknowledge admit tweet denounce decry chide lament bemoan assail lambast rebut rebuke
    deride mock applaud hail congratulate thank credit defend describe portray characterize
    characterise liken compare contrast recall recount recite repeat reiterate reaffirm echo
    reference invoke highlight stress emphasize emphasise underscore voice outline detail disclose
    report publish declare explain concede order recommend urge insult disavow repudiate
    dispute retweet promise note accept answer articulate back boo broadcast brush challenge
    champion charge cheer claim confront consider contemplate contradict demand dislike document
    downplay embrace expect explore expose favor favour fear identify ignore issue name
    nominate offer pledge post prefer promote pronounce recognize recognise release relish
    remember remind request savage see seek share show signal sponsor state stoke suggest support
    understand unveil utter view want write say ask believe lay know feel deem
    """
)

# Verbs of public stance only when a person does them ("Trump attacked Cruz"): in war news a
# country or an army attacking a city is no attribution.
PERSONAL_CUES = words("attack")

# Verbs whose content is the object of a preposition (X called for …, X spoke about …).
PREPOSITION_CUES: dict[str, frozenset[str]] = {
    "call": words("for on"),
    "talk": words("about"),
    "speak": words("about of against"),
    "ask": words("about for"),
    "refer": words("to"),
    "point": words("to"),
    "allude": words("to"),
    "comment": words("on"),
    "push": words("for"),
    "advocate": words("for"),
    "argue": words("for against"),
    "accuse": words("of"),
    "view": words("as"),
    "describe": words("as"),
    "cast": words("as"),
    "characterize": words("as"),
    "characterise": words("as"),
    "regard": words("as"),
    "paint": words("as"),
    "portray": words("as"),
    "find": words("with"),
    "believe": words("in"),
    "open": words("about"),
    "weigh": words("in on"),
    "stand": words("by"),
    "say": words("of"),
    "know": words("for"),
    "attack": words("for"),
    "hit": words("for"),
    "warn": words("of about against"),
    "boast": words("of about"),
    "brag": words("about"),
    "complain": words("about"),
    "rail": words("against"),
    "campaign": words("for against"),
    "vote": words("for against"),
    "vouch": words("for"),
    "apologize": words("for"),
    "apologise": words("for"),
    "criticize": words("for"),
    "criticise": words("for"),
    "hint": words("at"),
    "balk": words("at"),
    "insist": words("on"),
    "write": words("about"),
    "think": words("about of"),
    "worry": words("about"),
    "agree": words("on to with"),
    "disagree": words("on with"),
    "focus": words("on"),
    "double": words("on"),
    "dwell": words("on"),
    "reflect": words("on"),
    "respond": words("to by with"),
    "appeal": words("to"),
    "look": words("to"),
    "pivot": words("to"),
    "plead": words("to"),
    "align": words("with"),
    "side": words("with"),
    "press": words("for about"),
    "hope": words("for"),
    "joke": words("about"),
    "lash": words("at"),
    "bristle": words("at"),
}

# Speech verbs set in the middle or at the end of what was said ("The deal, she said, is off").
PARENTHETICAL_CUES = words("say add note write argue explain insist tell warn continue")

# Verbs of appearance: the writer's own judgement ("Clinton seemed irritated", "Trump appears to
# be slipping"). PolNeAR annotates the whole clause, subject included, with no source.
SEEM_CUES = words("seem appear")

# Adverbs that attribute a clause to unnamed others ("X has reportedly looked at Twitter").
HEARSAY = words("reportedly allegedly purportedly reputedly supposedly")

# Nouns whose clause is attributed content (Trump's claim that …, his promise to …).
NOUN_CUES = words(
    """
    claim statement assertion announcement promise pledge warning argument belief view suggestion
    accusation allegation proposal demand threat admission insistence denial contention charge
    vow assurance prediction concern fear hope insistence remark comment
    """
)

# Cue nouns whose prepositional object is the content (his criticism of …, questions about …).
NOUN_PREPOSITIONS: dict[str, frozenset[str]] = {
    "criticism": words("of for on over"),
    "critique": words("of"),
    "praise": words("for of"),
    "question": words("about over"),
    "concern": words("about over"),
    "doubt": words("about over on"),
    "complaint": words("about"),
    "warning": words("about of against"),
    "call": words("for"),
    "comment": words("on about"),
    "remark": words("about on"),
    "view": words("on about"),
    "opinion": words("on about"),
    "message": words("about"),
    "statement": words("on about"),
    "accusation": words("of"),
    "allegation": words("of"),
    "denunciation": words("of"),
    "proposal": words("for"),
    "plea": words("for"),
    "demand": words("for"),
    "anxiety": words("about over"),
    "joke": words("about"),
    "opposition": words("to"),
    "favor": words("of"),
    "favour": words("of"),
    "reference": words("to"),
    "endorsement": words("of"),
    "mention": words("of"),
    "response": words("to"),
    "reply": words("to"),
    "stance": words("on"),
    "position": words("on"),
    "talk": words("about"),
    "skepticism": words("about of"),
    "assessment": words("of"),
    "declaration": words("of"),
    "swipe": words("at against"),
    "dig": words("at"),
    "backlash": words("against"),
    "speech": words("on about"),
    "word": words("about for"),
    "supporter": words("of"),
    "scepticism": words("about of"),
}

# Adjectives of attitude whose prepositional object or infinitive is the content ("X is
# critical of …", "Y was eager to …"), with the prepositions each takes.
ADJECTIVE_CUES: dict[str, frozenset[str]] = {
    "worried": words("about"),
    "concerned": words("about"),
    "critical": words("of"),
    "supportive": words("of"),
    "skeptical": words("of about"),
    "sceptical": words("of about"),
    "hopeful": words("about"),
    "confident": words("about in of"),
    "optimistic": words("about"),
    "pessimistic": words("about"),
    "opposed": words("to"),
    "eager": words("to"),
    "reluctant": words("to"),
    "willing": words("to"),
    "unwilling": words("to"),
    "determined": words("to"),
    "adamant": words("about"),
    "convinced": words("of"),
    "wary": words("of"),
    "angry": words("about at over"),
    "upset": words("about over"),
    "frustrated": words("with by"),
    "comfortable": words("with"),
    "clear": words("about"),
}

# Verbs whose object noun is something the subject says ("voiced concern about", "raised
# questions about", "made comments about"): their subject is the noun's source.
LIGHT_VERBS = words(
    """
    express voice raise make give offer issue level air share pledge throw lend renew repeat
    reiterate register lodge file deliver post send publish write have
    """
)

# Nouns naming where a claim was made, as in "in a poll, …" or "in his view, …".
SOURCE_NOUNS = words(
    """
    poll survey study report analysis view opinion estimate estimation memo letter filing
    """
)

# Cue verbs that things do as often as people ("the crisis has seen …", "the move signals …"):
# they attribute only when their subject could be a source.
EVIDENCE_CUES = words(
    """
    see show signal underscore highlight reflect indicate reveal mark demonstrate illustrate
    suggest expose confirm find offer raise welcome accept answer back support favor favour
    ignore introduce issue release share
    """
)

# Head nouns of sources that are not names: people, groups and documents ("a poll found",
# "officials said"). A subject that is none of these, nor a name or a personal pronoun, is not a
# source ("the crisis has seen …", "the move signals …"). From the source spans of PolNeAR train.
SOURCE_HEADS = words(
    """
    poll campaign official candidate voter percent leader supporter group report senator aide
    people one expert many president adviser advisor source survey member spokesman spokeswoman
    spokesperson company other judge governor team strategist administration woman result ally
    critic majority lawmaker friend nominee politician number post email ad party analyst record
    organization organisation man executive government reporter office statement police average
    most economist court secretary activist advocate manager analysis board employee newspaper
    state insider polling lawsuit video opponent person datum data conservative study rival law
    letter half organizer prosecutor delegate agency lawyer media medium businessman wife
    chairman chairwoman crowd union director document message filing investor user donor third
    speaker authority page family book millennial camp chief website progressive network host
    side article moderator quarter account audience mogul general actor public observer runner
    country editorial pollster release outlet attendee contender tweet father panel protester
    backer pac researcher department mayor operative worker staff diplomat superdelegate attorney
    hopeful commentator journalist council actress fan justice investigation figure narrator
    establishment brother head few officer columnist firm leadership base several staffer checker
    speech editor paper student evidence research author plan interview scientist minister
    lobbyist summary partner transcript tally veteran platform projection agreement star
    community pastor wing legislation resident son generation mother army representative
    daughter nation proponent bill story debate constitution legislature foundation finding
    estimate magazine socialist faction ambassador commission colleague defender movement site
    affiliate association scholar disclosure demonstrator investigator husband parent pundit
    federation congressman congresswoman inquiry owner affidavit legislator military ministry
    army troop soldier commander envoy negotiator delegation embassy kremlin ukrainian russian
    american european resident citizen analyst intelligence service agency all both each some
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

# Surface forms the small model lemmatises wrongly ("hoped" → "hop").
LEMMA_FIXES = {
    "hoped": "hope",
    "hoping": "hope",
    "hopes": "hope",
    "retweeted": "retweet",
    "retweeting": "retweet",
}

# Subject dependencies.
SUBJECTS = frozenset({"nsubj", "nsubjpass"})

# Pronouns that resolve to the nearest person of their gender mentioned before them.
PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}

# Words before or around a name that say a person's gender (honorifics, gendered roles).
GENDERED = {
    **dict.fromkeys(
        words(
            """
            mr mr. sir lord king prince emir sheikh spokesman chairman congressman businessman
            father husband son brother uncle grandfather
            """
        ),
        "male",
    ),
    **dict.fromkeys(
        words(
            """
            mrs mrs. ms ms. miss dame lady queen princess spokeswoman chairwoman congresswoman
            businesswoman mother wife daughter sister aunt grandmother actress
            """
        ),
        "female",
    ),
}


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
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "single": 1, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60,
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
PRESENT = frozenset(
    {
        "now",
        "currently",
        "current",
        "ongoing",
        "present",
        "at present",
        "nowadays",
        "the time being",
    }
)
PAST = frozenset({"recently", "recent", "lately", "the past", "previously", "formerly", "once"})
FUTURE = frozenset(
    {
        "future", "the future", "soon", "later", "in the future", "the near term", "the long term",
        "the short term", "near term", "long term", "the long run", "the near future",
    }
)  # fmt: skip
TODAY = frozenset(
    {
        "today", "overnight", "the day", "this day", "earlier today", "early today",
        "later today", "earlier in the day", "later in the day",
    }
)  # fmt: skip
