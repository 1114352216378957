"""Time and memory of govlint on small crafted inputs (issue 16): each must stay far below 10 s and 600 MB.

Builds every input itself, runs each in a fresh process (``govlint`` on the file, as a user would)
and prints wall time and peak memory.

    python bench/hostile_bench.py
"""

from __future__ import annotations

import io
import resource
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
        z.writestr("word/document.xml", "<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'/>")
        for i in range(10):
            z.writestr(f"customXml/item{i}.xml", b" " * (5 * 1024 * 1024))
    return buf.getvalue()


CASES = {
    "GOV301: 中文, + 80,000 letters (.txt)": ("a.txt", ("标题\n中文," + "a" * 80_000 + "\n").encode()),
    "GOV301: 中文, + 80,000 digits (.txt)": ("b.txt", ("标题\n中文," + "1" * 80_000 + "\n").encode()),
    "front matter alias bomb (.md)": ("c.md", ("---\n" + laughs() + "date: *a8\n---\n# 通知\n正文。\n").encode()),
    "50 MB of XML in small parts (.docx)": ("d.docx", xml_bomb_docx()),
}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for label, (name, data) in CASES.items():
            path = Path(tmp) / name
            path.write_bytes(data)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "textlint_gov.cli", str(path)], capture_output=True,
                                  cwd=tmp, timeout=600)
            wall = time.perf_counter() - t
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            grew = peak if peak > before.ru_maxrss / 1024 else before.ru_maxrss / 1024
            print(f"{label:40} {len(data):>9,} bytes  exit {proc.returncode}  wall {wall:5.2f} s  "
                  f"peak of any run so far {grew:4.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
