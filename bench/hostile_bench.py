"""Time and memory of govlint on small crafted inputs (issue 16): each must stay far below 10 s and 600 MB.

Builds every input itself, runs each in a fresh process (``govlint`` on the file, as a user would)
and prints wall time and peak memory.

    python bench/hostile_bench.py
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path


def laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def xml_bomb_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(
            "word/document.xml",
            "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'/>",
        )
        for i in range(10):
            z.writestr(f"customXml/item{i}.xml", b" " * (5 * 1024 * 1024))
    return buf.getvalue()


def user_regex(pattern: str) -> dict[str, bytes]:
    """A rules.yaml beside the draft adding one GOV004 entry with ``pattern`` (a cloned repository's)."""
    entry = (
        f"rule: GOV004\nentries:\n  - correct: 甲\n    wrong: [{{regex: '{pattern}'}}]\n"
        "    source: bench\n    flag: [aaa1]\n"
    )
    return {"rules.yaml": b"dictionaries: [extra.yaml]\n", "extra.yaml": entry.encode()}


# label -> (file name, bytes[, other files written beside it: rules.yaml, dictionaries])
SENTENCE = "发挥好上情下达、下请上传的作用，全面布署安全生产工作。"  # GOV101 and GOV102 hits in every copy


def one_line(size: int) -> bytes:
    """A single line of about ``size`` bytes: the sentence over and over, no line break."""
    unit = SENTENCE.encode()
    return "标题\n".encode() + unit * (size // len(unit)) + b"\n"


def random_han(chars: int, seed: int = 16) -> bytes:
    """One line of common Han characters in random order: nothing repeats, so nothing is judged twice."""
    import random

    rnd = random.Random(seed)
    pool = (
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
        "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开"
        "它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    )
    return ("标题\n" + "".join(rnd.choice(pool) for _ in range(chars)) + "\n").encode()


CASES = {
    "GOV301: 中文, + 80,000 letters (.txt)": ("a.txt", ("标题\n中文," + "a" * 80_000 + "\n").encode()),
    "GOV301: 中文, + 80,000 digits (.txt)": ("b.txt", ("标题\n中文," + "1" * 80_000 + "\n").encode()),
    "front matter alias bomb (.md)": (
        "c.md",
        ("---\n" + laughs() + "date: *a8\n---\n# 通知\n正文。\n").encode(),
    ),
    "50 MB of XML in small parts (.docx)": ("d.docx", xml_bomb_docx()),
    "user regex (a+)+$ on 29 letters (rules.yaml)": (
        "e.txt",
        ("标题\n" + "a" * 29 + "!\n").encode(),
        user_regex("(a+)+$"),
    ),
    "user regex [a-z]+\\d on 40,000 letters": (
        "f.txt",
        ("标题\n" + "a" * 40_000 + "\n").encode(),
        user_regex("[a-z]+\\d"),
    ),
    "GOV102: one sentence x40,000, one line": ("l1.txt", ("标题\n" + SENTENCE * 40_000 + "\n").encode()),
    "GOV102: 9.6 MB single line (.txt)": ("l2.txt", one_line(9_600_000)),
    "GOV102: 300,000 random Han chars, 1 line": ("l3.txt", random_han(300_000)),
    "HTML: 640 KB unclosed skip tags": ("l4.html", b"<p>x</p>" + b"<svg>" * 45_700 + b"</object>" * 45_700),
    "HTML: '<a ' x20,000 (CPython 3.11 bug)": ("l5.html", b"<p>x</p>" + b"<a " * 20_000),
    "HTML: 8,000 nested <span> in a page": (
        "l6.html",
        b"<nav></nav><div>" + "<span>中文内容，这是一段话。".encode() * 8_000,
    ),
    "text output: 500 findings among terminal escapes": (
        "s1.txt",
        (
            "标题\n" + ("学习习近平书记讲话，\x1b[2J\x1b]0;x\x07\u202e" + "各单位认真学习。" * 3 + "\n") * 500
        ).encode(),
    ),
}


def run(cmd: list[str], cwd: Path, timeout: float) -> tuple[int | None, float, float]:
    """Exit status (None when stopped at ``timeout``), wall seconds and peak memory (MB) of this one run."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return os.waitstatus_to_exitcode(status), time.perf_counter() - t, usage.ru_maxrss / 1024
        if time.perf_counter() - t > timeout:
            proc.kill()
            _, _, usage = os.wait4(proc.pid, 0)
            return None, time.perf_counter() - t, usage.ru_maxrss / 1024
        time.sleep(0.02)


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("only", nargs="*", help="run only the cases whose label contains one of these")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before a run is stopped")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for label, (name, data, *extra) in CASES.items():
            if args.only and not any(o in label for o in args.only):
                continue
            folder = Path(tmp) / name.replace(".", "_") if extra else Path(tmp)
            folder.mkdir(exist_ok=True)
            for other, content in (extra[0] if extra else {}).items():
                (folder / other).write_bytes(content)
            path = folder / name
            path.write_bytes(data)
            code, wall, peak = run(
                [sys.executable, "-m", "textlint_gov.cli", str(path)], folder, args.timeout
            )
            status = "stopped" if code is None else f"exit {code}"
            print(
                f"{label:44} {len(data):>10,} bytes  {status:7}  wall {wall:6.2f} s  peak {peak:5.0f} MB",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
