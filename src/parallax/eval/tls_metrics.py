"""Timeline summarisation metrics as tilse computes them and news-tls reports them.

Re-implemented because ``tilse`` (0.2.1) does not run offline here: it calls the ROUGE-1.5.5 Perl
script through ``pyrouge`` (which needs Perl's XML::DOM) and pulls ``textacy``, ``numba`` and
``nltk``. What is kept of it:

- **date F1** (``tilse.evaluation.dates``): precision and recall of the set of dates in the
  predicted timeline against the gold timeline's dates, exact day match;
- **alignment-based ROUGE-1** (Martschat & Markert 2017/2018, tilse's
  ``align_date_content_costs_many_to_one``, the "AR-1" news-tls reports): each predicted date
  is aligned to the gold date of least cost, and each gold date to the predicted date of least
  cost, where cost = (1 - 1/(day distance + 1)) x (1 - approximate ROUGE-1 F of the two
  summaries); ROUGE-1 counts of every aligned pair are weighted by 1/(day distance + 1);
  precision sums over predicted dates, recall over gold dates.

ROUGE-1 follows ROUGE-1.5.5 as news-tls runs it (``-m``: Porter stemming, ``-s``: SMART stop
words removed): lower-cased alphanumeric tokens (the Perl script's tokenization), the script's
stop-word list, the original Porter stemmer (``snowballstemmer``'s ``porter``). The alignment's
content cost uses tilse's approximation: unigram F1 over lower-cased tokens, not stemmed, stop
words kept. One gold timeline at a time, as news-tls scores each.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from typing import Any

Timeline = Mapping[date, Sequence[str]]
"""A timeline for scoring: the sentences written under each date."""

_TOKEN = re.compile(r"[a-z0-9]+")

# ROUGE-1.5.5's data/smart_common_words.txt (the SMART stop list with ROUGE's additions).
_SMART_STOPWORDS = frozenset(
    """
reuters ap jan feb mar apr may jun jul aug sep oct nov dec tech news index mon tue wed thu fri
sat 's a a's able about above according accordingly across actually after afterwards again
against ain't all allow allows almost alone along already also although always am amid among
amongst an and another any anybody anyhow anyone anything anyway anyways anywhere apart appear
appreciate appropriate are aren't around as aside ask asking associated at available away
awfully b be became because become becomes becoming been before beforehand behind being
believe below beside besides best better between beyond both brief but by c c'mon c's came can
can't cannot cant cause causes certain certainly changes clearly co com come comes concerning
consequently consider considering contain containing contains corresponding could couldn't
course currently d definitely described despite did didn't different do does doesn't doing
don't done down downwards during e each edu eg e.g. eight either else elsewhere enough
entirely especially et etc etc. even ever every everybody everyone everything everywhere ex
exactly example except f far few fifth five followed following follows for former formerly
forth four from further furthermore g get gets getting given gives go goes going gone got
gotten greetings h had hadn't happens hardly has hasn't have haven't having he he's hello help
hence her here here's hereafter hereby herein hereupon hers herself hi him himself his hither
hopefully how howbeit however i i'd i'll i'm i've ie i.e. if ignored immediate in inasmuch inc
indeed indicate indicated indicates inner insofar instead into inward is isn't it it'd it'll
it's its itself j just k keep keeps kept know knows known l lately later latter latterly least
less lest let let's like liked likely little look looking looks ltd m mainly many may maybe me
mean meanwhile merely might more moreover most mostly mr. ms. much must my myself n namely nd
near nearly necessary need needs neither never nevertheless new next nine no nobody non none
noone nor normally not nothing novel now nowhere o obviously of off often oh ok okay old on
once one ones only onto or other others otherwise ought our ours ourselves out outside over
overall own p particular particularly per perhaps placed please plus possible presumably
probably provides q que quite qv r rather rd re really reasonably regarding regardless regards
relatively respectively right s said same saw say saying says second secondly see seeing seem
seemed seeming seems seen self selves sensible sent serious seriously seven several shall she
should shouldn't since six so some somebody somehow someone something sometime sometimes
somewhat somewhere soon sorry specified specify specifying still sub such sup sure t t's take
taken tell tends th than thank thanks thanx that that's thats the their theirs them themselves
then thence there there's thereafter thereby therefore therein theres thereupon these they
they'd they'll they're they've think third this thorough thoroughly those though three through
throughout thru thus to together too took toward towards tried tries truly try trying twice
two u un under unfortunately unless unlikely until unto up upon us use used useful uses using
usually uucp v value various very via viz vs w want wants was wasn't way we we'd we'll we're
we've welcome well went were weren't what what's whatever when whence whenever where where's
whereafter whereas whereby wherein whereupon wherever whether which while whither who who's
whoever whole whom whose why will willing wish with within without won't wonder would would
wouldn't x y yes yet you you'd you'll you're you've your yours yourself yourselves z zero
    """.split()  # noqa: SIM905
)


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def mean_scores(scores: Sequence[Scores]) -> Scores:
    """Average precision and recall over timelines (news-tls then takes F1 of the means)."""
    if not scores:
        return Scores(0.0, 0.0)
    return Scores(
        sum(s.precision for s in scores) / len(scores), sum(s.recall for s in scores) / len(scores)
    )


def date_scores(predicted: Iterable[date], gold: Iterable[date]) -> Scores:
    """Date selection: the predicted dates that are gold dates, and the gold dates predicted."""
    ours, theirs = set(predicted), set(gold)
    both = len(ours & theirs)
    return Scores(both / len(ours) if ours else 0.0, both / len(theirs) if theirs else 0.0)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    try:
        import snowballstemmer  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - the dev extra installs it
        raise RuntimeError(
            "ROUGE needs snowballstemmer (pip install snowballstemmer, or the dev extra)"
        ) from exc
    return snowballstemmer.stemmer("porter")


def rouge_tokens(sentences: Iterable[str]) -> list[str]:
    """Return ROUGE-1.5.5's unigrams with ``-m -s``: stemmed, stop words left out."""
    words = [w for s in sentences for w in _TOKEN.findall(s.lower()) if w not in _SMART_STOPWORDS]
    return list(_stemmer().stemWords(words))


