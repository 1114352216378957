// govlint review page. Plain script, no libraries, no network beyond this govlint server.
// Every piece of draft text is inserted with textContent, never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const SEV_RANK = { info: 0, warning: 1, error: 2 };
  const SEV_LABEL = { error: "错误", warning: "警告", info: "提示" };

  const state = {
    info: null,
    mode: null, // "file" | "paste"
    file: null, // the uploaded File, kept in this page only (for the Word download)
    result: null,
    busy: false,
  };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function cps(s) { return Array.from(s); } // offsets from govlint count Unicode code points

  function setStatus(text, busy) {
    const s = $("status");
    s.textContent = text || "";
    s.classList.toggle("busy", !!busy);
  }

  function showError(message) {
    const e = $("error");
    e.textContent = message;
    e.hidden = !message;
  }

  function setBusy(busy) {
    state.busy = busy;
    for (const id of ["check-text", "clear-text", "fix-all", "dl-docx", "dl-json"]) $(id).disabled = busy;
    $("drop").classList.toggle("disabled", busy);
  }

  async function readError(resp) {
    try {
      const data = await resp.json();
      if (data && data.error) return data.error;
    } catch (e) { /* not JSON */ }
    if (resp.status === 413) return "文件过大，超过上传上限";
    return "检查未能完成（服务器返回 " + resp.status + "）";
  }

  const OFFLINE = "无法连接到校对服务：请确认运行 govlint serve 的窗口没有关闭，然后刷新本页。";

  async function post(url, body, contentType) {
    let resp;
    try {
      resp = await fetch(url, { method: "POST", body: body, headers: { "Content-Type": contentType } });
    } catch (e) {
      throw new Error(OFFLINE);
    }
    if (!resp.ok) throw new Error(await readError(resp));
    return resp;
  }

  // ---- checking -------------------------------------------------------------------------

  async function checkFile(file) {
    if (state.busy || !file) return;
    const info = state.info;
    if (info && file.size > info.max_upload) {
      showError("“" + file.name + "”太大（" + (file.size / 1048576).toFixed(1) + " MB），上限是 " + info.max_upload_text + "。");
      return;
    }
    if (file.size === 0) { showError("“" + file.name + "”是空文件。"); return; }
    await run("正在检查“" + file.name + "”……", async () => {
      const resp = await post("/api/check?name=" + encodeURIComponent(file.name), file, "application/octet-stream");
      state.mode = "file";
      state.file = file;
      return resp.json();
    });
  }

  async function checkText(text, note) {
    if (state.busy) return;
    if (!text.trim()) { showError("请先把稿件文字粘贴到右边的框里。"); return; }
    await run(note || "正在检查粘贴的文字……", async () => {
      const resp = await post("/api/check", JSON.stringify({ text: text }), "application/json");
      state.mode = "paste";
      state.file = null;
      return resp.json();
    }, note);
  }

  async function run(message, work, doneNote) {
    showError("");
    setBusy(true);
    setStatus(message, true);
    try {
      const result = await work();
      state.result = result;
      render(result);
      setStatus(doneNote ? doneNote.replace(/……$/, "，已重新检查。") : "检查完成。");
    } catch (e) {
      setStatus("");
      showError(e.message || OFFLINE);
      $("result").hidden = true;
      state.result = null;
    } finally {
      setBusy(false);
    }
  }

  // ---- drawing --------------------------------------------------------------------------

  function worst(list) {
    let best = null;
    for (const f of list) if (!best || SEV_RANK[f.severity] > SEV_RANK[best.severity]) best = f;
    return best;
  }

  function tip(f) {
    let t = "[" + f.severity_label + "] " + f.message;
    if (f.suggestion !== null && f.suggestion !== undefined) t += "\n改为：" + (f.suggestion === "" ? "（删除）" : f.suggestion);
    return t;
  }

  function markFor(list, text) {
    const top = worst(list);
    const m = el("mark", "hl sev-" + top.severity, text);
    m.dataset.ids = list.map((f) => f.id).join(",");
    m.dataset.id = String(top.id);
    m.title = list.map(tip).join("\n\n");
    m.addEventListener("click", (ev) => { ev.stopPropagation(); select(top.id, "list"); });
    return m;
  }

  function drawBlock(block, index, findings) {
    const kind = block.kind;
    const tag = kind === "title" ? "h2" : kind === "heading" ? "h3" : "div";
    const node = el(tag, "blk b-" + kind);
    node.dataset.block = String(index);
    const labelled = findings.length > 0 || ["table", "header", "footer", "footnote"].includes(kind);
    if (labelled && block.where) node.appendChild(el("span", "where", block.where));
    const chars = cps(block.text);
    const cuts = new Set([0, chars.length]);
    for (const f of findings) { cuts.add(f.block_start); cuts.add(f.block_end); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    const firstSeen = new Set();
    for (let k = 0; k < points.length; k++) {
      const a = points[k];
      // zero-width findings (something missing here) get a thin marker at their position
      const gaps = findings.filter((f) => f.block_start === a && f.block_end === a);
      if (gaps.length) {
        const g = markFor(gaps, "\u200b");
        g.classList.add("gap");
        for (const f of gaps) if (!firstSeen.has(f.id)) { firstSeen.add(f.id); g.id = g.id || "hl-" + f.id; }
        node.appendChild(g);
      }
      if (k === points.length - 1) break;
      const b = points[k + 1];
      const piece = chars.slice(a, b).join("");
      const cover = findings.filter((f) => f.block_start <= a && b <= f.block_end && f.block_start < f.block_end);
      if (!cover.length) { node.appendChild(document.createTextNode(piece)); continue; }
      const m = markFor(cover, piece);
      for (const f of cover) {
        if (!firstSeen.has(f.id)) {
          firstSeen.add(f.id);
          if (!m.id) m.id = "hl-" + f.id; else m.dataset.alsoFirst = (m.dataset.alsoFirst || "") + "," + f.id;
        }
      }
      node.appendChild(m);
    }
    return node;
  }

  function anchorOf(id) {
    return document.getElementById("hl-" + id) ||
      Array.from(document.querySelectorAll("mark.hl")).find((m) => m.dataset.ids.split(",").includes(String(id)));
  }

  function drawDraft(result) {
    const draft = $("draft");
    draft.replaceChildren();
    const byBlock = new Map();
    for (const f of result.findings) {
      if (f.block === null || f.block === undefined) continue;
      if (!byBlock.has(f.block)) byBlock.set(f.block, []);
      byBlock.get(f.block).push(f);
    }
    if (!result.blocks.length) draft.appendChild(el("p", "empty", "（文稿中没有可检查的文字）"));
    const blocks = result.blocks;
    for (let i = 0; i < blocks.length; i++) {
      const cell = tableCell(blocks[i]);
      if (!cell) { draft.appendChild(drawBlock(blocks[i], i, byBlock.get(i) || [])); continue; }
      // consecutive cells of one Word table are drawn as a table, as the clerk sees it in Word
      let j = i;
      const cells = [];
      while (j < blocks.length) {
        const c = tableCell(blocks[j]);
        if (!c || c.table !== cell.table) break;
        cells.push({ index: j, row: c.row, col: c.col });
        j++;
      }
      draft.appendChild(drawTable(cell.table, cells, blocks, byBlock));
      i = j - 1;
    }
  }

  function tableCell(block) {
    if (block.kind !== "table") return null;
    const m = /^(.*)第(\d+)行第(\d+)列$/.exec(block.where || "");
    return m ? { table: m[1], row: +m[2], col: +m[3] } : null;
  }

  function drawTable(label, cells, blocks, byBlock) {
    const wrap = el("div", "blk b-tablegrid");
    wrap.appendChild(el("span", "where", label));
    const table = el("table", "grid");
    const rows = Math.max(...cells.map((c) => c.row));
    const cols = Math.max(...cells.map((c) => c.col));
    const tds = [];
    for (let r = 1; r <= rows; r++) {
      const tr = el("tr");
      for (let c = 1; c <= cols; c++) {
        const td = el("td");
        td.title = label + "第" + r + "行第" + c + "列";
        tds.push(td);
        tr.appendChild(td);
      }
      table.appendChild(tr);
    }
    for (const c of cells) {
      const node = drawBlock(Object.assign({}, blocks[c.index], { where: "" }), c.index, byBlock.get(c.index) || []);
      node.className = "cell";
      tds[(c.row - 1) * cols + (c.col - 1)].appendChild(node);
    }
    wrap.appendChild(table);
    return wrap;
  }

  function fixText(f) {
    const line = el("div", "item-fix");
    line.appendChild(el("span", "", "原文 "));
    line.appendChild(el("span", "orig", f.match || "（空）"));
    line.appendChild(el("span", "arrow", "→"));
    line.appendChild(el("span", "", "改为 "));
    line.appendChild(el("span", "sugg", f.suggestion === "" ? "（删除）" : f.suggestion));
    return line;
  }

  function drawList(result) {
    const groups = $("groups");
    groups.replaceChildren();
    const note = $("side-note");
    const fixable = result.findings.filter((f) => f.fixable);
    if (!result.findings.length) {
      groups.appendChild(el("div", "none", "没有发现问题。"));
      note.textContent = "";
      return;
    }
    note.textContent = state.mode === "paste"
      ? (fixable.length ? "标有“采用修改”的条目可一键改正粘贴的文字，改后自动重新检查。" : "")
      : "请在 Word 或 WPS 中按建议修改原稿；也可下载带批注的 Word 稿，批注就在对应位置。";
    for (const cat of result.categories) {
      const list = result.findings.filter((f) => f.category === cat.key);
      if (!list.length) continue;
      const sec = el("section", "group");
      const h = el("h3", "", cat.name);
      h.appendChild(el("span", "n", list.length + " 处"));
      sec.appendChild(h);
      const ol = el("ol", "items");
      for (const f of list) ol.appendChild(drawItem(f));
      sec.appendChild(ol);
      groups.appendChild(sec);
    }
  }

  function drawItem(f) {
    const li = el("li", "item sev-" + f.severity);
    li.id = "item-" + f.id;
    li.dataset.id = String(f.id);
    li.tabIndex = 0;
    const head = el("div", "item-head");
    head.appendChild(el("span", "chip sev-" + f.severity, f.severity_label));
    if (f.where) head.appendChild(el("span", "where", f.where));
    head.appendChild(el("span", "code", f.code));
    li.appendChild(head);
    li.appendChild(el("div", "item-msg", f.message));
    if (f.suggestion !== null && f.suggestion !== undefined) li.appendChild(fixText(f));
    else if (f.hint) {
      const h = el("div", "item-hint");
      if (f.hint.example) {
        h.appendChild(el("span", "label", "例："));
        h.appendChild(el("span", "ex", f.hint.example));
        h.appendChild(el("span", "arrow", "→"));
        h.appendChild(el("span", "ex-fix", f.hint.fix));
      } else {
        h.appendChild(el("span", "label", "改法："));
        h.appendChild(el("span", "", f.hint.fix));
      }
      li.appendChild(h);
    }
    if (f.block === null || f.block === undefined) li.appendChild(el("div", "nopos", "（此条针对全文，原文中无对应标记）"));
    if (state.mode === "paste" && f.fixable && f.fix.length) {
      const actions = el("div", "item-actions");
      const btn = el("button", "btn small apply", "采用修改");
      btn.type = "button";
      btn.addEventListener("click", (ev) => { ev.stopPropagation(); applyFixes([f.id], "已改为“" + (f.suggestion || "") + "”……"); });
      actions.appendChild(btn);
      li.appendChild(actions);
    }
    li.addEventListener("click", () => select(f.id, "draft"));
    li.addEventListener("keydown", (ev) => { if (ev.key === "Enter") select(f.id, "draft"); });
    return li;
  }

  function select(id, scrollTo) {
    document.querySelectorAll("mark.hl.active, .item.active").forEach((n) => n.classList.remove("active"));
    const item = $("item-" + id);
    const mark = anchorOf(id);
    if (item) item.classList.add("active");
    if (mark) {
      document.querySelectorAll("mark.hl").forEach((m) => {
        if (m.dataset.ids.split(",").includes(String(id))) m.classList.add("active");
      });
    }
    if (scrollTo === "draft" && mark) {
      mark.scrollIntoView({ behavior: "smooth", block: "center" });
      mark.classList.remove("flash");
      void mark.offsetWidth; // restart the animation
      mark.classList.add("flash");
    } else if (scrollTo === "list" && item) {
      item.scrollIntoView({ behavior: "smooth", block: "nearest" });
    }
  }

  function drawTitle(result) {
    const box = $("title-box");
    box.replaceChildren();
    const t = result.title;
    if (!t) { box.hidden = true; return; }
    box.hidden = false;
    const fmt = (x) => (Math.round(x * 10) / 10).toString();
    box.appendChild(el("div", "label", "首页列表中的标题（按显示宽度 " + fmt(t.limit) + " 个汉字截断）："));
    const front = el("div", "front");
    const item = el("span", "front-item", t.shown);
    front.appendChild(item);
    box.appendChild(front);
    const chars = cps(t.text);
    if (t.fits) {
      box.appendChild(el("div", "ok", "标题宽 " + fmt(t.width) + " 个汉字，首页可完整显示。"));
    } else {
      const full = el("div", "");
      full.appendChild(el("span", "label", "完整标题："));
      full.appendChild(el("span", "kept", chars.slice(0, t.cut).join("")));
      full.appendChild(el("span", "overflow", chars.slice(t.cut).join("")));
      box.appendChild(full);
      box.appendChild(el("div", "bad", "标题宽 " + fmt(t.width) + " 个汉字，超过 " + fmt(t.limit) +
        "，划线部分在首页显示不出来。请压缩标题，或另拟短标题。"));
    }
  }

  function drawCounts(result) {
    const c = result.counts;
    const box = $("counts");
    box.replaceChildren();
    const total = result.findings.length;
    if (!total) { box.appendChild(el("span", "clean", "未发现问题。")); return; }
    box.appendChild(document.createTextNode("共 "));
    box.appendChild(el("b", "", String(total)));
    box.appendChild(document.createTextNode(" 处问题："));
    const parts = [["error", "n-error"], ["warning", "n-warning"], ["info", "n-info"]].filter(([k]) => c[k]);
    parts.forEach(([k, cls], i) => {
      if (i) box.appendChild(document.createTextNode("，"));
      box.appendChild(document.createTextNode(SEV_LABEL[k] + " "));
      box.appendChild(el("b", cls, String(c[k])));
    });
  }

  function render(result) {
    $("result").hidden = false;
    $("doc-name").textContent = state.mode === "paste" ? "粘贴的文字" : result.name;
    drawCounts(result);
    drawTitle(result);
    drawDraft(result);
    drawList(result);
    const fixable = state.mode === "paste" ? result.findings.filter((f) => f.fixable && f.fix.length) : [];
    const fixAll = $("fix-all");
    fixAll.hidden = fixable.length < 2;
    fixAll.textContent = "全部采用可自动修改的建议（" + fixable.length + " 处）";
    $("dl-docx").hidden = !(state.mode === "file" && result.review_available);
  }

  // ---- fixes in pasted text -------------------------------------------------------------

  // The server applies the fixes (the same choice as govlint --fix) and checks the text again;
  // ids === null asks for every safe fix.
  async function applyFixes(ids, note) {
    const result = state.result;
    if (state.busy || !result || state.mode !== "paste" || typeof result.source !== "string") return;
    let fixed = null;
    await run(note || "正在修改……", async () => {
      const resp = await post("/api/fix", JSON.stringify({ text: result.source, ids: ids }), "application/json");
      fixed = await resp.json();
      $("text").value = fixed.source;
      return fixed;
    }, note);
    if (!note && fixed && state.result === fixed) {
      setStatus(fixed.applied ? "已修改 " + fixed.applied + " 处，已重新检查。" : "没有可以自动修改的地方，已重新检查。");
    }
  }

  // ---- downloads ------------------------------------------------------------------------

  function stem(name) { return name.replace(/\.[^.]*$/, "") || "稿件"; }

  function save(blob, filename) {
    const url = URL.createObjectURL(blob);
    const a = el("a");
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  }

  function downloadJson() {
    const r = state.result;
    if (!r) return;
    const blob = new Blob([JSON.stringify(r.report, null, 2) + "\n"], { type: "application/json" });
    save(blob, (state.mode === "paste" ? "粘贴文本" : stem(r.name)) + ".govlint.json");
  }

  async function downloadDocx() {
    if (state.busy || !state.file) return;
    const file = state.file;
    showError("");
    setBusy(true);
    setStatus("正在生成带批注的 Word 稿……", true);
    try {
      const resp = await post("/api/review?name=" + encodeURIComponent(file.name), file, "application/octet-stream");
      save(await resp.blob(), stem(file.name) + ".govlint.docx");
      setStatus("已生成“" + stem(file.name) + ".govlint.docx”，请在浏览器的下载栏中打开。");
    } catch (e) {
      setStatus("");
      showError(e.message || OFFLINE);
    } finally {
      setBusy(false);
    }
  }

  // ---- wiring ---------------------------------------------------------------------------

  function init() {
    const drop = $("drop");
    const input = $("file");
    drop.addEventListener("click", () => { if (!state.busy) input.click(); });
    drop.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); input.click(); } });
    input.addEventListener("change", () => { if (input.files.length) checkFile(input.files[0]); input.value = ""; });
    // A file dropped anywhere on the page is checked, never opened by the browser itself;
    // dragged text (into the paste box) is left to the browser.
    const hasFiles = (ev) => ev.dataTransfer && Array.from(ev.dataTransfer.types || []).includes("Files");
    window.addEventListener("dragover", (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      drop.classList.add("over");
    });
    window.addEventListener("dragleave", (ev) => { if (!ev.relatedTarget) drop.classList.remove("over"); });
    window.addEventListener("drop", (ev) => {
      drop.classList.remove("over");
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      const files = ev.dataTransfer.files;
      if (files && files.length) checkFile(files[0]);
    });
    $("check-text").addEventListener("click", () => checkText($("text").value));
    $("clear-text").addEventListener("click", () => { $("text").value = ""; $("text").focus(); });
    $("text").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) checkText($("text").value);
    });
    $("fix-all").addEventListener("click", () => {
      const r = state.result;
      if (r) applyFixes(null);
    });
    $("dl-json").addEventListener("click", downloadJson);
    $("dl-docx").addEventListener("click", downloadDocx);

    fetch("/api/info").then((r) => r.json()).then((info) => {
      state.info = info;
      $("limit").textContent = info.max_upload_text;
      $("version").textContent = info.version;
      input.accept = info.suffixes.join(",");
    }).catch(() => showError(OFFLINE));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
