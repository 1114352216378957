"""Files govlint keeps for the user between runs (the ``--cache`` secret, the typo model built from
its text files): where they live, and how they are read without trusting what is there."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def user_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/govlint``, else ``~/.cache/govlint``; None without a home to put it in."""
    home = os.path.expanduser("~")
    base = os.environ.get("XDG_CACHE_HOME") or (os.path.join(home, ".cache") if home != "~" else "")
    return Path(base) / "govlint" if base else None


def read_capped(path: Path, cap: int) -> bytes | None:
    """The bytes of a regular file (not a link, FIFO or device) up to ``cap``; None otherwise."""
    flags = (
        os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > cap:
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            data = fh.read(cap + 1)
        return data if len(data) <= cap else None
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)