def _plain_tokens(sentences: Iterable[str]) -> Counter[str]:
    return Counter(w for s in sentences for w in _TOKEN.findall(s.lower()))


def _overlap(a: Counter[str], b: Counter[str]) -> int:
    return sum(min(count, b[token]) for token, count in a.items())


def _approximate_f1(a: Counter[str], b: Counter[str]) -> float:
    match = _overlap(a, b)
    if not match:
        return 0.0
    precision, recall = match / sum(a.values()), match / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def _weight(a: date, b: date) -> float:
    return 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def alignment_rouge1(predicted: Timeline, gold: Timeline) -> Scores:
    """Alignment-based ROUGE-1 (many-to-one, date and content costs) of one timeline."""
    ours, theirs = sorted(predicted), sorted(gold)
    if not ours or not theirs:
        return Scores(0.0, 0.0)
    stems = {d: Counter(rouge_tokens(predicted[d])) for d in ours}
    gold_stems = {d: Counter(rouge_tokens(gold[d])) for d in theirs}
    plain = {d: _plain_tokens(predicted[d]) for d in ours}
    gold_plain = {d: _plain_tokens(gold[d]) for d in theirs}

    def cost(p: date, g: date) -> float:
        return (1 - _weight(p, g)) * (1 - _approximate_f1(plain[p], gold_plain[g]))

    def match(p: date, g: date) -> float:
        return _weight(p, g) * _overlap(stems[p], gold_stems[g])

    # min() keeps the first of equal costs, as numpy's argmin does in tilse.
    to_gold = {p: min(theirs, key=partial(cost, p)) for p in ours}
    to_ours = {g: min(ours, key=lambda p: cost(p, g)) for g in theirs}
    predicted_count = sum(sum(stems[p].values()) for p in ours)
    gold_count = sum(sum(gold_stems[g].values()) for g in theirs)
    matched = sum(match(p, g) for p, g in to_gold.items())
    recalled = sum(match(p, g) for g, p in to_ours.items())
    return Scores(
        matched / predicted_count if predicted_count else 0.0,
        recalled / gold_count if gold_count else 0.0,
    )
