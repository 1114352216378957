"""Time ``govlint audit`` on a generated export: 10,000 posts of about 1,500 characters over 40 units.

Issue 5 target: under 60 s on the 2-core machine with the typo rules on (all rules, default
configuration). The export is generated in a temporary folder (not timed); posts are mostly .txt and
.md with some .html and .docx, dated across January 2021 (a few undated or in February), and about one
in ten carries a known typo. Prints the cold run (empty cache), the warm run (the cache the cold run filled), the CPU time of
the audit and its workers, and the load average, so the figure can be read against what else the
machine was doing (CPU seconds / cores estimates the wall time on an idle machine).

    python bench/audit_bench.py [--posts 10000] [--units 40] [--jobs N] [--ignore GOV102] [--keep DIR]
                                [--text official]

The posts' paragraphs are built from a few dozen phrases (``--text template``, the issue 5 figure), so
the same runs of characters recur in almost every post, far more than in real posts, and GOV102 judges
a recurring run once. ``--text official`` takes the paragraphs instead, in order and none twice, from
../shared/corpus (State Council documents, then laws and regulations): text that recurs only as much as
official text does.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

SUBJECTS = [
    "全市",
    "我局",
    "各乡镇（街道）",
    "各有关单位",
    "区政府",
    "市委、市政府",
    "相关部门",
    "各级党组织",
    "各村（社区）",
    "全体干部职工",
    "工作专班",
    "督查组",
]
VERBS = [
    "深入贯彻落实",
    "认真组织开展",
    "扎实推进",
    "统筹做好",
    "持续加强",
    "全面落实",
    "进一步完善",
    "积极稳妥推进",
    "研究部署",
    "集中开展",
]
OBJECTS = [
    "安全生产大检查",
    "冬季供暖保障工作",
    "疫情防控各项措施",
    "优化营商环境改革",
    "农村人居环境整治",
    "河湖长制工作",
    "“放管服”改革",
    "民生实事项目",
    "防汛抗旱准备",
    "政务公开标准化建设",
    "森林防火工作",
    "食品安全专项整治",
    "义务教育阶段招生",
    "城乡低保动态管理",
    "重点项目建设",
    "信访积案化解",
]
TAILS = [
    "，确保各项任务落到实处。",
    "，切实保障人民群众生命财产安全。",
    "，推动工作取得实效。",
    "，形成工作合力。",
    "，做到早部署、早落实。",
    "，及时向社会公开办理结果。",
    "，营造良好的社会氛围。",
    "，确保按期完成年度目标任务。",
]
EXTRA = [
    "会议指出，要提高政治站位，强化责任担当。",
    "会上，与会人员围绕有关议题进行了交流发言。",
    "截至1月底，共排查隐患120处，已整改115处，整改率95.8%。",
    "下一步，我们将继续加大工作力度，不断提升服务水平。",
    "活动期间，共发放宣传资料3000余份，接受群众咨询200余人次。",
    "各单位要按照职责分工，认真抓好贯彻落实。",
]
TYPOS = ["认真布署冬季安全工作。", "大家再接再励，争取更好成绩。", "一如继往地支持基层建设。"]
TITLES = ["关于做好{o}的通知", "我局召开{o}推进会", "{s}开展{o}", "关于{o}进展情况的报告", "{s}部署{o}"]


def paragraph(rnd: random.Random) -> str:
    parts = []
    for _ in range(rnd.randint(3, 5)):
        parts.append(rnd.choice(SUBJECTS) + rnd.choice(VERBS) + rnd.choice(OBJECTS) + rnd.choice(TAILS))
        if rnd.random() < 0.4:
            parts.append(rnd.choice(EXTRA))
    return "".join(parts)


def official_paragraphs(corpus: Path):
    """The paragraphs of ../shared/corpus in order: State Council documents, then laws and regulations
    (their Markdown front matter and headings left out)."""
    files = sorted((corpus / "state_council").glob("*.txt")) + sorted((corpus / "laws").rglob("*.md"))
    for f in files:
        lines = f.read_text(encoding="utf-8").splitlines()
        if lines and lines[0] == "---":  # front matter
            lines = lines[lines.index("---", 1) + 1 :] if "---" in lines[1:] else []
        for line in lines:
            line = line.strip()
            if len(line) >= 20 and not line.startswith(("#", "<!--")):
                yield line


def post(rnd: random.Random, target: int = 1500, source=None) -> tuple[str, list[str]]:
    """A title and paragraphs of about ``target`` characters: from the phrases above, or the next
    paragraphs of ``source`` (an iterator of official text) when given."""
    title = rnd.choice(TITLES).format(o=rnd.choice(OBJECTS).strip("“”"), s=rnd.choice(SUBJECTS))
    paras: list[str] = []
    while sum(map(len, paras)) < target - 100:
        paras.append(paragraph(rnd) if source is None else next(source))
    if rnd.random() < 0.1:
        i = rnd.randrange(len(paras))
        paras[i] = paras[i] + rnd.choice(TYPOS)
    return title, paras


def generate(root: Path, posts: int, units: int, seed: int = 20210131, text: str = "template") -> dict:
    import docx

    rnd = random.Random(seed)
    source = official_paragraphs(CORPUS) if text == "official" else None
    names = [f"第{i + 1}局" if i < units * 3 // 4 else f"第{i + 1}镇" for i in range(units)]
    groups = ["市直单位" if n.endswith("局") else "镇（街道）" for n in names]
    lines = ["units:"]
    for n, g in zip(names, groups):
        lines += [
            f"  - name: {n}",
            f"    group: {g}",
            f"    scores: {{公共服务: {rnd.randint(2, 5)}, 交流互动: {rnd.randint(1, 3)}, 网站建设及安全: {rnd.randint(10, 15)}}}",
        ]
    (root / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n in names:
        (root / n).mkdir()
    chars = 0
    kinds = {"txt": 0, "md": 0, "html": 0, "docx": 0}
    for k in range(posts):
        unit = names[k % units]
        title, paras = post(rnd, source=source)
        chars += len(title) + sum(map(len, paras))
        day = rnd.randint(1, 31)
        r = rnd.random()
        prefix = f"2021-01-{day:02d} " if r > 0.01 else ("2021-02-02 " if r > 0.005 else "")
        kind = rnd.choices(["txt", "md", "html", "docx"], weights=[55, 25, 15, 5])[0]
        kinds[kind] += 1
        path = root / unit / f"{prefix}稿件{k:05d}.{kind}"
        if kind == "txt":
            path.write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        elif kind == "md":
            path.write_text(f"# {title}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        elif kind == "html":
            body = "".join(f"<p>{p}</p>" for p in paras)
            path.write_text(
                f'<html><head><meta name="ArticleTitle" content="{title}"><meta name="PubDate" '
                f'content="2021-01-{day:02d}"></head><body><h1>{title}</h1>{body}</body></html>',
                encoding="utf-8",
            )
        else:
            d = docx.Document()
            d.add_heading(title, 1)
            for p in paras:
                d.add_paragraph(p)
            d.save(str(path))
    return {"posts": posts, "units": units, "avg_chars": round(chars / posts), "kinds": kinds}


def run(
    export: Path, jobs: int | None, cache: Path | None, cwd: Path, config: Path | None
) -> tuple[float, float, dict]:
    """(wall seconds, CPU seconds of the audit and its workers, the JSON result)."""
    cmd = [
        sys.executable,
        "-m",
        "textlint_gov",
        "audit",
        str(export),
        "--month",
        "2021-01",
        "--format",
        "json",
        "--output",
        str(cwd / "audit.json"),
    ]
    cmd += ["--cache-dir", str(cache)] if cache else ["--no-cache"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    if config:
        cmd += ["--config", str(config)]
    env = dict(os.environ)
    if (cwd / "snapshot").is_dir():
        env["PYTHONPATH"] = str(cwd / "snapshot")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"audit failed ({proc.returncode}): {proc.stderr}")
    return elapsed, cpu, json.loads((cwd / "audit.json").read_text(encoding="utf-8"))


def snapshot(target: Path) -> None:
    """A frozen copy of the installed package (with its dictionaries), so the cache fingerprint, which
    hashes govlint's code and data, cannot change between the cold and the warm run."""
    import textlint_gov
    from textlint_gov.rules.kinds import dictionaries_dir

    pkg = Path(textlint_gov.__file__).parent
    shutil.copytree(
        pkg, target / "textlint_gov", ignore=shutil.ignore_patterns("__pycache__", "dictionaries")
    )
    shutil.copytree(
        dictionaries_dir(),
        target / "textlint_gov" / "dictionaries",
        ignore=shutil.ignore_patterns("__pycache__"),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=10_000)
    ap.add_argument("--units", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=None, help="default: govlint's default (CPU count)")
    ap.add_argument(
        "--ignore", default="", help="rule codes to switch off, comma-separated (for a breakdown)"
    )
    ap.add_argument(
        "--no-snapshot",
        action="store_true",
        help="run the working tree itself, not a frozen copy (edits during the run then empty the cache)",
    )
    ap.add_argument(
        "--text",
        choices=("template", "official"),
        default="template",
        help="paragraphs from a few dozen phrases (default), or from ../shared/corpus's official text",
    )
    ap.add_argument(
        "--keep", type=Path, help="generate into this folder and keep it (reused if it has units.yaml)"
    )
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="govlint-audit-bench-"))
    export = args.keep or tmp / "export"
    config = None
    if args.ignore:
        config = tmp / "rules.yaml"
        config.write_text(f"ignore: [{args.ignore}]\n", encoding="utf-8")
    try:
        if not args.no_snapshot:
            snapshot(tmp / "snapshot")
        if not (export / "units.yaml").exists():
            if export.exists():
                shutil.rmtree(export)
            export.mkdir(parents=True)
            t0 = time.perf_counter()
            info = generate(export, args.posts, args.units, text=args.text)
            print(
                f"generated {info['posts']} posts over {info['units']} units ({args.text} text), "
                f"~{info['avg_chars']} chars each "
                f"{info['kinds']} in {time.perf_counter() - t0:.1f} s"
            )
        cpus = os.cpu_count() or 1
        print(
            f"cpus {cpus}, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
            f"{'; rules ignored: ' + args.ignore if args.ignore else '; all rules on'}"
        )
        cache = tmp / "cache"
        cold, cpu, data = run(export, args.jobs, cache, tmp, config)
        n = data["files_checked"]
        print(
            f"cold audit (empty cache): {cold:.1f} s wall  [target < 60 s], {n / cold:.0f} files/s; "
            f"CPU {cpu:.1f} s = {cpu / n * 1000:.1f} ms/file (idle-machine estimate {cpu / cpus:.1f} s on {cpus} cores); "
            f"load average after: {os.getloadavg()[0]:.2f}"
        )
        findings = sum(sum(u["findings"].values()) for u in data["units"])
        print(
            f"  units {len(data['units'])}, files {n}, posts counted {sum(u['posts'] for u in data['units'])}, "
            f"findings {findings}, problems {len(data['problems'])}"
        )
        flagged = [i for u in data["units"] for i in u.get("indicators", []) if i["status"] != "ok"]
        print(
            f"  indicators: {sum(len(u.get('indicators', [])) for u in data['units'])} computed, "
            f"单项否决 {len(data.get('vetoes', []))}, 预警 {sum(i['status'] == '预警' for i in flagged)}"
        )
        warm, cpu2, data2 = run(export, args.jobs, cache, tmp, config)
        print(
            f"warm audit (nothing changed): {warm:.1f} s wall, CPU {cpu2:.1f} s, cache hits "
            f"{data2['cache_hits']}/{data2['files_checked']}"
        )
        same = [u["total"] for u in data["units"]] == [u["total"] for u in data2["units"]]
        print(f"  same totals from the cache: {same}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
