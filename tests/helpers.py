"""Assertions shared by tests: a finding's reported position holds its match."""

from __future__ import annotations

import html
import socket
import threading
import time

from textlint_gov.config import Config
from textlint_gov.engine import lint
from textlint_gov.loaders import load, load_bytes


def assert_positions(doc, findings) -> None:
    for f in findings:
        src = doc.source[f.start : f.end]
        if doc.meta.get("format") == "html":
            src = html.unescape(src)
        assert src == f.match, (f.code, f.match, src)
        assert (f.line, f.column) == doc.location(f.start)
        if f.line == f.end_line:
            line = doc.source_line_at(f.start)
            cell = line[f.column - 1 : f.end_column - 1]
            assert (html.unescape(cell) if doc.meta.get("format") == "html" else cell) == f.match


def lint_text(text: str, name: str = "t.txt", config: Config | None = None, **meta):
    doc = load_bytes(text.encode("utf-8"), name)
    doc.meta.update(meta)
    findings = lint(doc, config or Config())
    assert_positions(doc, findings)
    return findings


def lint_file(path, config: Config | None = None):
    doc = load(path)
    findings = lint(doc, config or Config())
    assert_positions(doc, findings)
    return doc, findings


def codes(findings) -> list[str]:
    return [f.code for f in findings]


class LiveServer:
    """``app`` under uvicorn as ``govlint serve`` runs it, in a thread, on a free loopback port."""

    def __init__(self, app, host: str = "127.0.0.1", **overrides):
        import uvicorn

        from textlint_gov.serve.server import server_config

        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.bind((host, 0))
        self.sock.listen(128)
        self.host, self.port = host, self.sock.getsockname()[1]
        self.url = f"http://{'[' + host + ']' if ':' in host else host}:{self.port}"
        self.server = uvicorn.Server(server_config(app, **overrides))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.sock.close()
