"""The review page in a real browser: Debian's Chromium driven by Playwright (never a downloaded
browser), against ``govlint serve`` started as a subprocess on a free loopback port.

Skipped, with the reason, only where Chromium or the Playwright package is not installed
(``.ci/run`` installs both). The screenshot is kept under ``tests/artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import make_docx

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # skipped below, with the reason
    expect = sync_playwright = None

CHROMIUM = os.environ.get("GOVLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


def _chromium_or_skip():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"Chromium 未安装（{CHROMIUM} 不存在；Debian: apt-get install -y chromium chromium-driver）"
        )
    if sync_playwright is None:
        pytest.skip("未安装 Python 包 playwright（pip install -e '.[test]'）")


@pytest.fixture
def server(tmp_path):
    """``govlint serve --port 0`` in a subprocess; yields the URL it prints."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "textlint_gov", "serve", "--host", "127.0.0.1", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True)
    reader.start()
    seen = []
    url = None
    try:
        while url is None:
            try:
                line = lines.get(timeout=60)
            except queue.Empty:
                pytest.fail("govlint serve 60 秒内未启动：\n" + "".join(seen))
            seen.append(line)
            m = re.search(r"请在浏览器中打开：(http://\S+)", line)
            if m:
                url = m.group(1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.join(timeout=10)
        proc.stdout.close()


@pytest.fixture
def browser_page():
    _chromium_or_skip()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1360, "height": 900}, locale="zh-CN")
            yield page
        finally:
            browser.close()


def test_upload_docx_shows_findings_in_place(browser_page, server, tmp_path, capsys):
    page = browser_page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    draft = make_docx(
        tmp_path / "防汛通知.docx",
        ["习近平书记强调，各级部门要认真布署防汛工作，确保群众生命财产安全。", "请各单位抓好落实。"],
        heading="关于进一步加强和改进全区汛期安全生产与防灾减灾救灾工作的实施意见",
    )
    page.goto(server)
    expect(page.locator("#limit")).to_have_text("20 MB")  # /api/info answered
    page.set_input_files("#file", str(draft))
    page.wait_for_selector("#result:not([hidden])", timeout=30_000)
    assert page.locator("#error").is_hidden()

    # both errors highlighted in the draft, coloured as errors
    leader = page.locator("#draft mark.hl", has_text="习近平书记")
    typo = page.locator("#draft mark.hl", has_text="布署")
    assert leader.count() == 1 and typo.count() == 1
    assert "sev-error" in leader.get_attribute("class")
    assert "sev-error" in typo.get_attribute("class")
    assert "习近平总书记" in leader.get_attribute("title")
    assert "部署" in typo.get_attribute("title")

    # the side list, grouped by category, says what to write instead
    groups = page.locator("#groups .group h3").all_inner_texts()
    assert any(g.startswith("表述") for g in groups) and any(g.startswith("错别字") for g in groups)
    leader_item = page.locator(".item", has_text="习近平总书记").first
    typo_item = page.locator(".item", has_text="部署").first
    assert "习近平书记" in leader_item.locator(".orig").inner_text()
    assert typo_item.locator(".sugg").inner_text() == "部署"
    assert page.locator(".item .apply").count() == 0  # an upload is fixed in Word, not here

    # clicking an item marks its place in the draft
    typo_item.click()
    page.wait_for_selector("#draft mark.hl.active")
    assert "布署" in page.locator("#draft mark.hl.active").first.inner_text()

    # the title as the front page cuts it, and the Word download offered
    assert "…" in page.locator("#title-box .front").inner_text()
    assert page.locator("#title-box .overflow").inner_text()
    assert page.locator("#dl-docx").is_visible()

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "serve_review_page.png"
    page.screenshot(path=str(shot), full_page=True)
    with capsys.disabled():  # shown even when output is captured
        print(f"\nscreenshot kept: {shot}")
    assert shot.stat().st_size > 10_000

    # no network: every request went to govlint itself
    assert requests and all(u.startswith(server) for u in requests), [
        u for u in requests if not u.startswith(server)
    ]


def test_paste_and_apply_safe_fix(browser_page, server, capsys):
    page = browser_page
    page.goto(server)
    page.fill("#text", "关于开展防汛检查的通知\n习近平书记强调，要认真布署防汛工作。")
    page.click("#check-text")
    page.wait_for_selector("#result:not([hidden])", timeout=30_000)
    assert page.locator("#draft mark.hl", has_text="习近平书记").count() == 1
    page.locator(".item", has_text="习近平总书记").first.locator(".apply").click()
    # (locator waits, not wait_for_function: the page's CSP forbids the eval that polling needs)
    expect(page.locator("#text")).to_have_value(
        "关于开展防汛检查的通知\n习近平总书记强调，要认真布署防汛工作。"
    )
    expect(page.locator("#status")).to_have_text("已改为“习近平总书记”，已重新检查。", timeout=30_000)
    expect(page.locator("#status")).not_to_have_class(re.compile("busy"))
    # re-checked: the leader's title is fixed, the typo is still reported
    page.wait_for_selector("#draft mark.hl")
    assert page.locator("#draft mark.hl", has_text="习近平").count() == 0
    assert page.locator("#draft mark.hl", has_text="布署").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "serve_paste_fixed.png"
    page.screenshot(path=str(shot), full_page=True)
    with capsys.disabled():  # shown even when output is captured
        print(f"\nscreenshot kept: {shot}")


def test_bad_file_gets_a_chinese_message(browser_page, server, tmp_path):
    page = browser_page
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"this is not a zip file at all" * 10)
    page.goto(server)
    page.set_input_files("#file", str(bad))
    page.wait_for_selector("#error:not([hidden])", timeout=30_000)
    text = page.locator("#error").inner_text()
    assert "坏文件.docx" in text and "不是有效的 .docx" in text
    assert "Traceback" not in page.content()
    assert page.locator("#result").is_hidden()


def test_draft_text_is_never_markup(browser_page, server, tmp_path):
    """A hostile draft's text is shown as text: no element of it reaches the page."""
    page = browser_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = tmp_path / "恶意.html"
    hostile.write_text(
        "<html><body><p>&lt;img src=x onerror=\"alert('x')\"&gt;认真布署&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        "<script>alert(2)</script></body></html>",
        encoding="utf-8",
    )
    page.goto(server)
    page.set_input_files("#file", str(hostile))
    page.wait_for_selector("#result:not([hidden])", timeout=30_000)
    assert page.locator("#draft mark.hl", has_text="布署").count() == 1
    assert "<img src=x" in page.locator("#draft").inner_text()
    assert page.locator("#draft img, #draft script").count() == 0
    assert dialogs == []
