"""The ECB+ reader on hand-built documents in the corpus's layout, and on one real topic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parallax.datasets.ecbplus import read_topics
from tests.conftest import SHARED_DATA

ECBPLUS = SHARED_DATA / "comparison" / "ecbplus"

DOC = """<Document doc_name="{name}.xml" doc_id="D1">
<token t_id="1" sentence="0" number="0">{first}</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">arrested</token>
<token t_id="4" sentence="1" number="2">him</token>
<token t_id="5" sentence="2" number="0">He</token>
<token t_id="6" sentence="2" number="1">fled</token>
<token t_id="7" sentence="2" number="2">and</token>
<token t_id="8" sentence="2" number="3">hid</token>
<Markables>
<ACTION_OCCURRENCE m_id="10"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="11"><token_anchor t_id="2"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="12"><token_anchor t_id="6"/></ACTION_OCCURRENCE>
<NEG_ACTION_OCCURRENCE m_id="13"><token_anchor t_id="8"/></NEG_ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="20" TAG_DESCRIPTOR="arrest" instance_id="ACT1"/>
<ACTION_OCCURRENCE m_id="21" TAG_DESCRIPTOR="flight"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="30" note="ACT1"><source m_id="10"/><target m_id="20"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="31"><source m_id="12"/><source m_id="13"/><target m_id="21"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""


def write_topic(
    root: Path,
    sentences: str = "Topic,File,Sentence Number\n7,1ecb,1\n7,1ecbplus,1\n7,1ecbplus,2\n",
) -> Path:
    folder = root / "ECB+" / "7"
    folder.mkdir(parents=True)
    (folder / "7_1ecb.xml").write_text(DOC.format(name="7_1ecb", first="Headline"))
    (folder / "7_1ecbplus.xml").write_text(DOC.format(name="7_1ecbplus", first="http://x.com/a"))
    (root / "ECBplus_coreference_sentences.csv").write_text(sentences)
    return root


def test_event_mentions_in_validated_sentences_with_their_chains(tmp_path: Path) -> None:
    topics = read_topics(write_topic(tmp_path))
    ecb, plus = topics[7]
    assert (ecb.name, plus.name) == ("7_1ecb", "7_1ecbplus")
    # 7_1ecb: only sentence 1 is validated; the participant is not an event
    assert [(m.m_id, m.chain, m.t_ids) for m in ecb.mentions] == [("10", "ACT1", (3,))]
    assert [(m.m_id, m.chain) for m in plus.mentions] == [
        ("10", "ACT1"), ("12", "INTRA_31_7_1ecbplus"), ("13", "INTRA_31_7_1ecbplus"),
    ]  # fmt: skip
    assert (ecb.url, plus.url) == (None, "http://x.com/a")
    assert [t.text for t in plus.sentences()[0]] == ["Police", "arrested", "him"]
    assert [t.text for t in ecb.sentences()[0]] == ["Headline"]


def test_a_mention_in_no_chain_is_a_singleton(tmp_path: Path) -> None:
    root = write_topic(tmp_path)
    path = root / "ECB+" / "7" / "7_1ecbplus.xml"
    path.write_text(path.read_text().replace('<source m_id="13"/>', ""))
    [_, plus] = read_topics(root, [7])[7]
    assert plus.mentions[-1].chain == "Singleton_13_7_1ecbplus"


def test_an_absent_topic_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="topics not under"):
        read_topics(write_topic(tmp_path), [8])


@pytest.mark.shared_data
@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="shared data (ECB+) is not present")
def test_topic_2_equals_barhom_2019_gold_mentions() -> None:
    [documents] = read_topics(ECBPLUS, [2]).values()
    ours = set()
    for doc in documents:
        number = {t.t_id: t.number for t in doc.tokens}
        shift = doc.subtopic == "ecbplus"  # Barhom et al. number sentences without the URL line
        for m in doc.mentions:
            ours.add((doc.name, m.sentence - shift, tuple(number[t] for t in m.t_ids), m.chain))
    path = ECBPLUS / "barhom2019_cybulska_setup" / "ECB_Dev_Event_gold_mentions.json"
    gold = {
        (m["doc_id"], m["sent_id"], tuple(m["tokens_number"]), m["coref_chain"])
        for m in json.loads(path.read_text())
        if m["doc_id"].startswith("2_")
    }
    strip = {(d, s, t) for d, s, t, _ in gold}
    assert {(d, s, t) for d, s, t, _ in ours} == strip
    by_chain: dict[str, set[tuple[object, ...]]] = {}
    for d, s, t, chain in ours:
        by_chain.setdefault(chain, set()).add((d, s, t))
    gold_chain: dict[str, set[tuple[object, ...]]] = {}
    for d, s, t, chain in gold:
        gold_chain.setdefault(chain, set()).add((d, s, t))
    assert sorted(map(sorted, by_chain.values())) == sorted(map(sorted, gold_chain.values()))
