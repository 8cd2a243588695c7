"""The packaged outlet registry, its scores, and outlet resolution."""

from __future__ import annotations

import csv
import importlib.util
import re
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from parallax.errors import ConfigError
from parallax.ingest import outlets as outlets_module
from parallax.ingest.outlets import (
    OutletRegistry,
    host_of,
    load_outlets,
    registrable_domain,
    resolve_outlet,
)
from parallax.model import Outlet
from tests.conftest import EXAMPLES, ROOT, SHARED_DATA

DATA = ROOT / "src" / "parallax" / "data"
REGISTRY_TOML = DATA / "outlets.toml"
SCORES_CSV = DATA / "outlet_scores.csv"
SEED_000 = (EXAMPLES / "seeds" / "000_f1244bfe7fc0ce2e.txt").read_text(encoding="utf-8")
SEED_001 = (EXAMPLES / "seeds" / "001_ead8df1f51385aab.txt").read_text(encoding="utf-8")
RELIABILITY = SHARED_DATA / "outlet-reliability"
URL = re.compile(r"https?://[^\s/]+\.\S*")
FORBIDDEN = ("mbfc", "mediabias", "newsguard", "adfontes", "ad fontes", "ad_fontes")


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return load_outlets()


def _keys(node: Any) -> list[str]:
    """Every key of a parsed TOML document, at any depth."""
    if isinstance(node, dict):
        return [key for k, v in node.items() for key in (k, *_keys(v))]
    if isinstance(node, list):
        return [key for item in node for key in _keys(item)]
    return []


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """
[outlets.daily-planet]
name = "Daily Planet"
domains = ["dailyplanet.example.com"]
country = { value = "United States", source = "https://example.org/planet" }
"""


# --- the registry file ------------------------------------------------------------------


def test_packaged_registry_is_cached_and_covers_the_outlets_a_corpus_meets(
    registry: OutletRegistry,
) -> None:
    assert load_outlets() is load_outlets()
    ids = [outlet.id for outlet in registry.all()]
    assert len(ids) == len(set(ids)) >= 70
    for outlet_id in (
        "rt", "sputnik", "southfront", "news-front", "strategic-culture-foundation", "tass",
        "ria-novosti", "cgtn", "china-daily", "xinhua", "peoples-daily", "global-times", "cctv",
        "press-tv", "tasnim", "fars", "kcna", "telesur", "independent", "guardian", "bbc",
        "reuters", "associated-press", "afp", "new-york-times", "washington-post", "fox-news",
        "cnn", "huffpost", "al-jazeera", "dw", "france-24", "politico", "bloomberg",
        "wall-street-journal", "npr", "nbc-news", "cbs-news", "abc-news", "kyiv-independent",
        "ukrainska-pravda", "meduza", "wikinews", "breitbart", "usa-today", "western-journal",
    ):  # fmt: skip
        assert registry.get(outlet_id) is not None, outlet_id


def test_every_fact_and_designation_carries_a_source(registry: OutletRegistry) -> None:
    for outlet in registry.all():
        assert outlet.name.strip() and outlet.domains, outlet.id
        for fact in (outlet.country, outlet.language, outlet.owner, outlet.state_affiliation):
            if fact is not None:
                assert fact.value.strip(), outlet.id
                assert URL.fullmatch(fact.source), (outlet.id, fact.source)
        for designation in outlet.designations:
            assert designation.issuer.strip() and designation.description.strip(), outlet.id
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", designation.date), outlet.id
            assert URL.fullmatch(designation.citation), (outlet.id, designation.citation)


def test_signatures_name_where_they_can_be_seen() -> None:
    outlets = tomllib.loads(REGISTRY_TOML.read_text(encoding="utf-8"))["outlets"]
    signed = {oid: rec for oid, rec in outlets.items() if rec.get("signatures")}
    assert "independent" in signed
    for outlet_id, record in signed.items():
        assert URL.fullmatch(record["signatures_source"]), outlet_id


def test_no_mbfc_newsguard_or_ad_fontes_field_anywhere() -> None:
    document = tomllib.loads(REGISTRY_TOML.read_text(encoding="utf-8"))
    keys = [key.lower() for key in _keys(document)]
    assert not [key for key in keys if any(word in key for word in FORBIDDEN)]
    with SCORES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        named = " ".join((*row.keys(), row["name"], row["source"], row["license"])).lower()
        assert not any(word in named for word in FORBIDDEN), row


