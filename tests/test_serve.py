"""``govlint serve``: the review page's API, in process (Starlette's test client), plus one real
uvicorn server in a thread for 20 concurrent checks. The browser test is test_serve_browser.py."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from urllib.request import Request, urlopen

import pytest
from conftest import make_docx
from helpers import LiveServer

starlette = pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from textlint_gov.config import config_from_dict, load_config  # noqa: E402
from textlint_gov.serve.app import LOOPBACK_HOSTS, create_app  # noqa: E402

BASE = "http://127.0.0.1"
LEADER_AND_TYPO = "习近平书记强调，各级部门要认真布署防汛工作。"


@pytest.fixture(scope="module")
def app():
    return create_app(load_config(None, discover=False), allowed_hosts=LOOPBACK_HOSTS)


@pytest.fixture
def client(app):
    return TestClient(app, base_url=BASE)


def docx_bytes(tmp_path, paragraphs, **kw) -> bytes:
    return make_docx(tmp_path / "d.docx", paragraphs, **kw).read_bytes()


def post_file(client, name, data):
    return client.post(
        "/api/check",
        params={"name": name},
        content=data,
        headers={"Content-Type": "application/octet-stream"},
    )


def by_code(result, code):
    return [f for f in result["findings"] if f["code"] == code]


# ---- the page and its assets ----------------------------------------------------------------


def test_page_and_assets_are_served_locally(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "稿件校对" in page.text
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    for name, ctype in (("app.js", "javascript"), ("app.css", "text/css"), ("favicon.svg", "image/svg+xml")):
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and ctype in r.headers["content-type"], name
        # nothing is loaded from the network: no absolute URL other than the SVG namespace
        text = r.text.replace("http://www.w3.org/2000/svg", "")
        assert "http://" not in text and "https://" not in text and "url(" not in text, name
    assert "http" not in page.text.replace("http-equiv", "")
    assert client.get("/static/../app.py").status_code == 404
    missing = client.get("/static/nothing.js")
    assert missing.status_code == 404 and "没有" in missing.json()["error"]


def test_info_reports_limits_and_title_width(client):
    info = client.get("/api/info").json()
    assert info["max_upload"] == 20 * 1024 * 1024 and info["max_upload_text"] == "20 MB"
    assert ".docx" in info["suffixes"] and info["title_limit"] == 30
    assert info["categories"]["typo"] == "错别字"


def test_foreign_host_header_is_refused(client):
    r = client.get("/", headers={"Host": "evil.example"})
    assert r.status_code == 400
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


# ---- checking -------------------------------------------------------------------------------


def test_docx_findings_are_placed_on_their_blocks(client, tmp_path):
    data = docx_bytes(tmp_path, [LEADER_AND_TYPO], heading="关于做好防汛工作的通知")
    r = post_file(client, "防汛通知.docx", data)
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["name"] == "防汛通知.docx" and res["format"] == "docx"
    assert "source" not in res  # only pasted text carries its source back
    leader, typo = by_code(res, "GOV001")[0], by_code(res, "GOV101")[0]
    assert (leader["match"], leader["suggestion"], leader["category_name"]) == (
        "习近平书记",
        "习近平总书记",
        "表述",
    )
    assert (typo["match"], typo["suggestion"], typo["category_name"]) == ("布署", "部署", "错别字")
    assert leader["severity"] == "error" and leader["severity_label"] == "错误"
    for f in res["findings"]:
        block = res["blocks"][f["block"]]
        assert block["text"][f["block_start"] : f["block_end"]] == f["match"], f
    assert res["blocks"][leader["block"]]["where"] == "第2段"
    assert res["counts"]["error"] >= 2
    assert [c["name"] for c in res["categories"]][:2] == ["表述", "错别字"]
    assert res["title"]["text"] == "关于做好防汛工作的通知" and res["title"]["fits"] is True


def test_report_is_the_command_line_json(client, tmp_path):
    from textlint_gov.cli import check_one
    from textlint_gov.formatters import render

    path = make_docx(
        tmp_path / "稿件.docx", [LEADER_AND_TYPO, "联系电话：13812345678。"], heading="关于做好防汛工作的通知"
    )
    res = post_file(client, "稿件.docx", path.read_bytes()).json()
    cli = json.loads(render("json", [check_one(str(path), load_config(None, discover=False))]))
    for rec in cli:
        rec["path"] = "稿件.docx"
    assert res["report"] == cli and cli


def test_each_format_is_accepted(client, tmp_path):
    drafts = {
        "a.txt": "关于防汛的通知\n习近平书记强调要布署。\n".encode("gb18030"),
        "a.md": "# 关于防汛的通知\n\n习近平书记强调要布署。\n".encode(),
        "a.html": "<html><head><title>通知</title></head><body><p>习近平书记&nbsp;强调要布署。</p></body></html>".encode(),
        "a.docx": docx_bytes(tmp_path, ["习近平书记强调要布署。"]),
    }
    for name, data in drafts.items():
        res = post_file(client, name, data).json()
        typos = by_code(res, "GOV101")
        assert typos, name
        for f in res["findings"]:
            assert res["blocks"][f["block"]]["text"][f["block_start"] : f["block_end"]] == f["match"], (
                name,
                f,
            )


def test_pasted_text_and_its_safe_fixes(client):
    text = "关于开展防汛检查的通知\n习近平书记强调，要认真布署防汛工作。"
    r = client.post("/api/check", json={"text": "\ufeff" + text})
    assert r.status_code == 200, r.text
    res = r.json()
    assert res["source"] == text and res["name"] == "粘贴文本.txt"
    safe = [f for f in res["findings"] if f["fixable"]]
    assert {f["code"] for f in safe} >= {"GOV001", "GOV101"}
    fixed = list(text)
    for start, end, content in sorted((e for f in safe for e in f["fix"]), reverse=True):
        fixed[start:end] = content
    fixed = "".join(fixed)
    assert fixed == "关于开展防汛检查的通知\n习近平总书记强调，要认真部署防汛工作。"
    again = client.post("/api/check", json={"text": fixed}).json()
    assert not by_code(again, "GOV001") and not by_code(again, "GOV101")
    # unsafe suggestions never carry edits the page could apply
    assert all(f["fix"] == [] for f in res["findings"] if not f["fixable"])


def test_fixes_are_applied_by_the_server_as_fix_does(client):
    """The page sends the text and which findings to fix; the server chooses and applies the fixes
    (as --fix does) and returns the text checked again."""
    text = "关于开展防汛检查的通知\n习近平书记强调，要认真布署防汛工作。"
    res = client.post("/api/check", json={"text": text}).json()
    typo = next(f for f in res["findings"] if f["code"] == "GOV101")
    one = client.post("/api/fix", json={"text": text, "ids": [typo["id"]]})
    assert one.status_code == 200, one.text
    one = one.json()
    assert one["source"] == "关于开展防汛检查的通知\n习近平书记强调，要认真部署防汛工作。"
    assert one["applied"] == 1 and by_code(one, "GOV001") and not by_code(one, "GOV101")
    every = client.post("/api/fix", json={"text": text, "ids": None}).json()
    assert every["source"] == "关于开展防汛检查的通知\n习近平总书记强调，要认真部署防汛工作。"
    assert every["applied"] == 2 and not by_code(every, "GOV001") and not by_code(every, "GOV101")
    # a half-width pair is made full-width whole, never one half (fix.choose, fix._with_partners)
    pair = "通知\n见附件(2021年第2期)。"
    res = client.post("/api/check", json={"text": pair}).json()
    opener = [f["id"] for f in res["findings"] if f["match"] == "("]
    whole = client.post("/api/fix", json={"text": pair, "ids": opener}).json()
    assert whole["source"] == "通知\n见附件（2021年第2期）。" and whole["applied"] == 2
    for bad in ({"ids": None}, {"text": 5}, {"text": "x", "ids": ["1"]}, [1]):
        assert client.post("/api/fix", json=bad).status_code == 400


def test_title_is_cut_at_the_configured_width(tmp_path):
    cfg = tmp_path / "rules.yaml"
    cfg.write_text("rules: {GOV201: {max-width: 10}}\nignore: [GOV1]\n", encoding="utf-8")
    client = TestClient(create_app(load_config(cfg)), base_url=BASE)
    assert client.get("/api/info").json()["title_limit"] == 10
    res = client.post("/api/check", json={"text": "关于做好2024年度汛期防汛工作的通知\n要认真布署。"}).json()
    t = res["title"]
    from textlint_gov.rules.gov201_title_length import cut_at, display_width

    assert t["limit"] == 10 and t["fits"] is False
    assert t["cut"] == cut_at(t["text"], 10) and t["width"] == display_width(t["text"])
    assert t["shown"] == t["text"][: t["cut"]] + "…"
    assert by_code(res, "GOV201")
    assert not by_code(res, "GOV101")  # the configuration's ignore applies, as on the command line


def test_findings_carry_their_place_in_the_blocks():
    """The page draws blocks; each finding says where in them it is (no mapping back from source
    offsets), and the page's JSON passes that on."""
    from textlint_gov.engine import lint
    from textlint_gov.loaders import load_bytes
    from textlint_gov.serve.analysis import result_json

    doc = load_bytes("<p>甲&amp;乙 习近平书记&nbsp;丙</p><p>布署</p>".encode(), "x.html")
    findings = lint(doc, load_config(None, discover=False))
    assert findings
    for f in findings:
        i, a, e = f.block
        assert doc.blocks[i].text[a:e] == f.match
    shown = result_json(doc, findings, "x.html", 30)["findings"]
    assert [(d["block"], d["block_start"], d["block_end"]) for d in shown] == [f.block for f in findings]


