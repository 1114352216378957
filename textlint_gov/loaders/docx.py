"""Word .docx: the XML is walked directly, because python-docx's ``paragraph.text`` drops text in
tracked insertions and content controls.

Paragraphs are numbered in document order: body paragraphs (empty ones too), table-cell
paragraphs where the table stands (a merged cell once, nested tables inside their cell), then
headers, footers and footnotes. The document's source is one line per paragraph, so a finding's
``line`` is the paragraph number and ``column`` the position inside it.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from textlint_gov.document import Block, BlockBuilder, Document
from textlint_gov.loaders.base import LoadError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _T, _TBL, _TR, _TC, _SDT, _SDTCONTENT = (
    W + x for x in ("p", "t", "tbl", "tr", "tc", "sdt", "sdtContent")
)
_SKIP = {W + "del", W + "moveFrom", W + "txbxContent", W + "instrText", W + "delText", W + "pPr", W + "rPr"}
_CHAR = {W + "tab": "\t", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-", W + "softHyphen": ""}
_TITLE_STYLES = {"title", "heading 1", "标题", "标题 1", "heading1"}

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all parts together, counted as actually inflated
MAX_XML = 40 * 1024 * 1024  # XML parts together: each becomes a tree in memory (~10x its size)
MAX_RATIO = 200  # a part of over 10 MB that inflates more than this is a zip bomb
_CHUNK = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_EXTRA_PARTS = (("header", "页眉"), ("footer", "页脚"), ("footnotes", "脚注"), ("endnotes", "尾注"))


@dataclass(slots=True)
class _Para:
    text: str
    kind: str
    where: str
    style: str = ""
    element: object = None


def load_docx(data: bytes, name: str) -> Document:
    _check_container(data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise LoadError("不是有效的 .docx 文件") from None
    except KeyError as e:
        raise LoadError(f".docx 缺少必要部件 {e}") from None
    except Exception as e:  # lxml.etree.XMLSyntaxError and friends: corrupt or hostile XML
        cause = " ".join(str(e).split())[:80]  # the report is one line per file
        raise LoadError(f".docx 内容损坏或结构异常（{type(e).__name__}: {cause}）") from None

    if d.element.tag != f"{W}document" or d.element.find(f"{W}body") is None:
        raise LoadError(".docx 内容损坏或结构异常（正文部件不是 Word 文档）")
    styles = _style_names(d)
    paras: list[_Para] = []
    counter = {"table": 0}
    _walk_body(d.element.body, paras, styles, counter, None)
    for reltype, label in _EXTRA_PARTS:
        for rel in d.part.rels.values():
            if rel.is_external or rel.reltype != _REL + reltype:
                continue
            root = _part_root(rel.target_part, label)
            for p in root.iter(_P):
                paras.append(_Para(_para_text(p), reltype, label, element=p))

    title_idx = next((i for i, p in enumerate(paras) if p.kind == "body" and p.style in _TITLE_STYLES), None)
    if title_idx is None:
        title_idx = next((i for i, p in enumerate(paras) if p.kind == "body" and p.text.strip()), None)

    source_parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for i, p in enumerate(paras):
        b = BlockBuilder()
        b.add(p.text, offset)
        kind = "title" if i == title_idx else p.kind
        where = p.where or f"第{i + 1}段"
        block = b.build(kind, where)
        if block is not None:
            blocks.append(block)
        source_parts.append(p.text)
        offset += len(p.text) + 1
    meta = {"format": "docx", "paragraphs": [p.element for p in paras], "docx": d}
    if title_idx is not None:
        meta["title"] = paras[title_idx].text.strip()
    return Document(name, "\n".join(source_parts), blocks, meta)


def _check_container(data: bytes) -> None:
    if data.startswith(_OLE_MAGIC):
        raise LoadError("文件已加密（设有打开密码）或是旧版 .doc 格式，请另存为不加密的 .docx")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise LoadError("不是有效的 .docx 文件（ZIP 结构损坏）") from None
    with zf:
        if "word/document.xml" not in zf.namelist() and "[Content_Types].xml" not in zf.namelist():
            raise LoadError("不是有效的 .docx 文件（缺少正文部件）")
        if sum(i.file_size for i in zf.infolist()) > MAX_UNCOMPRESSED:
            raise LoadError(".docx 解压后过大，疑为压缩炸弹，已拒绝")
        _inflate_within_limits(zf)


def _inflate_within_limits(zf: zipfile.ZipFile, label: str = ".docx") -> None:
    """Inflate every part in chunks, counting the bytes actually produced (headers can lie), and
    stop at the first limit crossed: all parts, XML parts, or one part's inflation ratio. ``label``
    names the format in the messages (the spreadsheet loader uses the same limits)."""
    total = xml = 0
    for info in zf.infolist():
        is_xml = info.filename.endswith((".xml", ".rels"))
        size = 0
        try:
            with zf.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    xml += len(chunk) if is_xml else 0
                    if total > MAX_UNCOMPRESSED or xml > MAX_XML:
                        raise LoadError(f"{label} 解压后过大，疑为压缩炸弹，已拒绝")
                    if size > 10_000_000 and size > MAX_RATIO * max(info.compress_size, 1):
                        raise LoadError(f"{label} 部件 {info.filename} 解压后异常膨胀，疑为压缩炸弹，已拒绝")
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            EOFError,
            OSError,
            ValueError,
            NotImplementedError,
        ) as e:
            raise LoadError(f"{label} 部件 {info.filename} 损坏（{type(e).__name__}）") from None
        except RuntimeError:  # an encrypted zip member
            raise LoadError(f"{label} 部件已加密，无法读取") from None


def _part_root(part, label: str):
    """The XML tree of a header, footer or footnotes part; a part that is not XML (python-docx
    parses only the parts whose content type it knows) is a LoadError naming the part."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    from docx.oxml.parser import parse_xml

    name = str(getattr(part, "partname", "") or "").lstrip("/")
    try:
        root = parse_xml(part.blob)
    except Exception as e:  # lxml.etree.XMLSyntaxError, ValueError on odd encodings, …
        raise LoadError(f".docx 的{label}部件 {name} 不是有效的 XML（{type(e).__name__}），已拒绝") from None
    if root is None:
        raise LoadError(f".docx 的{label}部件 {name} 不是有效的 XML，已拒绝")
    return root