def test_affiliation_of_public_broadcasters_states_their_independence(
    registry: OutletRegistry,
) -> None:
    for outlet_id in ("bbc", "dw", "france-24", "npr", "cbc"):
        outlet = registry.get(outlet_id)
        assert outlet and outlet.state_affiliation, outlet_id
        assert "independen" in outlet.state_affiliation.value, outlet_id


def test_state_media_carry_affiliation_and_cited_designations(registry: OutletRegistry) -> None:
    rt = registry.get("rt")
    assert rt and rt.state_affiliation and "ANO TV-Novosti" in rt.state_affiliation.value
    eu = [d for d in rt.designations if d.issuer == "Council of the European Union"]
    assert any("2022/350" in d.description and d.date == "2022-03-01" for d in eu)
    assert any("eur-lex.europa.eu" in d.citation for d in eu)
    assert any(d.issuer.startswith("Ofcom") and d.date == "2022-03-18" for d in rt.designations)
    cgtn = registry.get("cgtn")
    assert cgtn and any(d.date == "2021-02-04" for d in cgtn.designations)
    press_tv = registry.get("press-tv")
    assert press_tv and any(d.date == "2012-01-20" for d in press_tv.designations)
    with_designations = [outlet for outlet in registry.all() if outlet.designations]
    assert len(with_designations) >= 30


# --- domains --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.independent.co.uk", "independent"),
        ("https://www.independent.co.uk/news/world/europe/x.html", "independent"),
        ("southfront.press", "southfront"),
        ("https://southfront.org/some-story/", "southfront"),
        ("arabic.rt.com", "rt"),
        ("https://de.rt.com/international/1/", "rt"),
        ("HTTPS://WWW.RT.COM:443/news", "rt"),
        ("https://sputnikglobe.com/20230623/x.html", "sputnik"),
        ("it.sputniknews.com", "sputnik"),
        ("abcnews.go.com", "abc-news"),
        ("news.sky.com", "sky-news"),
        ("https://english.news.cn/20250101/x.html", "xinhua"),
        ("edition.cnn.com", "cnn"),
        ("www.bbc.co.uk", "bbc"),
    ],
)
def test_by_domain_matches_registrable_domains_and_subdomains(
    registry: OutletRegistry, host: str, expected: str
) -> None:
    outlet = registry.by_domain(host)
    assert outlet is not None and outlet.id == expected


@pytest.mark.parametrize(
    "host",
    [
        "uk.news.yahoo.com",
        "espn.go.com",  # abcnews.go.com is ABC's; go.com as a whole is not
        "sky.com",
        "example.com",
        "co.uk",
        "localhost",
        "",
        "http://[::1",
        "not a host",
    ],
)
def test_by_domain_returns_none_for_unknown_hosts(registry: OutletRegistry, host: str) -> None:
    assert registry.by_domain(host) is None


def test_subdomain_walk_stops_at_the_registrable_domain() -> None:
    registry = OutletRegistry(
        [
            Outlet(id="yahoo-news", name="Yahoo News", domains=("news.yahoo.com",)),
            Outlet(id="some-uk", name="Some UK", domains=("example.co.uk",)),
        ]
    )
    assert registry.by_domain("uk.news.yahoo.com") == registry.get("yahoo-news")
    assert registry.by_domain("finance.yahoo.com") is None
    assert registry.by_domain("www.example.co.uk") == registry.get("some-uk")
    assert registry.by_domain("other.co.uk") is None
    assert registrable_domain("uk.news.yahoo.com") == "yahoo.com"
    assert registrable_domain("www.independent.co.uk") == "independent.co.uk"
    assert host_of("https://WWW.Example.com:8080/a?b=1") == "example.com"


