"""An agency dateline names the article's source where the input names none (#21): real
SlavicNER news ("КИЇВ. 19 липня. УНН.", "МОСКВА, 15 янв — РИА Новости.") and a real PolNeAR
article that opens with an AP wire dateline, read from the shared data (research use; copied
only into the test's temporary folder, never into the repository; no ``nord_stream``
document), ingested as plain text, exported and shown on the page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from parallax.corpus import Corpus
from parallax.datelines import dateline_agency
from parallax.export import export_corpus
from parallax.report import build_report, write_report
from tests.conftest import SHARED_DATA

SLAVICNER = SHARED_DATA / "multilingual" / "slavicner" / "raw"
POLNEAR = SHARED_DATA / "polnear" / "train" / "text"
UNN = SLAVICNER / "ryanair" / "uk" / "ryan-ua_file_103.txt"  # КИЇВ. 19 липня. УНН.
RIA = SLAVICNER / "covid-19" / "ru" / "coronavirus_ru_17.txt"  # МОСКВА, 15 янв — РИА Новости.
NONE = SLAVICNER / "covid-19" / "uk" / "coronavirus_vaccine_uk.txt_file_10317.txt"  # no dateline
AP = POLNEAR / "breitbart_2016-04-01_clinton-sanders-had-opposing-vie.txt"  # NEW YORK (AP) —


def _copied(tmp_path: Path, *paths: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in paths:
        if not path.is_file():
            pytest.skip(f"the shared data is not at {path}")
        shutil.copy(path, folder / path.name)
    return folder


def _exported(corpus: Corpus) -> dict[str, dict[str, str | None]]:
    articles = json.loads(export_corpus(corpus, "json") or "")["articles"]
    return {a["text"].split()[0]: a for a in articles}


def test_the_agency_of_the_dateline_is_read_and_only_a_known_agency() -> None:
    assert dateline_agency("МОСКВА, 15 янв — РИА  Новости. Массовая вакцинация") == "РИА Новости"
    assert dateline_agency("КИЇВ. 19 липня. УНН. У четвер польоти") == "УНН"
    assert dateline_agency("NEW YORK (AP) — Democratic presidential candidates") == "AP"
    # A capitalised name after the day that no agency pattern knows is not a source.
    assert dateline_agency("КИЇВ. 19 липня. Президент заявив. Далі") is None
    assert dateline_agency("NEW YORK — Democratic presidential candidates") is None


def test_an_agency_dateline_gives_the_article_its_source(tmp_path: Path) -> None:
    folder = _copied(tmp_path, UNN, RIA, NONE, AP)
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(folder)])
        found = _exported(corpus)
        ria, unn, ap, none = found["МОСКВА,"], found["КИЇВ."], found["Clinton,"], found["У"]
        assert (ria["outlet"], ria["outlet_id"]) == ("RIA Novosti", "ria-novosti")
        assert ria["outlet_evidence"] == "dateline:РИА Новости"
        assert (unn["outlet"], unn["outlet_evidence"]) == ("УНН", "dateline:УНН (not in registry)")
        assert (ap["outlet"], ap["outlet_evidence"]) == ("Associated Press", "dateline:AP")
        assert (none["outlet"], none["outlet_evidence"]) == (None, None)
        page = write_report(build_report(corpus, [str(unn["id"])]), "html") or ""
        assert "recognised by dateline:УНН (not in registry)" in page
        markdown = write_report(build_report(corpus, [str(ria["id"])]), "md") or ""
        assert "RIA Novosti (recognised by dateline:РИА Новости)" in markdown


def test_an_outlet_the_input_names_wins_over_the_dateline(tmp_path: Path) -> None:
    if not UNN.is_file():
        pytest.skip(f"the shared data is not at {UNN}")
    text = UNN.read_text(encoding="utf-8").partition("\n")[2].strip()
    record = {"text": text, "outlet": "Українська правда", "title": "Бельгія"}
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(source)])
        [article] = _exported(corpus).values()
        assert article["outlet_evidence"] == "stated:Українська правда"
