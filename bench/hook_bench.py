"""How long a pre-commit hook run of govlint takes: three small drafts, start-up included.

Target (issue "In the clerk's workflow"): under 1.5 s for three small drafts including start-up;
with ``--cache`` an unchanged file costs nothing (only start-up and hashing remain).

    python bench/hook_bench.py               # uses `python -m textlint_gov` of this interpreter
    python bench/hook_bench.py --repeat 7 --govlint /path/to/env/bin/govlint

Each figure is a separate process, as pre-commit starts it, timed from outside. The drafts (a .txt
notice, a .md news item, a .docx built with python-docx; 300-700 characters each, with a few
findings) are written to a temporary folder. Prints min and median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.5

PARAGRAPHS = [
    "为深入学习贯彻习近平书记重要讲话精神，进一步做好安全生产工作，现将有关事项通知如下。",
    "各单位要高度重视，认真布署，层层压实责任,确保各项措施落实到位。",
    "一、加强组织领导。各乡镇、各部门主要负责同志要亲自抓，分管负责同志要具体抓，"
    "切实把安全生产工作摆上重要议事日程。",
    "二、开展隐患排查。2024年3月1日至3月31日，在全区范围内开展安全生产大检查，"
    "重点检查道路交通、建筑施工、危险化学品、消防等领域。",
    "三、强化值班值守。严格执行24小时值班和领导带班制度，遇有重大情况及时报告。",
]


def write_drafts(folder: Path) -> list[Path]:
    import docx

    txt = folder / "notice.txt"
    txt.write_text("关于开展安全生产大检查的通知\n" + "\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    md = folder / "news.md"
    md.write_text(
        "---\ntitle: 我区召开安全生产工作会议\ndate: 2024-03-05\n---\n\n# 我区召开安全生产工作会议\n\n"
        + "\n\n".join(PARAGRAPHS[1:4])
        + "\n",
        encoding="utf-8",
    )
    d = docx.Document()
    d.add_heading("关于做好安全生产工作的通知", 1)
    for p in PARAGRAPHS:
        d.add_paragraph(p)
    path = folder / "draft.docx"
    d.save(str(path))
    return [txt, md, path]


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], repeat: int, cwd: Path) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds (user + system) of each run. On a shared machine the CPU time
    is the steadier figure: wall time also counts waiting for a core."""
    wall, cpu = [], []
    for _ in range(repeat):
        c0, t0 = _cpu(), time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True)
        wall.append(time.perf_counter() - t0)
        cpu.append(_cpu() - c0)
        if proc.returncode not in (0, 1):
            sys.exit(f"{shlex.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    return wall, cpu


def show(label: str, times: tuple[list[float], list[float]], target: float | None = None) -> None:
    wall, cpu = times
    line = (
        f"{label:<42} wall min {min(wall):6.3f} s  median {statistics.median(wall):6.3f} s"
        f"   cpu median {statistics.median(cpu):6.3f} s"
    )
    if target is not None:
        line += f"   target < {target} s: {'met' if statistics.median(wall) < target else 'NOT met'}"
    print(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--govlint", help="command to run (default: this Python's -m textlint_gov)")
    args = ap.parse_args()
    govlint = shlex.split(args.govlint) if args.govlint else [sys.executable, "-m", "textlint_gov"]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [p.name for p in write_drafts(folder)]
        sizes = ", ".join(f"{p} {(folder / p).stat().st_size} B" for p in files)
        print(f"drafts: {sizes}; {args.repeat} runs each; command: {shlex.join(govlint)}")
        print(
            f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
        )
        show("python start-up alone", timed([sys.executable, "-c", "pass"], args.repeat, folder))
        show("govlint --version (CLI start-up)", timed([*govlint, "--version"], args.repeat, folder))
        show("govlint on 3 drafts", timed([*govlint, *files], args.repeat, folder), TARGET)
        cache = ["--cache", "--cache-dir", str(folder / ".cache")]
        first = timed([*govlint, *cache, *files], 1, folder)
        show("govlint --cache, first run (fills cache)", first)
        show(
            "govlint --cache, unchanged drafts",
            timed([*govlint, *cache, *files], args.repeat, folder),
            TARGET,
        )
        (folder / "notice.txt").write_text(
            (folder / "notice.txt").read_text(encoding="utf-8") + "附件：名单\n", encoding="utf-8"
        )
        show("govlint --cache, one of 3 drafts changed", timed([*govlint, *cache, *files], 1, folder))


if __name__ == "__main__":
    main()
