"""Issue 16 (Low): ``govlint serve`` under hostile clients. Bounded time (read deadlines), bounded
concurrency (503 with a Chinese message), IPv6, the Host check on every address, and a 4xx for every
bad request. Live servers listen on 127.0.0.1 / ::1 only, on a free port, with short deadlines."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

pytest.importorskip("starlette")
from helpers import LiveServer
from starlette.testclient import TestClient

from textlint_gov.config import load_config
from textlint_gov.serve.app import LOOPBACK_HOSTS, allowed_hosts_for, create_app, host_name
from textlint_gov.serve.server import TimedH11Protocol

CONFIG = None


def _config():
    global CONFIG
    if CONFIG is None:
        CONFIG = load_config(None, discover=False)
    return CONFIG


@pytest.fixture(scope="module")
def app():
    return create_app(_config(), allowed_hosts=LOOPBACK_HOSTS)


@pytest.fixture
def client(app):
    return TestClient(app, base_url="http://127.0.0.1")


class QuickProtocol(TimedH11Protocol):
    head_timeout = 0.5
    body_idle_timeout = 0.5
    body_timeout = 2.0


class Live(LiveServer):
    """A live server with raw-socket helpers for slow and malformed clients."""

    def connect(self) -> socket.socket:
        s = socket.create_connection((self.host, self.port), timeout=20)
        return s

    def request(self, raw: bytes) -> tuple[int, bytes]:
        with self.connect() as s:
            s.sendall(raw)
            data = _read_all(s)
        head, _, body = data.partition(b"\r\n\r\n")
        return int(head.split()[1]), body


def _read_all(s: socket.socket) -> bytes:
    chunks = []
    while True:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _post(path: str, body: bytes, host: str = "127.0.0.1", ctype: str = "application/octet-stream") -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body


def _get(path: str, host: str = "127.0.0.1") -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()


# ---- 4xx for every bad request ------------------------------------------------------------------


def test_deeply_nested_json_is_a_400(client):
    r = client.post(
        "/api/check",
        content=b'{"text": ' + b"[" * 200_000 + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400 and "JSON" in r.json()["error"]
    r = client.post("/api/check", content=b"[" * 200_000, headers={"Content-Type": "application/json"})
    assert r.status_code == 400


@pytest.mark.parametrize(
    "name,body,ctype",
    [
        ("a.txt", b"\xff\xfe\x00", "application/json"),
        ("a.txt", b'["text"]', "application/json"),
        ("a.txt", b'{"text": 5}', "application/json"),
        ("a.txt", b'{"text": {"a": 1}}', "application/json"),
        ("a.txt", b"null", "application/json"),
        ("a.txt", b'"' + b"\\u" * 10 + b'"', "application/json"),
        ("", b"abc", "application/octet-stream"),
        ("a\x00.txt", b"abc", "application/octet-stream"),
        ("../../etc/passwd", b"abc", "application/octet-stream"),
        ("a.docx", b"PK\x03\x04" + b"\x00" * 100, "application/octet-stream"),
        ("a.docx", b"not a zip", "application/octet-stream"),
        ("a.txt", b"\x00" * 1000, "application/octet-stream"),
        ("a.html", b"<a " * 2000, "application/octet-stream"),
        ("a.md", b"---\n" + b"x: &a [1]\n" * 3 + b"y: [*a, *a]\n---\n", "application/octet-stream"),
    ],
)
def test_bad_requests_get_a_4xx(client, name, body, ctype):
    r = client.post("/api/check", params={"name": name}, content=body, headers={"Content-Type": ctype})
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        assert r.json()["error"]


def test_bad_review_requests_get_a_4xx(client):
    r = client.post(
        "/api/review",
        params={"name": "a.docx"},
        content=b"PK\x03\x04junk",
        headers={"Content-Type": "application/octet-stream"},
    )
    assert 400 <= r.status_code < 500 or r.status_code == 501


# ---- the Host check, IPv6 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "header,name",
    [
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("localhost:8000", "localhost"),
        ("LOCALHOST.", "localhost"),
        ("127.0.0.1", "127.0.0.1"),
        ("::1", ""),
        ("[::1", ""),
    ],
)
def test_host_name_of_a_host_header(header, name):
    assert host_name(header) == name


def test_ipv6_loopback_host_header_is_accepted(client):
    assert client.get("/api/info", headers={"Host": "[::1]:8000"}).status_code == 200
    assert client.get("/api/info", headers={"Host": "evil.example"}).status_code == 400


def test_all_interfaces_keeps_the_host_check():
    names = allowed_hosts_for("0.0.0.0", ["review.example.gov.cn"])
    assert "localhost" in names and socket.gethostname().lower() in names and "0.0.0.0" not in names
    c = TestClient(create_app(_config(), allowed_hosts=names), base_url="http://127.0.0.1")
    refused = c.get("/api/info", headers={"Host": "evil.example:8000"})
    assert refused.status_code == 400 and "主机名" in refused.json()["error"]
    for ok in (
        "192.168.1.20:8000",
        "[fe80::1]:8000",
        f"{socket.gethostname()}:8000",
        "review.example.gov.cn",
    ):
        assert c.get("/api/info", headers={"Host": ok}).status_code == 200, ok


def test_serve_command_passes_a_host_list_for_every_address(monkeypatch):
    """``--host 0.0.0.0`` used to switch the Host check off (``allowed_hosts=None``)."""
    from click.testing import CliRunner

    import textlint_gov.serve as serve_module
    import textlint_gov.serve.app as app_module

    class Stop(Exception):
        pass

    seen = {}

    def spy(config=None, **kw):
        seen.update(kw)
        raise Stop  # before anything is served

    real_bind = serve_module._bind
    monkeypatch.setattr(
        serve_module, "_bind", lambda host, port: real_bind("127.0.0.1", 0)
    )  # never all interfaces
    monkeypatch.setattr(app_module, "create_app", spy)
    r = CliRunner().invoke(
        serve_module.serve,
        ["--host", "0.0.0.0", "--port", "0", "--allow-host", "x.example", "--max-checks", "2"],
    )
    assert isinstance(r.exception, Stop)
    assert seen["allowed_hosts"] is not None and "x.example" in seen["allowed_hosts"]
    assert "localhost" in seen["allowed_hosts"] and seen["max_active"] == 2


def test_ipv6_loopback_server_answers(app):
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("::1 is not available here")
    with Live(app, host="::1") as live:
        status, body = live.request(_get("/api/info", host=f"[::1]:{live.port}"))
        assert status == 200 and json.loads(body)["max_upload"] > 0
        status, body = live.request(
            _post(
                "/api/check",
                json.dumps({"text": "通知\n布署工作。"}).encode(),
                host=f"[::1]:{live.port}",
                ctype="application/json",
            )
        )
        assert status == 200 and "GOV101" in body.decode()


# ---- bounded time: read deadlines ---------------------------------------------------------------


def test_slow_clients_are_cut_off_and_others_still_served(app):
    with Live(app, http=QuickProtocol) as live:
        slow = []
        for k in range(50):
            s = live.connect()
            s.sendall(b"GET / HTTP/1.1\r\nHo" if k % 2 else b"G")  # a head that never ends
            slow.append(s)
        status, _ = live.request(_get("/api/info"))
        assert status == 200  # served while fifty connections hang
        for s in slow:
            data = _read_all(s)  # returns once the server closes (the socket timeout is 20 s)
            assert data == b"" or data.startswith(b"HTTP/1.1 408")
            s.close()
        assert "请求超时".encode() in data or data == b""


def test_a_body_that_stops_arriving_is_cut_off_and_frees_its_slot(app):
    one = create_app(_config(), allowed_hosts=LOOPBACK_HOSTS, max_active=1, max_waiting=0)
    with Live(one, http=QuickProtocol) as live:
        s = live.connect()
        s.sendall(_post("/api/check?name=a.txt", b"x" * 1000)[:-990])
        _read_all(s)  # closed by the server
        s.close()
        deadline = time.monotonic() + 20
        while one.state.active():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        status, _ = live.request(_post("/api/check?name=a.txt", "通知\n布署工作。\n".encode()))
        assert status == 200


def test_a_keep_alive_connection_gets_a_new_head_deadline(app):
    with Live(app, http=QuickProtocol) as live:
        with live.connect() as s:
            s.sendall(
                b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /api/in"
            )  # second head never ends
            data = _read_all(s)
        assert data.startswith(b"HTTP/1.1 200") and b"408" in data.split(b"\r\n\r\n", 1)[1]


# ---- bounded concurrency ------------------------------------------------------------------------


def test_checks_beyond_the_limit_get_503_in_chinese(app):
    one = create_app(_config(), allowed_hosts=LOOPBACK_HOSTS, max_active=1, max_waiting=0)
    with Live(one) as live:
        held = live.connect()
        body = "通知\n布署工作。\n".encode()
        raw = _post("/api/check?name=a.txt", body)
        held.sendall(raw[:-5])  # the upload is in progress and holds the one slot
        deadline = time.monotonic() + 20
        while one.state.active() < 1:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        status, reply = live.request(_post("/api/check?name=b.txt", body))
        assert status == 503 and "服务器正忙" in json.loads(reply)["error"]
        held.sendall(raw[-5:])
        assert _read_all(held).startswith(b"HTTP/1.1 200")
        held.close()
        status, _ = live.request(_post("/api/check?name=b.txt", body))
        assert status == 200


def test_waiting_checks_are_served_when_a_slot_frees(app):
    one = create_app(_config(), allowed_hosts=LOOPBACK_HOSTS, max_active=1, max_waiting=8)
    with Live(one) as live:
        held = live.connect()
        body = "通知\n布署工作。\n".encode()
        raw = _post("/api/check?name=a.txt", body)
        held.sendall(raw[:-5])
        deadline = time.monotonic() + 20
        while one.state.active() < 1:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        results = []
        t = threading.Thread(
            target=lambda: results.append(live.request(_post("/api/check?name=b.txt", body)))
        )
        t.start()
        time.sleep(0.3)
        held.sendall(raw[-5:])
        assert _read_all(held).startswith(b"HTTP/1.1 200")
        held.close()
        t.join(timeout=30)
        assert results and results[0][0] == 200


def test_uploads_held_in_memory_are_bounded(app):
    """Sixteen 3 MB uploads at once, two slots: at most two bodies are read at a time, and a refused
    upload is freed at once (its traceback no longer keeps it alive until a garbage collection)."""
    import tracemalloc

    two = create_app(_config(), allowed_hosts=LOOPBACK_HOSTS, max_active=2, max_waiting=32)
    body = b"x" * (3 * 1024 * 1024)
    raw = _post("/api/check?name=a.docx", body)  # built once: the clients' copies are not counted
    with Live(two) as live:
        statuses = []

        def upload():
            statuses.append(live.request(raw)[0])

        tracemalloc.start()
        try:
            threads = [threading.Thread(target=upload) for _ in range(16)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert sorted(set(statuses)) == [422]  # not a .docx; every one was read and answered
    assert two.state.peak_active() <= 2
    assert peak < 8 * len(body)  # two slots: about 4 bodies (about 13 MB); bodies kept by tracebacks: 54 MB
