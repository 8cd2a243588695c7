"""Word lists the comparison models read: our own cue lists, and VADER's valence lexicon.

The cue lists below were written for Parallax (Apache-2.0, like the code); none is copied from a
research lexicon. The valence lexicon is VADER 3.3.2's (MIT, © 2016 C.J. Hutto), its alphabetic
entries only, shipped as ``data/models/lexicon/vader.tsv`` with its licence beside it. The BABE
bias-word lexicon (AGPL-3.0) is deliberately not shipped or used at prediction time.
"""

from __future__ import annotations

from functools import cache

from parallax.models.artefacts import models_dir

_REFUTE_TEXT = """
    fake fakes faked fraud fraudulent hoax hoaxes false falsely deny denies denied denial denying
    debunk debunks debunked debunking bogus untrue myth myths nonsense fabricated fabrication
    fabricate fiction fictional satire satirical parody prank pranks prankster retract retracts
    retracted retraction refute refutes refuted rebut rebuts rebutted dismiss dismisses dismissed
    reject rejects rejected misleading mislead misled incorrect inaccurate wrong baseless
    unfounded doubt doubts doubtful dispute disputes disputed contrary however nope
    scam scams photoshopped doctored spoof
    """
REFUTE = frozenset(_REFUTE_TEXT.split())
"""Words that refute or deny a claim."""

_HEDGE_TEXT = """
    reportedly allegedly alleged alleges allege claim claims claimed claiming rumor rumors rumour
    rumours rumoured rumored unconfirmed unverified apparently purportedly purported supposedly
    may might could possibly possible perhaps appears appear appeared seems seem seemed suggest
    suggests suggested if whether unclear speculation speculate speculated speculating
    according report reports reported sources source believed believe thought likely unlikely
    maybe probably potentially question questions wonder wondering investigate investigating
    investigation uncertain unknown expected
    """
HEDGE = frozenset(_HEDGE_TEXT.split())
"""Words that report a claim without taking a side (discussion, hedging)."""

_AGREE_TEXT = """
    confirm confirms confirmed confirming confirmation official officially announce announced
    announces announcement verified verify true indeed actually revealed reveals reveal showed
    shows proof proves proved evidence admitted admits admit acknowledged acknowledges
    """
AGREE = frozenset(_AGREE_TEXT.split())
"""Words that assert or confirm a claim."""

_INTENSIFIERS_TEXT = """
    very extremely totally utterly completely absolutely incredibly really truly deeply highly
    hugely massively wildly vastly so such too most least ever never always entirely fully
    """
INTENSIFIERS = frozenset(_INTENSIFIERS_TEXT.split())
"""Words that strengthen what they modify (a subjectivity cue)."""

_LOADED_TEXT = """
    vain fruitless futile pathetic ridiculous absurd outrageous shameful disgraceful disgusting
    despicable deplorable appalling atrocious horrific horrendous monstrous vile sinister evil
    wicked corrupt crooked rogue thug thugs regime radical radicals extremist extremists
    fanatic fanatics zealot zealots puppet puppets lackey stooge propaganda brainwashed
    hysterical hysteria frenzy meltdown tirade rant rants ranting screed slammed slams blasted
    lashed bashing smear smears smeared hoax sham farce charade debacle fiasco catastrophe
    disaster disastrous reckless lawless chaos chaotic insane crazy lunatic idiotic stupid dumb
    moronic bizarre laughable notorious infamous shameless brazen blatant flagrant egregious
    draconian tyrannical tyrant dictator despot authoritarian aggressor aggression invaders
    junta terror terrorist terrorists butcher butchers slaughter massacre genocide heroic hero
    heroes glorious valiant noble martyr martyrs traitor traitors treason treasonous betrayal
    betrayed puppet-master warmonger warmongers warmongering hawkish neocon neocons globalist
    globalists elites elitist woke snowflake snowflakes libtard leftist leftists far-left
    far-right ultra alarmist scaremongering fearmongering demagogue demagoguery nazi nazis
    fascist fascists fascism communist socialist mob mobs cronies crony cronyism kleptocrat
    """
LOADED = frozenset(_LOADED_TEXT.split())
"""Words we count as loaded when they describe people, acts or institutions in news prose."""


@cache
def vader_valence() -> dict[str, float]:
    """Return VADER's word → mean valence (-4 … 4), alphabetic entries only."""
    path = models_dir() / "lexicon" / "vader.tsv"
    valence = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        word, value = line.split("\t")
        valence[word] = float(value)
    return valence
