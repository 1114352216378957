"""Old binary Word files (.doc) and WPS's own (.wps): converted to .docx by LibreOffice, then
checked as a .docx (positions are those of the converted document's paragraphs).

LibreOffice runs headless (``soffice --headless --convert-to docx``) in a private temporary folder
with its own user profile, for at most :data:`TIMEOUT` seconds. Without it the file is refused with
one line naming what to install (Debian/Ubuntu: ``apt-get install libreoffice-writer-nogui``). A file
that is really a .docx under another name (newer WPS saves so) is read directly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from textlint_gov.document import Document
from textlint_gov.loaders.base import LoadError
from textlint_gov.loaders.docx import load_docx

TIMEOUT = 120
INSTALL = (
    "apt-get install libreoffice-writer-nogui（Windows/macOS 安装 LibreOffice），或在 WPS/Word 中另存为 .docx"
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def load_old_word(data: bytes, name: str) -> Document:
    suffix = Path(name).suffix.lower() or ".doc"
    if data.startswith(b"PK"):
        return load_docx(data, name)  # a .docx saved under an old name
    if not data.startswith(_OLE_MAGIC) and data.lstrip()[:5].lower() != b"{\\rtf":  # RTF saved as .doc
        raise LoadError(f"不是有效的 {suffix} 文件")
    if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data:
        raise LoadError("文件已加密（设有打开密码），无法读取；请提供不加密的文件")
    exe = soffice()
    if exe is None:
        raise LoadError(f"{suffix} 需要 LibreOffice 转换后才能检查，未找到 soffice：请安装 {INSTALL}")
    # Kingsoft's .wps is Word 97's binary format (LibreOffice's .wps filter is for Microsoft Works)
    doc = load_docx(convert(exe, data, ".doc" if data.startswith(_OLE_MAGIC) else ".rtf"), name)
    doc.meta["converted_from"] = suffix
    doc.meta["fixable"] = False  # the .docx is LibreOffice's, not the clerk's file
    return doc


def convert(exe: str, data: bytes, suffix: str) -> bytes:
    """The file converted to .docx by LibreOffice headless; LoadError on any failure."""
    with tempfile.TemporaryDirectory(prefix="govlint-soffice-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        profile = Path(tmp) / "profile"
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(src),
        ]
        try:
            subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=TIMEOUT,
                check=False,
                env={**os.environ, "HOME": tmp},
            )
        except subprocess.TimeoutExpired:
            raise LoadError(f"LibreOffice 转换超过 {TIMEOUT} 秒，已放弃") from None
        except OSError as e:
            raise LoadError(f"无法运行 LibreOffice（{e.strerror or e}）") from None
        result = out / "input.docx"
        if not result.is_file():
            raise LoadError("LibreOffice 无法转换此文件（文件损坏、加密或不是 Word/WPS 文档）")
        return result.read_bytes()