# ---- bad, hostile and oversized input -----------------------------------------------------------


def _no_traceback(r):
    assert "Traceback" not in r.text and 'File "' not in r.text
    msg = r.json()["error"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in msg), msg
    return msg


@pytest.mark.parametrize(
    "name,data,status,words",
    [
        ("稿件.pdf", b"%PDF-1.4", 422, "PDF 文件损坏"),
        ("稿件.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, 422, "LibreOffice"),
        ("稿件.odt", b"PK\x03\x04", 415, "另存为"),
        ("稿件.exe", b"MZ", 415, "不支持"),
        ("稿件", b"abc", 415, "无扩展名"),
        ("坏.docx", b"not a zip" * 20, 422, "不是有效的 .docx"),
        ("加密.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, 422, "加密"),
        ("二进制.txt", bytes(range(256)) * 10, 422, "不是文本文件"),
        ("空.txt", b"", 400, "空文件"),
    ],
)
def test_bad_files_get_a_clear_message(client, name, data, status, words):
    r = post_file(client, name, data)
    assert r.status_code == status
    msg = _no_traceback(r)
    assert words in msg


def test_zip_bomb_and_nesting_are_refused(client):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * 15_000_000)
    r = post_file(client, "炸弹.docx", buf.getvalue())
    assert r.status_code == 422 and "压缩炸弹" in _no_traceback(r)
    deep = ("<div>" * 50_000 + "布署" + "</div>" * 50_000).encode()
    r = post_file(client, "深.html", deep)
    assert r.status_code in (200, 422)
    if r.status_code == 422:
        _no_traceback(r)


def test_malformed_requests(client):
    r = client.post("/api/check", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and "text" in _no_traceback(r)
    assert client.post("/api/check", json={"text": "   "}).status_code == 400
    r = client.post("/api/check", content=b"abc", headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 400 and "文件名" in _no_traceback(r)
    assert client.get("/api/check").status_code == 404 or client.get("/api/check").status_code == 405


def test_upload_limit(tmp_path):
    small = TestClient(create_app(load_config(None, discover=False), max_upload=1000), base_url=BASE)
    assert small.get("/api/info").json()["max_upload"] == 1000
    r = post_file(small, "大.txt", "布署".encode() * 1000)
    assert r.status_code == 413 and "过大" in _no_traceback(r)

    def chunks():  # no Content-Length: the cap holds while streaming
        for _ in range(10):
            yield b"x" * 500

    r = small.post("/api/check", params={"name": "大.txt"}, content=chunks())
    assert r.status_code == 413
    r = small.post("/api/check", json={"text": "布署" * 1000})
    assert r.status_code == 413
    assert post_file(small, "小.txt", "布署".encode()).status_code == 200


def test_internal_error_is_not_shown(app, client, monkeypatch):
    def boom(data, name):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(app.state.engine, "check", boom)
    r = post_file(client, "a.txt", "布署".encode())
    assert r.status_code == 500
    msg = _no_traceback(r)
    assert "secret" not in r.text and "RuntimeError" not in r.text and "管理员" in msg


def test_nothing_is_written(client, tmp_path, monkeypatch):
    import tempfile

    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    monkeypatch.chdir(tmp_path)
    data = docx_bytes(tmp_path, [LEADER_AND_TYPO])
    (tmp_path / "d.docx").unlink()
    assert post_file(client, "稿件.docx", data).status_code == 200
    client.post("/api/review", params={"name": "稿件.docx"}, content=data)
    assert list(spool.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["tmp"]


# ---- the reviewed Word copy ----------------------------------------------------------------------


def test_review_download_has_word_comments(client, tmp_path):
    data = docx_bytes(tmp_path, [LEADER_AND_TYPO], heading="关于做好防汛工作的通知")
    assert post_file(client, "防汛.docx", data).json()["review_available"] is True
    r = client.post("/api/review", params={"name": "防汛.docx"}, content=data)
    assert r.status_code == 200, r.text
    assert "wordprocessingml" in r.headers["content-type"]
    assert "%E9%98%B2%E6%B1%9B.govlint.docx" in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        comments = z.read("word/comments.xml").decode()
    assert "习近平总书记" in comments and "部署" in comments
    r = client.post("/api/review", params={"name": "a.txt"}, content="布署".encode())
    assert r.status_code == 415 and "docx" in _no_traceback(r)
    assert post_file(client, "a.txt", "布署".encode()).json()["review_available"] is False


def test_review_failure_is_one_clear_message(client, tmp_path, monkeypatch):
    import textlint_gov.serve.app as app_module

    def broken(data, findings):
        raise ValueError("boom")

    monkeypatch.setattr(app_module, "review_docx_bytes", broken)
    data = docx_bytes(tmp_path, [LEADER_AND_TYPO])
    r = client.post("/api/review", params={"name": "a.docx"}, content=data)
    assert r.status_code == 500 and "改用问题清单" in _no_traceback(r) and "boom" not in r.text


# ---- several clerks at once -------------------------------------------------------------------


def _draft(k: int) -> tuple[str, bytes, int]:
    """A distinct draft of at least 5,000 characters: its own number in the title, and typos
    (布署第k项) in k-dependent paragraphs. Returns (name, bytes, number of typos)."""
    filler = "各乡镇人民政府、区直各部门要切实做好汛期安全防范工作，落实值班值守制度，及时报送相关信息。"
    paras = [f"关于做好第{k}号防汛工作的通知"]
    typos = 0
    n = 0
    while sum(len(p) for p in paras) < 5000:
        text = filler
        if n % 5 == k % 5 and n // 5 <= k:
            text = text.replace("落实", f"布署第{k}项，落实")
            typos += 1
        paras.append(f"（{k}-{n}）" + text)
        n += 1
    name = f"稿件{k:02d}" + (".docx" if k % 2 else ".txt")
    if k % 2:
        import docx

        buf = io.BytesIO()
        d = docx.Document()
        for p in paras:
            d.add_paragraph(p)
        d.save(buf)
        return name, buf.getvalue(), typos
    return name, "\n".join(paras).encode("utf-8"), typos


def test_twenty_concurrent_checks_are_not_mixed_up(app, client):
    from urllib.parse import quote

    drafts = [_draft(k) for k in range(20)]
    assert len({typos for _, _, typos in drafts}) > 3  # the drafts really differ
    expected = {name: post_file(client, name, data).json() for name, data, _ in drafts}  # one at a time

    with LiveServer(app) as live:
        barrier = threading.Barrier(20)

        def at_once(item):
            name, data, _ = item
            req = Request(
                f"{live.url}/api/check?name={quote(name)}",
                data=data,
                method="POST",
                headers={"Content-Type": "application/octet-stream"},
            )
            barrier.wait(timeout=60)  # all twenty requests leave together
            with urlopen(req, timeout=300) as resp:
                return json.loads(resp.read())

        with ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(at_once, drafts))

    assert len(results) == 20
    for k, ((name, _data, typos), res) in enumerate(zip(drafts, results)):
        assert res["name"] == name
        assert res == expected[name]  # identical to the same draft checked alone
        assert f"第{k}号" in res["title"]["text"]
        assert sum(len(b["text"]) for b in res["blocks"]) >= 5000
        found = by_code(res, "GOV101")
        assert len(found) == typos
        assert all(f"布署第{k}项" in res["blocks"][f["block"]]["text"] for f in found)


# ---- the command ----------------------------------------------------------------------------


def test_cli_import_does_not_load_the_web_framework():
    code = (
        "import sys, textlint_gov.cli, textlint_gov.serve; "
        "assert 'starlette' not in sys.modules and 'uvicorn' not in sys.modules, 'framework imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_busy_port_is_a_clear_message(run_cli):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        result = run_cli("serve", "--port", port)
    assert result.exit_code == 1
    assert f"端口 {port} 已被占用" in result.output


def test_bad_config_exits_2(run_cli, tmp_path):
    (tmp_path / "bad.yaml").write_text("nonsense: 1\n", encoding="utf-8")
    result = run_cli("serve", "--config", tmp_path / "bad.yaml")
    assert result.exit_code == 2 and "配置错误" in result.output


def test_serve_is_listed(run_cli):
    assert "serve" in run_cli("--help").output
    out = run_cli("serve", "--help").output
    for opt in ("--host", "--port", "--config", "--max-upload-mb"):
        assert opt in out
    assert "127.0.0.1" in out and "8000" in out


def test_config_from_dict_engine_is_shared():
    app = create_app(config_from_dict({"ignore": ["GOV3"]}))
    c = TestClient(app, base_url=BASE)
    first = app.state.engine
    c.post("/api/check", json={"text": "标题\n布署,部署"})
    assert app.state.engine is first
    assert not [
        f
        for f in c.post("/api/check", json={"text": "标题\n布署,部署"}).json()["findings"]
        if f["code"].startswith("GOV3")
    ]


def test_findings_without_suggestion_carry_the_rules_example(client):
    res = client.post(
        "/api/check", json={"text": "我区召开安全生产工作会议\n会议要求各单位抓好落实。"}
    ).json()
    first_person = [f for f in res["findings"] if f["suggestion"] is None]
    assert first_person, res["findings"]
    for f in first_person:
        assert f["hint"] and f["hint"]["fix"]
    assert all(f["hint"] is None for f in res["findings"] if f["suggestion"] is not None)
