"""``govlint serve`` under hostile clients (issue 16): slow connections and many large uploads.

Starts ``govlint serve --port 0`` (127.0.0.1 only) in a subprocess, then
1. opens 50 connections that send half a request head and stop, waits 15 s and counts how many the
   server still holds (uvicorn alone never times a head out; govlint answers 408 after 10 s);
2. sends N uploads of 19 MB at once (a file that is not a .docx, so each is read whole and refused
   with 422) and prints their statuses and the server's peak resident memory (VmHWM, Linux).

Nothing is asserted; the tests check the bounds without timing.

    python bench/serve_hostile.py          # N = 50
    python bench/serve_hostile.py -n 20
"""

from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path


def _status(s: socket.socket) -> str:
    data = b""
    try:
        while chunk := s.recv(65536):
            data += chunk
    except OSError:
        pass
    return data[9:12].decode() or "closed"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=50)
    args = ap.parse_args()
    proc = subprocess.Popen(
        [sys.executable, "-m", "textlint_gov.cli", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = ""
        while "http://" not in line:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                print("server did not start")
                return 1
        port = int(re.search(r":(\d+)/", line).group(1))

        slow = []
        for _ in range(50):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(b"GET / HTTP/1.1\r\nHo")
            slow.append(s)
        time.sleep(15)
        held = 0
        for s in slow:
            s.setblocking(False)
            try:
                data = s.recv(100)
                held += not (data == b"" or data.startswith(b"HTTP/1.1 408"))
            except BlockingIOError:
                held += 1
            except OSError:
                pass
            s.close()
        print(f"50 connections sending half a head: {held} still held after 15 s")

        body = b"x" * (19 * 1024 * 1024)
        head = (
            f"POST /api/check?name=a.docx HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        statuses: list[str] = []

        def upload() -> None:
            with socket.create_connection(("127.0.0.1", port), timeout=120) as s:
                try:
                    s.sendall(head)
                    s.sendall(body)
                except OSError:
                    pass
                statuses.append(_status(s))

        threads = [threading.Thread(target=upload) for _ in range(args.n)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join(300)
        wall = time.perf_counter() - t
        hwm = re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{proc.pid}/status").read_text())
        peak = f"{int(hwm.group(1)) // 1024} MB" if hwm else "?"
        print(
            f"{args.n} uploads of 19 MB at once: {wall:.1f} s, statuses {dict(Counter(statuses))}, "
            f"server peak memory {peak}"
        )
    finally:
        proc.terminate()
        proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
