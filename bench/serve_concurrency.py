"""How ``govlint serve`` copes with several clerks: N concurrent checks of a ~5,000-character draft.

Starts ``govlint serve --port 0`` in a subprocess, posts one draft alone (warm), then N at once
from N threads, and prints the wall time, each request's latency and whether every answer matched
the answer to the same draft checked alone. Nothing is asserted on time (tests do not time things).

    python bench/serve_concurrency.py            # 20 concurrent checks
    python bench/serve_concurrency.py -n 40
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote
from urllib.request import Request, urlopen


def draft(k: int) -> tuple[str, bytes]:
    filler = "各乡镇人民政府、区直各部门要切实做好汛期安全防范工作，落实值班值守制度，及时报送相关信息。"
    paras = [f"关于做好第{k}号防汛工作的通知"]
    n = 0
    while sum(len(p) for p in paras) < 5000:
        text = filler if n % 5 != k % 5 else filler.replace("落实", f"布署第{k}项，落实")
        paras.append(f"（{k}-{n}）{text}")
        n += 1
    if k % 2:
        import docx

        d = docx.Document()
        for p in paras:
            d.add_paragraph(p)
        buf = io.BytesIO()
        d.save(buf)
        return f"稿件{k:02d}.docx", buf.getvalue()
    return f"稿件{k:02d}.txt", "\n".join(paras).encode()


def post(url: str, name: str, data: bytes) -> tuple[float, dict]:
    t = time.perf_counter()
    req = Request(
        f"{url}api/check?name={quote(name)}",
        data=data,
        method="POST",
        headers={"Content-Type": "application/octet-stream"},
    )
    with urlopen(req, timeout=600) as resp:
        body = json.loads(resp.read())
    return time.perf_counter() - t, body


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=20)
    args = ap.parse_args()
    proc = subprocess.Popen(
        [sys.executable, "-m", "textlint_gov", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = None
        for line in proc.stdout:
            m = re.search(r"(http://\S+)", line)
            if m:
                url = m.group(1)
                break
        drafts = [draft(k) for k in range(args.n)]
        alone = {}
        singles = []
        for name, data in drafts:
            dt, body = post(url, name, data)
            alone[name] = body
            singles.append(dt)
        barrier = threading.Barrier(args.n)

        def at_once(item):
            barrier.wait()
            return post(url, *item)

        t = time.perf_counter()
        with ThreadPoolExecutor(args.n) as pool:
            results = list(pool.map(at_once, drafts))
        wall = time.perf_counter() - t
        ok = sum(1 for (name, _), (_, body) in zip(drafts, results) if body == alone[name])
        lat = sorted(dt for dt, _ in results)
        chars = statistics.mean(sum(len(b["text"]) for b in body["blocks"]) for _, body in results)
        print(f"drafts: {args.n} x {chars:.0f} characters (half .txt, half .docx)")
        print(f"one at a time: median {statistics.median(singles) * 1000:.0f} ms per check")
        print(
            f"{args.n} at once: wall {wall:.2f} s; latency median {statistics.median(lat):.2f} s, max {lat[-1]:.2f} s"
        )
        print(f"answers identical to the draft checked alone: {ok}/{args.n}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
