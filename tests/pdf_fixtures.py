"""PDFs written by hand for the attachment tests: text pages (Chinese through a CID font with a
ToUnicode map, no font embedded), scanned pages (one picture, no text), many pages, a password, a
compressed bomb. Nothing here needs a PDF library."""

from __future__ import annotations

import hashlib
import struct
import zlib

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_ID = b"0123456789abcdef"


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for ch in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(ch ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _text_stream(lines: list[str]) -> bytes:
    """Each line at its own height, shown as 2-byte codes that are the characters' code points."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        ops.append("<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("ascii")


def _to_unicode(chars: set[str]) -> bytes:
    body = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CMapName /govlint def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    items = sorted(chars)
    for k in range(0, len(items), 100):
        chunk = items[k : k + 100]
        body.append(f"{len(chunk)} beginbfchar")
        body += [f"<{ord(c):04X}> <{ord(c):04X}>" for c in chunk]
        body.append("endbfchar")
    body.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return "\n".join(body).encode("ascii")


def make_pdf(
    pages: list,
    *,
    user_password: str | None = None,
    bomb_mb: int = 0,
    shared_pages: int = 0,
    picture: tuple[int, int, bytes] | None = None,
) -> bytes:
    """``pages``: a list of ``list[str]`` (lines of text) or ``"scan"`` (a page that is one picture).
    ``user_password``: encrypted (RC4 40-bit, the standard handler's revision 2) with that open
    password. ``bomb_mb``: one more page whose content stream inflates to that many megabytes.
    ``shared_pages``: that many more pages sharing one small content stream (a 10,000-page PDF).
    ``picture``: (width, height, 8-bit grey pixels) of the scanned pages' picture (default 4x4 grey)."""
    objects: dict[int, bytes] = {}
    streams: dict[int, bytes] = {}
    chars = {c for p in pages if p != "scan" for line in p for c in line} | {" "}
    # 1 catalog, 2 pages, 3 font, 4 CID font, 5 ToUnicode, 6 image; pages from 10 on
    objects[3] = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
    )
    objects[4] = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    streams[5] = _to_unicode(chars)
    width, height, pixels = picture or (4, 4, b"\x7f" * 16)  # a 4x4 grey picture by default
    streams[6] = pixels
    kids = []
    n = 10
    for page in pages:
        scan = b"q 500 0 0 %d 50 300 cm /Im1 Do Q" % max(1, 500 * height // width)  # drawn at its own aspect
        content = scan if page == "scan" else _text_stream(page)
        objects[n] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            b"<< /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> /Contents %d 0 R >>" % (n + 1)
        )
        streams[n + 1] = content
        kids.append(n)
        n += 2
    if bomb_mb:
        objects[n] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>" % (n + 1)
        streams[n + 1] = ("BOMB", zlib.compress(b" " * (bomb_mb * 1024 * 1024), 9))
        kids.append(n)
        n += 2
    if shared_pages:
        shared = n
        streams[shared] = b"BT /F1 12 Tf 50 780 Td <0041> Tj ET"
        n += 1
        for _ in range(shared_pages):
            objects[n] = (
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                % shared
            )
            kids.append(n)
            n += 1
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )

    key = None
    encrypt = b""
    if user_password is not None:
        owner_pad = (b"owner" + _PAD)[:32]
        o_key = hashlib.md5(owner_pad).digest()[:5]
        user_pad = (user_password.encode("latin-1") + _PAD)[:32]
        o_value = _rc4(o_key, user_pad)
        perms = -4
        key = hashlib.md5(user_pad + o_value + struct.pack("<i", perms) + _ID).digest()[:5]
        u_value = _rc4(key, _PAD)
        enc_num = n
        objects[enc_num] = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (
            o_value.hex().encode(),
            u_value.hex().encode(),
            perms,
        )
        encrypt = b" /Encrypt %d 0 R" % enc_num

    def obj_key(num: int) -> bytes:
        return hashlib.md5(key + struct.pack("<i", num)[:3] + b"\0\0").digest()[:10]

    out = bytearray(b"%PDF-1.4\n")  # ASCII throughout unless encrypted or a bomb
    offsets: dict[int, int] = {}
    for num in sorted({*objects, *streams}):
        offsets[num] = len(out)
        if num in streams:
            data = streams[num]
            extra = b""
            if isinstance(data, tuple):
                data = data[1]
                extra = b" /Filter /FlateDecode"
            if num == 6:
                extra = (
                    b" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8"
                    % (
                        width,
                        height,
                    )
                )
            if key is not None:
                data = _rc4(obj_key(num), data)
            out += (
                b"%d 0 obj\n<< /Length %d%s >>\nstream\n" % (num, len(data), extra)
                + data
                + b"\nendstream\nendobj\n"
            )
        else:
            out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    size = max(offsets) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        _ID.hex().encode(),
        _ID.hex().encode(),
        encrypt,
        xref,
    )
    return bytes(out)