# --- names and signatures ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The New York Times", "new-york-times"),
        ("new york times", "new-york-times"),
        ("nyt", "new-york-times"),  # BASIL and PolNeAR
        ("HPO", "huffpost"),  # BASIL
        ("fox", "fox-news"),  # BASIL
        ("huff-post", "huffpost"),  # PolNeAR
        ("wash-post", "washington-post"),  # PolNeAR
        ("west-journal", "western-journal"),  # PolNeAR
        ("usa-today", "usa-today"),  # PolNeAR
        ("breitbart", "breitbart"),  # PolNeAR
        ("politico", "politico"),  # PolNeAR
        ("Russia Today", "rt"),
        ("SouthFront - English", "southfront"),  # EUvsDisinfo spelling
        ("southfront", "southfront"),
        ("nytimes.com", "new-york-times"),
        ("www.theguardian.com", "guardian"),
        ("The Washingon Post", "washington-post"),  # near-identical spelling
    ],
)
def test_find_by_name_alias_id_or_domain(
    registry: OutletRegistry, name: str, expected: str
) -> None:
    outlet = registry.find(name)
    assert outlet is not None and outlet.id == expected


@pytest.mark.parametrize("name", ["", "   ", "Daily Planet", "News", "The"])
def test_find_returns_none_for_unknown_names(registry: OutletRegistry, name: str) -> None:
    assert registry.find(name) is None


def test_by_signature_finds_the_independent_appeal(registry: OutletRegistry) -> None:
    found = registry.by_signature(SEED_000)
    assert found is not None
    outlet, phrase = found
    assert outlet.id == "independent"
    assert phrase == "The Independent is on the ground"
    # Line breaks and case inside the phrase do not hide it.
    assert registry.by_signature("...\nthe independent IS\n on the  ground when...") is not None
    assert registry.by_signature(SEED_001) is None


# --- resolution -------------------------------------------------------------------------


def test_seed_000_resolves_to_the_independent_by_its_appeal(registry: OutletRegistry) -> None:
    outlet, evidence = resolve_outlet(
        registry, url=None, raw_text=SEED_000, stated=None, site_name=None
    )
    assert outlet is not None and outlet.id == "independent"
    assert evidence == "signature:The Independent is on the ground"


def test_seed_001_resolves_to_southfront_by_domain(registry: OutletRegistry) -> None:
    trailing_url = SEED_001.strip().rsplit("\n", 1)[-1].strip()
    assert trailing_url.startswith("https://southfront.press/")
    outlet, evidence = resolve_outlet(
        registry, url=trailing_url, raw_text=SEED_001, stated=None, site_name=None
    )
    assert outlet is not None and outlet.id == "southfront"
    assert evidence == "domain:southfront.press"
    # A reader that leaves the URL in the text still gets there, from the text's last line.
    outlet, evidence = resolve_outlet(
        registry, url=None, raw_text=SEED_001, stated=None, site_name=None
    )
    assert outlet is not None and outlet.id == "southfront"
    assert evidence == "text-url:southfront.press"


def test_southfront_profile_is_documented(registry: OutletRegistry) -> None:
    southfront = registry.get("southfront")
    assert southfront is not None
    affiliation = southfront.state_affiliation
    assert affiliation is not None and "FSB" in affiliation.value
    assert affiliation.source.startswith("https://home.treasury.gov/")
    by_date = {d.date: d for d in southfront.designations}
    ofac = by_date["2021-04-15"]
    assert "OFAC" in ofac.issuer and ofac.citation.endswith("/jy0126")
    gec = by_date["2020-08"]
    assert "Global Engagement Center" in gec.issuer and "Pillars" in gec.description
    assert gec.citation.startswith("https://www.state.gov/")
    assert "2025/395" in by_date["2025-02-24"].description


def test_resolution_order(registry: OutletRegistry) -> None:
    def resolve(**kwargs: Any) -> tuple[str | None, str | None]:
        args = {"url": None, "raw_text": "", "stated": None, "site_name": None} | kwargs
        outlet, evidence = resolve_outlet(registry, **args)
        return (outlet.id if outlet else None), evidence

    # The URL's domain wins over everything the input says.
    assert resolve(url="https://www.rt.com/news/1/", stated="BBC", raw_text=SEED_000) == (
        "rt",
        "domain:rt.com",
    )
    # A stated name beats the site name and the text; an unknown URL does not block it.
    assert resolve(url="https://example.com/a", stated="BBC News", site_name="CNN") == (
        "bbc",
        "stated:BBC News",
    )
    assert resolve(site_name="CNN", raw_text=SEED_000) == ("cnn", "site-name:CNN")
    assert resolve(site_name="Unknown Gazette", raw_text=SEED_000)[0] == "independent"


