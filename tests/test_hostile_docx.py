"""Zip bombs dressed as .docx (issue 16): limits count bytes actually inflated, not the headers."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest

from textlint_gov.loaders import LoadError, load_bytes

DOC_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>通知</w:t></w:r></w:p></w:body></w:document>"
)


def docx_with(extra: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", DOC_XML)
        for name, data in extra.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_many_parts_each_small_but_too_much_xml_together_is_refused():
    parts = {f"customXml/item{i}.xml": b" " * (5 * 1024 * 1024) for i in range(10)}  # 50 MB of XML
    data = docx_with(parts)
    assert len(data) < 200_000
    t = time.perf_counter()
    with pytest.raises(LoadError, match="压缩炸弹"):
        load_bytes(data, "bomb.docx")
    assert time.perf_counter() - t < 10


def test_headers_that_lie_about_sizes_do_not_pass_the_check():
    data = bytearray(docx_with({"word/media/big.bin": b"\0" * (30 * 1024 * 1024)}))
    # rewrite the central directory's uncompressed size of big.bin to 1 KB
    patched = 0
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len] == b"word/media/big.bin":
            struct.pack_into("<I", data, pos + 24, 1024)
            patched += 1
        pos += 4
    assert patched == 1
    with pytest.raises(LoadError) as e:
        load_bytes(bytes(data), "liar.docx")
    assert "\n" not in str(e.value)


@pytest.mark.parametrize(
    "body", [b"<_/>", b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>']
)
def test_a_main_part_that_is_no_word_document_is_one_line(body):
    """word/document.xml replaced by well-formed XML of another kind (found by the fuzz test)."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info, body if info.filename == "word/document.xml" else src.read(info))
    with pytest.raises(LoadError, match="正文部件不是 Word 文档"):
        load_bytes(out.getvalue(), "a.docx")
