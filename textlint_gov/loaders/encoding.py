"""Decode text files: UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030/GBK as many
offices still save them. Non-UTF-8 input is detected with charset-normalizer, not guessed."""

from __future__ import annotations

import codecs

from textlint_gov.loaders.base import LoadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
# Control characters that never occur in a real draft (tab, LF, CR, FF are fine).
_BINARY_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def decode(data: bytes) -> tuple[str, str, bytes]:
    """Return (text, encoding name, BOM bytes)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc, bom
            except UnicodeDecodeError:
                raise LoadError(f"文件带 {enc} 字节顺序标记，但内容不是合法的 {enc} 编码") from None
    sample = data[:65536]
    if b"\x00" in sample or _control_share(sample) > 0.05:
        raise LoadError("不是文本文件（含二进制内容）")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16"]).best()
    if best is None:
        raise LoadError("无法识别文件编码（不是 UTF-8，也不是 GB18030/GBK）")
    enc = best.encoding.lower().replace("-", "").replace("_", "")
    if enc in {e.replace("_", "") for e in _GB_FAMILY} or enc.startswith("gb"):
        enc = "gb18030"  # GB18030 is a superset of GB2312 and GBK
    else:
        enc = best.encoding
    try:
        return data.decode(enc), enc, b""
    except UnicodeDecodeError:
        raise LoadError(f"文件编码看似 {enc}，但含无法解码的字节") from None


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    return sum(sample.count(bytes([c])) for c in _BINARY_CONTROLS) / len(sample)