def test_unknown_outlets_are_kept_not_lost(registry: OutletRegistry) -> None:
    outlet, evidence = resolve_outlet(
        registry, url=None, raw_text=SEED_000, stated="Daily Planet", site_name=None
    )
    assert outlet == Outlet(id="daily-planet", name="Daily Planet")
    assert evidence == "stated:Daily Planet (not in registry)"
    outlet, evidence = resolve_outlet(
        registry, url=None, raw_text="text", stated=None, site_name="Unknown Gazette"
    )
    assert outlet is not None and outlet.id == "unknown-gazette"
    assert evidence == "site-name:Unknown Gazette (not in registry)"
    outlet, evidence = resolve_outlet(
        registry, url="https://www.example.co.uk/a", raw_text="text", stated=None, site_name=None
    )
    assert outlet is not None and (outlet.id, outlet.name) == ("example-co-uk", "example.co.uk")
    assert evidence == "domain:example.co.uk (not in registry)"
    outlet, _ = resolve_outlet(registry, url=None, raw_text="x", stated="Правда", site_name=None)
    assert outlet is not None and outlet.id.startswith("outlet-") and outlet.name == "Правда"
    assert resolve_outlet(registry, url=None, raw_text="x", stated=" ", site_name=None) == (
        None,
        None,
    )


# --- loading and validation -------------------------------------------------------------


def test_custom_registry_merges_scores_from_the_csv_beside_it(tmp_path: Path) -> None:
    path = _write(tmp_path / "outlets.toml", MINIMAL)
    _write(
        tmp_path / "outlet_scores.csv",
        "domain,name,value,source,license,note\n"
        "dailyplanet.example.com,lin2023_pc1,0.500,https://doi.org/x,reuse,a note\n"
        "elsewhere.example.com,lin2023_pc1,0.100,https://doi.org/x,reuse,\n",
    )
    outlet = load_outlets(path).get("daily-planet")
    assert outlet is not None and outlet.country is not None
    assert outlet.country.source == "https://example.org/planet"
    assert [(s.name, s.value, s.license) for s in outlet.scores] == [
        ("lin2023_pc1", "0.500", "reuse")
    ]
    assert outlet.scores[0].note == "domain dailyplanet.example.com; a note"


def test_packaged_scores_are_merged_into_outlets(registry: OutletRegistry) -> None:
    rt = registry.get("rt")
    assert rt is not None
    scores = {(s.name, s.note.split(";")[0] if s.note else ""): s for s in rt.scores}
    pc1 = scores[("lin2023_pc1", "domain rt.com")]
    assert 0 <= float(pc1.value) <= 1 and "pgad286" in pc1.source
    status = scores[("wikipedia_perennial_status", "domain rt.com")]
    assert status.value == "generally unreliable" and status.license == "CC BY-SA 4.0"


@pytest.mark.parametrize(
    ("snippet", "reason"),
    [
        ('mbfc_rating = "high"\n', "unknown field"),
        ('owner = { value = "Someone" }\n', "source"),
        ('owner = { value = "Someone", source = "not a url" }\n', "source"),
        ('domains = ["www.example.org"]\n', "without 'www.'"),
        ('signatures = ["Only on our pages"]\n', "signatures_source"),
        (
            '[[outlets.daily-planet.designations]]\nissuer = "A body"\ndate = "2020-13-01"\n'
            'description = "Did a thing."\ncitation = "https://example.org/act"\n',
            "YYYY-MM",
        ),
        (
            '[[outlets.daily-planet.designations]]\nissuer = "A body"\ndate = "2020-01"\n'
            'description = "Did a thing."\n',
            "citation",
        ),
    ],
)
def test_records_that_break_the_schema_are_refused(
    tmp_path: Path, snippet: str, reason: str
) -> None:
    text = MINIMAL.replace('name = "Daily Planet"\n', 'name = "Daily Planet"\n' + snippet, 1)
    if snippet.startswith("[["):
        text = MINIMAL + snippet
    if snippet.startswith("domains"):
        text = MINIMAL.replace('domains = ["dailyplanet.example.com"]\n', snippet)
    with pytest.raises(ConfigError, match=re.escape(reason)) as caught:
        load_outlets(_write(tmp_path / "outlets.toml", text))
    assert caught.value.record == "daily-planet"


