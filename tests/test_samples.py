"""The shipped samples: govlint finds every known slip, at the right place."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import lint_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

KNOWN = {
    "draft.docx": [
        ("GOV201", 1, "项检查行动。"),
        ("GOV202", 1, "。"),
        ("GOV001", 3, "习近平书记"),
        ("GOV101", 3, "布署"),
        ("GOV301", 4, ","),
        ("GOV301", 4, "("),
        ("GOV301", 4, ")"),
        ("GOV101", 4, "一如继往"),
        ("GOV101", 4, "秸杆"),
    ],
    "notice.txt": [("GOV101", 4, "按排"), ("GOV101", 5, "截止"), ("GOV301", 5, ","), ("GOV301", 5, ".")],
    "news.md": [("GOV301", 9, ","), ("GOV001", 12, "新时代中国特色社会主义思想")],
    "post.html": [
        ("GOV001", 10, "以习近平总书记为核心的党中央"),
        ("GOV301", 12, ","),
        ("GOV101", 12, "秸杆"),
    ],
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_sample_known_slips_found(name):
    _doc, findings = lint_file(SAMPLES / name)
    got = {(f.code, f.line, f.match) for f in findings}
    missing = [k for k in KNOWN[name] if k not in got]
    assert not missing, missing


def test_notice_sample_is_gb18030_with_crlf():
    doc, _ = lint_file(SAMPLES / "notice.txt")
    assert doc.meta["encoding"] == "gb18030" and doc.meta["newline"] == "\r\n"


def test_office_phone_number_in_notice_is_not_flagged():
    _, findings = lint_file(SAMPLES / "notice.txt")
    assert not [f for f in findings if "67777396" in f.match]
