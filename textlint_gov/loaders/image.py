"""Pictures (.png .jpg .jpeg .bmp .gif .tif .tiff), and scanned PDF pages, read by OCR (``--ocr``).

OCR is the optional extra ``pip install 'textlint-gov[ocr]'``: rapidocr-onnxruntime (Apache-2.0), whose
wheel ships the PaddleOCR PP-OCRv4 Chinese detection and recognition models and the mobile v2.0
direction classifier as ONNX files (Apache-2.0), run by onnxruntime on the CPU. Nothing is
downloaded at run time. Without ``--ocr`` a picture is refused with one line saying how to turn it on.

A picture's source is one line per recognised text box in reading order (top to bottom, then left
to right), so ``line`` is the box number, ``column`` the position in it and ``where`` 图片第3行.
Pictures over :data:`MAX_PIXELS` are refused before they are decoded (a decompression bomb).
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Callable
from typing import Any

from textlint_gov.document import Block, Document, source_block
from textlint_gov.loaders.base import IMAGE_SUFFIXES, LoadError, read_input

MAX_PIXELS = 40_000_000  # 40 megapixels: a scanned A4 page at 600 dpi is 35
INSTALL = "pip install 'textlint-gov[ocr]'（或在 govlint 源码目录中 pip install -e '.[ocr]'）"
_STATE: dict[str, Any] = {"on": False, "engine": None}
_LOCK = threading.Lock()

OcrFunc = Callable[[object], list[tuple[str, tuple[float, float, float, float]]]]


def ocr_available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def enable_ocr(on: bool = True) -> str | None:
    """Turn OCR on for this process; the one-line reason when it cannot be."""
    if on and not ocr_available():
        return f"--ocr 需要文字识别组件，尚未安装：{INSTALL}"
    _STATE["on"] = on
    return None


def active_ocr() -> OcrFunc | None:
    """The OCR function when ``--ocr`` is on, else None."""
    return ocr if _STATE["on"] else None


def ocr(image) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Text boxes of a PIL image in reading order: (text, (left, top, right, bottom))."""
    import numpy as np

    with _LOCK:
        engine = _STATE["engine"]
        if engine is None:
            from rapidocr_onnxruntime import RapidOCR

            engine = _STATE["engine"] = RapidOCR()
        result, _elapse = engine(np.asarray(image.convert("RGB")))
    boxes = []
    for box, text, _score in result or ():
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        boxes.append((str(text), (min(xs), min(ys), max(xs), max(ys))))
    return reading_order(boxes)


def reading_order(boxes):
    """Boxes sorted into lines (a box whose middle lies within the previous box's height is on the
    same line), top to bottom, then left to right."""
    boxes = sorted(boxes, key=lambda b: (b[1][1], b[1][0]))
    lines: list[list] = []
    for b in boxes:
        mid = (b[1][1] + b[1][3]) / 2
        if lines and lines[-1][0][1][1] <= mid <= lines[-1][0][1][3]:
            lines[-1].append(b)
        else:
            lines.append([b])
    return [b for line in lines for b in sorted(line, key=lambda b: b[1][0])]


def open_image(data: bytes):
    """The picture decoded, refused beyond MAX_PIXELS before its pixels are read."""
    from PIL import Image

    try:
        with warnings.catch_warnings():  # the size is judged below, before the pixels are read
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
        width, height = img.size
        if width * height > MAX_PIXELS:
            raise LoadError(
                f"图片过大（{width}×{height} 像素，超过 {MAX_PIXELS // 1_000_000} 百万像素），已拒绝"
            )
        img.load()
    except LoadError:
        raise
    except Image.DecompressionBombError:
        raise LoadError(f"图片过大（超过 {MAX_PIXELS // 1_000_000} 百万像素），已拒绝") from None
    except Exception as e:  # PIL.UnidentifiedImageError, OSError on truncated data, DecompressionBombError
        raise LoadError(f"图片无法读取（{type(e).__name__}），文件损坏或不是图片") from None
    return img


def load_image(data: bytes, name: str) -> Document:
    func = active_ocr()
    if func is None:
        if not ocr_available():
            raise LoadError(f"图片需要文字识别才能检查：请安装 {INSTALL}，再加 --ocr")
        raise LoadError("图片需要文字识别才能检查：请加 --ocr")
    lines = [text for text, _box in func(open_image(data))]
    return lines_document(lines, name, {"format": "image", "fixable": False}, "图片")


def lines_document(lines: list[str], name: str, meta: dict, label: str) -> Document:
    """One source line per OCR text box; ``where`` is ``{label}第N行``."""
    clean = [" ".join(t.split()) for t in lines]
    source = "\n".join(clean)
    blocks: list[Block] = []
    offset = 0
    for n, text in enumerate(clean, 1):
        block = source_block(source, offset, offset + len(text), "body", f"{label}第{n}行")
        if block is not None:
            blocks.append(block)
        offset += len(text) + 1
    return Document(name, source, blocks, meta)


MAX_PICTURES = 20  # pictures read per document: OCR takes seconds each


def add_pictures(doc: Document, pictures: list[bytes]) -> None:
    """With ``--ocr``, the text of a document's pictures (in a .docx, or linked from a page) after
    the document's own lines: one source line per text box, ``where`` 图片2第3行. The document's
    own positions do not move; a picture that cannot be read is skipped."""
    func = active_ocr()
    if func is None or not pictures:
        return
    lines: list[tuple[str, str]] = []
    for n, data in enumerate(pictures[:MAX_PICTURES], 1):
        try:
            boxes = func(open_image(data))
        except LoadError:
            continue
        lines += [(" ".join(text.split()), f"图片{n}第{m}行") for m, (text, _box) in enumerate(boxes, 1)]
    if not lines:
        return
    offset = len(doc.source) + 1
    doc.source = doc.source + "\n" + "\n".join(text for text, _where in lines)
    for text, where in lines:
        block = source_block(doc.source, offset, offset + len(text), "body", where)
        if block is not None:
            doc.blocks.append(block)
        offset += len(text) + 1
    doc._line_starts = None
    doc._line_text.clear()
    doc.meta["pictures_read"] = min(len(pictures), MAX_PICTURES)


def docx_pictures(d) -> list[bytes]:
    """The pictures of a python-docx document in the order they appear in its body."""
    blip = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
    embed = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
    out: list[bytes] = []
    seen: set[str] = set()
    for el in d.element.body.iter(blip):
        rid = el.get(embed)
        if not rid or rid in seen:
            continue
        seen.add(rid)
        part = d.part.related_parts.get(rid)
        blob = getattr(part, "blob", None)
        if blob and str(getattr(part, "content_type", "")).startswith("image/"):
            out.append(blob)
    return out


def html_pictures(source: str, name: str) -> list[bytes]:
    """The pictures a page on disk shows with ``<img src>``, read only from its own folder or
    below it (no absolute paths, no ``..``, no URLs), each within the input size limit."""
    import re
    from pathlib import Path
    from urllib.parse import unquote

    base = Path(name).parent
    out: list[bytes] = []
    for m in re.finditer(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", source, re.I):
        src = unquote(m.group(1).split("?")[0].split("#")[0])
        rel = Path(src)
        if "://" in src or src.startswith(("/", "\\", "data:")) or ".." in rel.parts:
            continue
        if rel.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        try:
            out.append(read_input(base / rel))
        except LoadError:
            continue
        if len(out) >= MAX_PICTURES:
            break
    return out