def test_a_domain_claimed_twice_or_a_broken_file_is_refused(tmp_path: Path) -> None:
    twice = MINIMAL + MINIMAL.replace("daily-planet", "other-planet").replace(
        '"Daily Planet"', '"Other Planet"'
    )
    with pytest.raises(ConfigError, match=re.escape("dailyplanet.example.com")):
        load_outlets(_write(tmp_path / "twice.toml", twice))
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_outlets(_write(tmp_path / "broken.toml", "[outlets.x\n"))
    with pytest.raises(ConfigError, match="not found"):
        load_outlets(tmp_path / "missing.toml")


def test_packaged_domains_pass_the_public_suffix_check_it_skips(
    registry: OutletRegistry, tmp_path: Path
) -> None:
    # The packaged registry is loaded without parsing the public suffix list; the same file
    # given as a user's registry gets every check, and must give the same outlets.
    copy = tmp_path / "outlets.toml"
    copy.write_bytes(REGISTRY_TOML.read_bytes())
    (tmp_path / "outlet_scores.csv").write_bytes(SCORES_CSV.read_bytes())
    assert load_outlets(copy).all() == registry.all()
    for outlet in registry.all():
        assert all(registrable_domain(domain) for domain in outlet.domains), outlet.id


def test_the_packaged_registry_loads_without_the_public_suffix_list(
    registry: OutletRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unparsed(host: str) -> str | None:
        raise AssertionError(f"the public suffix list was read for {host}")

    monkeypatch.setattr(outlets_module, "registrable_domain", unparsed)
    outlets_module._load_packaged.cache_clear()
    try:
        assert load_outlets().all() == registry.all()
    finally:
        outlets_module._load_packaged.cache_clear()


def test_a_user_registry_domain_without_a_public_suffix_is_refused(tmp_path: Path) -> None:
    text = MINIMAL.replace("dailyplanet.example.com", "dailyplanet.notasuffix")
    with pytest.raises(ConfigError, match="lowercase host name"):
        load_outlets(_write(tmp_path / "outlets.toml", text))


# --- the shipped scores -----------------------------------------------------------------


def test_shipped_scores_cover_only_registry_domains(registry: OutletRegistry) -> None:
    domains = {domain for outlet in registry.all() for domain in outlet.domains}
    with SCORES_CSV.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["domain", "name", "value", "source", "license", "note"]
        rows = list(reader)
    assert {row["domain"] for row in rows} <= domains
    assert {row["name"] for row in rows} == {"lin2023_pc1", "wikipedia_perennial_status"}
    statuses = {"generally reliable", "no consensus", "generally unreliable", "deprecated"}
    for row in rows:
        if row["name"] == "wikipedia_perennial_status":
            assert row["value"] in statuses and row["license"] == "CC BY-SA 4.0"
        else:
            assert 0 <= float(row["value"]) <= 1


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_outlet_scores", ROOT / "scripts" / "build_outlet_scores.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared_data
def test_build_script_reproduces_the_shipped_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not RELIABILITY.is_dir():
        pytest.skip(f"shared data not found at {RELIABILITY}")
    out = tmp_path / "outlet_scores.csv"
    args = [
        "--lin", str(RELIABILITY / "lin2023-domain-quality" / "domain_pc1.csv"),
        "--wikipedia",
        str(RELIABILITY / "idiap-news-media-reliability" / "wikipedia_perennial_sources.json"),
        "--registry", str(REGISTRY_TOML),
        "--out", str(out),
    ]  # fmt: skip
    assert _build_script().main(args) == 0
    assert out.read_bytes() == SCORES_CSV.read_bytes()
    assert "registry domains" in capsys.readouterr().out


@pytest.mark.shared_data
def test_build_script_refuses_the_file_with_third_party_component_columns(
    tmp_path: Path,
) -> None:
    ratings = RELIABILITY / "lin2023-domain-quality" / "domain_ratings.csv"
    if not ratings.is_file():
        pytest.skip(f"shared data not found at {ratings}")
    args = [
        "--lin", str(ratings),
        "--wikipedia",
        str(RELIABILITY / "idiap-news-media-reliability" / "wikipedia_perennial_sources.json"),
        "--registry", str(REGISTRY_TOML),
        "--out", str(tmp_path / "out.csv"),
    ]  # fmt: skip
    with pytest.raises(SystemExit, match="expected columns domain,pc1"):
        _build_script().main(args)
