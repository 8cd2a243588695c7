"""The iSTS-2016 alignment reader, on a file in the task's own layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from parallax.datasets.ists import read_alignments
from parallax.errors import InputError

WA = """<sentence id="1" status="">
// Former Nazi guard Demjanjuk dead at 91
// John Demjanjuk , Nazi guard , dies aged 91
<source>
1 Former :
2 Nazi :
3 guard :
4 Demjanjuk :
5 dead :
6 at :
7 91 :
</source>
<translation>
1 John :
2 Demjanjuk :
3 , :
4 Nazi :
5 guard :
6 , :
7 dies :
8 aged :
9 91:
</translation>
<alignment>
6 7 <==> 8 9 // EQUI // 5 // at 91 <==> aged 91
1 2 3 4 <==> 1 2 4 5 // SPE1_FACT // 3 // Former Nazi guard Demjanjuk <==> John Demjanjuk Nazi guard
5 <==> 7 // EQUI // 5 // dead <==> dies
0 <==> 3 // NOALI // 0 // -not aligned- <==> ,
6 <==> 0 // NOALI // NIL // , <==> -not aligned-
</alignment>
</sentence>
""".replace(" :\n", " : \n")  # the files end token lines with a space


def test_reads_tokens_and_alignments(tmp_path: Path) -> None:
    (tmp_path / "STSint.input.headlines.wa").write_text(WA, encoding="utf-8")
    (pair,) = read_alignments(tmp_path)
    assert pair.id == "1"
    assert pair.first[-1] == "91" and len(pair.first) == 7
    assert pair.second[-1] == "91" and len(pair.second) == 9  # "9 91:" without its space
    types = [(a.first, a.second, a.type, a.base_type, a.score) for a in pair.alignments]
    assert types == [
        ((6, 7), (8, 9), "EQUI", "EQUI", 5.0),
        ((1, 2, 3, 4), (1, 2, 4, 5), "SPE1_FACT", "SPE", 3.0),
        ((5,), (7,), "EQUI", "EQUI", 5.0),
        ((), (3,), "NOALI", "NOALI", 0.0),
        ((6,), (), "NOALI", "NOALI", None),
    ]


def test_missing_files_and_bad_lines_raise(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_alignments(tmp_path)
    (tmp_path / "bad.wa").write_text(WA.replace("5 <==> 7 // EQUI", "5 7 // EQUI"))
    with pytest.raises(InputError):
        read_alignments(tmp_path)