def _style_names(d) -> dict[str, str]:
    names: dict[str, str] = {}
    try:
        for s in d.styles.element.iter(W + "style"):
            sid = s.get(W + "styleId")
            n = s.find(W + "name")
            if sid:
                names[sid] = (n.get(W + "val") if n is not None else sid).lower()
    except Exception:  # a missing styles part is not fatal
        pass
    return names


def _walk_body(parent, out: list[_Para], styles: dict, counter: dict, where_prefix: str | None) -> None:
    for child in parent:
        tag = child.tag
        if tag == _P:
            style = ""
            ppr = child.find(W + "pPr")
            if ppr is not None:
                ps = ppr.find(W + "pStyle")
                if ps is not None:
                    sid = ps.get(W + "val", "")
                    style = styles.get(sid, sid.lower())
            out.append(
                _Para(
                    _para_text(child),
                    "body" if where_prefix is None else "table",
                    where_prefix or "",
                    style,
                    child,
                )
            )
        elif tag == _TBL:
            if where_prefix is None:
                counter["table"] += 1
                label = f"表{counter['table']}"
            else:
                counter[where_prefix] = counter.get(where_prefix, 0) + 1
                label = f"{where_prefix}内表{counter[where_prefix]}"
            _walk_table(child, out, styles, counter, label)
        elif tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                _walk_body(content, out, styles, counter, where_prefix)
        elif tag in (W + "ins", W + "customXml", W + "smartTag"):
            _walk_body(child, out, styles, counter, where_prefix)


def _walk_table(tbl, out: list[_Para], styles: dict, counter: dict, label: str) -> None:
    rows = [c for c in _children(tbl) if c.tag == _TR]
    for r, tr in enumerate(rows, 1):
        col = 0
        for tc in (c for c in _children(tr) if c.tag == _TC):
            tcpr = tc.find(W + "tcPr")
            span = 1
            if tcpr is not None:
                gs = tcpr.find(W + "gridSpan")
                if gs is not None and (gs.get(W + "val") or "1").isdigit():
                    span = int(gs.get(W + "val"))
                vm = tcpr.find(W + "vMerge")
                if vm is not None and vm.get(W + "val", "continue") == "continue":
                    col += span
                    continue  # the merged cell was read in the row where it starts
            col += 1
            _walk_body(tc, out, styles, counter, f"{label}第{r}行第{col}列")
            col += span - 1


def _children(el):
    """Child elements, looking through content controls and other transparent wrappers."""
    for c in el:
        if c.tag in (_SDT,):
            content = c.find(_SDTCONTENT)
            if content is not None:
                yield from _children(content)
        elif c.tag in (W + "customXml",):
            yield from _children(c)
        else:
            yield c


def _para_text(p) -> str:
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts).replace("\n", " ").replace("\r", " ")


def _collect(el, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag in _CHAR:
            parts.append(_CHAR[tag])
        elif tag == _P:
            continue  # a paragraph nested in a text box is not part of this one
        else:
            _collect(child, parts)
