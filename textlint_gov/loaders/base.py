"""What every loader shares: :class:`LoadError`, the input size limit, and reading a file or a
stream with that limit (regular files only)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

MAX_INPUT_BYTES = 50 * 1024 * 1024
# Pictures: read with OCR only (--ocr); the one list of their suffixes.
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff")


class LoadError(Exception):
    """A draft that cannot be read; ``str(err)`` is the one-line cause."""


def read_input(path: str | os.PathLike) -> bytes:
    """The bytes of a draft on disk, read only if it is a regular file (a FIFO, a device or a link
    to /dev/zero is refused before it is opened) and only up to the size limit."""
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise LoadError("是文件夹，不是文件")
        if not stat.S_ISREG(st.st_mode):
            raise LoadError("不是普通文件（设备、管道或套接字），已拒绝")
        if st.st_size > MAX_INPUT_BYTES:
            raise too_large()
        with p.open("rb") as fh:
            return _read_capped(fh)
    except FileNotFoundError:
        raise LoadError("文件不存在") from None
    except PermissionError:
        raise LoadError("没有读取权限") from None
    except OSError as e:
        raise LoadError(f"无法读取：{e.strerror or e}") from None


def read_stream(fh: BinaryIO) -> bytes:
    """Standard input, read up to the size limit (``- < /dev/zero`` stops there)."""
    return _read_capped(fh)


def _read_capped(fh: BinaryIO) -> bytes:
    data = fh.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise too_large()
    return data


def too_large() -> LoadError:
    return LoadError(f"文件过大（超过 {MAX_INPUT_BYTES // 1024 // 1024} MB）")
