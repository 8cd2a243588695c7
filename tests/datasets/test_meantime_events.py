"""The MEANTIME reader on a hand-built article in the corpus's layout, and on the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.meantime_events import read_topics, topic_folders
from tests.conftest import SHARED_DATA

MEANTIME = SHARED_DATA / "wikinews-timelines" / "meantime_english" / "intra_cross-doc_annotation"

DOC = """<?xml version="1.0" ?><Document doc_id="{doc_id}" doc_name="x" lang="en" url="http://w/{doc_id}">
<token number="0" sentence="0" t_id="1">Airbus</token>
<token number="1" sentence="0" t_id="2">wins</token>
<token number="0" sentence="1" t_id="3">May</token>
<token number="0" sentence="2" t_id="4">It</token>
<token number="1" sentence="2" t_id="5">won</token>
<token number="2" sentence="2" t_id="6">and</token>
<token number="3" sentence="2" t_id="7">is</token>
<token number="4" sentence="2" t_id="8">glad</token>
<token number="0" sentence="9" t_id="9">The</token>
<token number="1" sentence="9" t_id="10">win</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<EVENT_MENTION m_id="2" pred="win"><token_anchor t_id="2"/></EVENT_MENTION>
<EVENT_MENTION m_id="3" pred="win"><token_anchor t_id="5"/></EVENT_MENTION>
<EVENT_MENTION m_id="4" pred="be"><token_anchor t_id="7"/></EVENT_MENTION>
<EVENT_MENTION m_id="5" pred="glad"><token_anchor t_id="8"/></EVENT_MENTION>
<EVENT_MENTION m_id="6" pred="win"><token_anchor t_id="10"/></EVENT_MENTION>
<EVENT TAG_DESCRIPTOR="win" class="OTHER" instance_id="OTH1" m_id="20"/>
<EVENT TAG_DESCRIPTOR="is" class="GRAMMATICAL" m_id="21"/>
</Markables>
<Relations>
<HAS_PARTICIPANT r_id="30" sem_role="Arg0"><source m_id="2"/><target m_id="1"/></HAS_PARTICIPANT>
<REFERS_TO r_id="31"><source m_id="2"/><source m_id="3"/><source m_id="6"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="32"><source m_id="4"/><target m_id="21"/></REFERS_TO>
</Relations>
</Document>
"""


def write_corpus(root: Path) -> Path:
    for topic, doc_id in (("corpus_b", "200"), ("corpus_a", "100")):
        (root / topic).mkdir(parents=True)
        (root / topic / f"{doc_id}_title.xml").write_text(DOC.format(doc_id=doc_id))
    return root


def test_mentions_take_their_cross_document_instance_or_a_local_chain(tmp_path: Path) -> None:
    topics = read_topics(write_corpus(tmp_path))
    assert list(topics) == [1, 2] and topic_folders(tmp_path)[1].name == "corpus_a"
    [doc] = topics[1]
    assert (doc.name, doc.topic, doc.url) == ("100", 1, "http://w/100")
    assert [(m.m_id, m.chain, m.sentence) for m in doc.mentions] == [
        ("2", "OTH1", 0), ("3", "OTH1", 2), ("4", "LOCAL_21_100", 2), ("5", "Singleton_5_100", 2),
        ("6", "OTH1", 9),
    ]  # fmt: skip
    # the fully annotated sentences present, and a later one only because it holds a mention
    assert doc.validated == frozenset({0, 1, 2, 9})
    assert [t.text for t in doc.sentences()[0]] == ["Airbus", "wins"]
    # the other topic's article shares the instance: one event told by two articles
    assert topics[2][0].mentions[0].chain == "OTH1"


def test_an_absent_topic_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="topics not under"):
        read_topics(write_corpus(tmp_path), [3])


@pytest.mark.shared_data
@pytest.mark.skipif(not MEANTIME.is_dir(), reason="shared data (MEANTIME) is not present")
def test_the_english_corpus_four_topics_few_events_told_twice() -> None:
    topics = read_topics(MEANTIME)
    assert [len(docs) for docs in topics.values()] == [30, 30, 30, 30]
    mentions = [m for docs in topics.values() for doc in docs for m in doc.mentions]
    assert len(mentions) == 704 + 600 + 738 + 657
    docs_of: dict[str, set[str]] = {}
    for m in mentions:
        docs_of.setdefault(m.chain, set()).add(m.doc)
    shared = [chain for chain, docs in docs_of.items() if len(docs) > 1]
    # 14 + 7 + 7 + 7 events are told by two or more articles of their topic; none crosses topics
    assert len(shared) == 35
    assert all(not c.startswith(("LOCAL_", "Singleton_")) for c in shared)
