"""The one JSON form: every data type round-trips through it, and a real corpus's export is
what docs/export-schema.json describes."""

from __future__ import annotations

import json
import types
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parallax.comparison
import parallax.model
from parallax.codec import dump, load
from parallax.codec.articles import (
    ARTICLE,
    CLAIM,
    ENTITY,
    MENTION,
    QUANTITY,
    QUOTE,
    REJECTION,
    TIME_EXPRESSION,
    article_from_row,
    article_to_row,
    outlet_from_dict,
    outlet_to_json,
)
from parallax.codec.comparison import comparison_from_dict, comparison_to_dict
from parallax.codec.stories import EXPORT_STORY, EXPORT_TIMELINE_ENTRY, STORY, TIMELINE_ENTRY
from parallax.comparison import SpeakerQuotes, StoryComparison
from parallax.corpus import Corpus
from parallax.export import export_corpus
from parallax.model import (
    Article,
    Claim,
    Entity,
    Mention,
    Outlet,
    Quantity,
    Quote,
    Rejection,
    Story,
    TimeExpression,
    TimelineEntry,
)
from tests.conftest import EXAMPLES, ROOT

SCHEMA = json.loads((ROOT / "docs" / "export-schema.json").read_text())


def _data_types(module: types.ModuleType) -> list[type[Any]]:
    found = [v for v in vars(module).values() if is_dataclass(v) and isinstance(v, type)]
    return [cls for cls in found if cls.__module__ == module.__name__]


# Passed between the ingest stage and its sinks only, and stored as binary (a MinHash signature),
# never as JSON.
IN_PROCESS = {"ArticleResult", "Fingerprint"}
DATA_TYPES = [
    cls
    for cls in _data_types(parallax.model) + _data_types(parallax.comparison)
    if cls.__name__ not in IN_PROCESS
]


def values(hint: Any) -> st.SearchStrategy[Any]:
    """Any value of a data type's field type (finite floats: NaN is not equal to itself)."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if hint is type(None):
        return st.none()
    if origin in (Union, types.UnionType):
        return st.one_of([values(arg) for arg in args])
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(values(args[0]), max_size=2).map(tuple)
        return st.tuples(*(values(arg) for arg in args))
    if hint is SpeakerQuotes:
        return _speaker_quotes()
    if is_dataclass(hint) and isinstance(hint, type):
        hints = get_type_hints(hint)
        return st.builds(hint, **{f.name: values(hints[f.name]) for f in fields(hint)})
    return st.from_type(hint)


@st.composite
def _speaker_quotes(draw: st.DrawFn) -> SpeakerQuotes:
    # The export form writes each quote's kind beside it: kinds are none, or one per quote.
    quotes = draw(values(tuple[parallax.comparison.Evidence, ...]))
    kinds = draw(st.lists(st.text(min_size=1), min_size=len(quotes), max_size=len(quotes)))
    return SpeakerQuotes(
        speaker=draw(st.text()),
        named=draw(st.booleans()),
        quotes=quotes,
        shared_with=draw(values(tuple[str, ...])),
        kinds=tuple(kinds) if draw(st.booleans()) else (),
    )


@pytest.mark.parametrize("cls", DATA_TYPES, ids=lambda cls: cls.__name__)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_data_type_round_trips_through_its_json_form(
    cls: type[Any], data: st.DataObject
) -> None:
    value = data.draw(values(cls))
    text = json.dumps(dump(value))
    assert load(cls, json.loads(text)) == value


@settings(max_examples=25, deadline=None)
@given(article=values(Article))
def test_an_article_round_trips_through_its_stored_row(article: Article) -> None:
    assert article_from_row(article_to_row(article)) == article


@settings(max_examples=25, deadline=None)
@given(outlet=values(Outlet))
def test_an_outlet_round_trips_through_its_stored_profile(outlet: Outlet) -> None:
    assert outlet_from_dict(json.loads(outlet_to_json(outlet))) == outlet


@settings(max_examples=25, deadline=None)
@given(comparison=values(StoryComparison))
def test_a_comparison_round_trips_through_its_export_and_cache_form(
    comparison: StoryComparison,
) -> None:
    text = json.dumps(comparison_to_dict(comparison))
    assert comparison_from_dict(json.loads(text)) == comparison


@pytest.mark.parametrize(
    ("cls", "shape"),
    [
        (Article, ARTICLE),
        (Mention, MENTION),
        (Quote, QUOTE),
        (TimeExpression, TIME_EXPRESSION),
        (Quantity, QUANTITY),
        (Claim, CLAIM),
        (Rejection, REJECTION),
        (Entity, ENTITY),
        (Story, STORY),
        (Story, EXPORT_STORY),
        (TimelineEntry, EXPORT_TIMELINE_ENTRY),
        (TimelineEntry, TIMELINE_ENTRY),
    ],
)
def test_every_shape_names_what_its_type_has(cls: type[Any], shape: tuple[str, ...]) -> None:
    names = {f.name for f in fields(cls)}
    for entry in shape:
        attribute = entry.partition("=")[2] or entry
        assert attribute in names or isinstance(getattr(cls, attribute, None), property), entry


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    found = Corpus(tmp_path_factory.mktemp("codec") / "c.db")
    found.ingest([str(EXAMPLES / "seeds")])
    found.analyze()
    found.group_stories()
    return found


def test_the_export_of_an_analysed_corpus_validates(corpus: Corpus) -> None:
    document = json.loads(export_corpus(corpus, "json") or "")
    jsonschema.validate(document, SCHEMA)
    [story] = document["stories"]
    assert story["comparison"] and story["timeline"][0]["spans"]
    assert all(article["entities"] and article["claims"] for article in document["articles"])


def test_a_real_comparison_round_trips_through_both_forms(corpus: Corpus) -> None:
    [story] = corpus.stories.list()
    comparison = corpus.compare(story.id)
    assert comparison is not None
    assert comparison_from_dict(json.loads(json.dumps(comparison_to_dict(comparison)))) == (
        comparison
    )
    assert load(StoryComparison, json.loads(json.dumps(dump(comparison)))) == comparison


def test_a_real_articles_stored_row_and_analysis_round_trip(corpus: Corpus) -> None:
    for article in corpus.articles.list():
        assert article_from_row(article_to_row(article)) == article
        analysis = corpus.articles.analysis(article.id)
        for item in (*analysis.mentions, *analysis.quotes, *analysis.dates, *analysis.claims):
            assert load(type(item), json.loads(json.dumps(dump(item)))) == item


def test_the_codec_imports_only_the_data_types() -> None:
    source = ROOT / "src" / "parallax" / "codec"
    for path in sorted(Path(source).glob("*.py")):
        for line in path.read_text().splitlines():
            if line.startswith(("from parallax", "import parallax")):
                module = line.split()[1]
                assert module.startswith(
                    ("parallax.model", "parallax.comparison", "parallax.codec")
                ), (path.name, line)
