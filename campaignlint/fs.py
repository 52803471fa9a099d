"""Writing files safely: a temporary file in the same directory, fsync, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` so a reader never sees half a file; keep its permissions."""
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader never sees half a file; keep its permissions."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    mode = None
    with contextlib.suppress(FileNotFoundError):
        mode = target.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class AtomicFile:
    """A file written piece by piece that replaces ``path`` only on :meth:`commit`, so a
    reader never sees half of it; :meth:`discard` leaves ``path`` as it was."""

    def __init__(self, path: str | Path, encoding: str = "utf-8") -> None:
        self.target = Path(path)
        directory = self.target.parent if str(self.target.parent) else Path(".")
        handle, self.temporary = tempfile.mkstemp(
            prefix=f".{self.target.name}.", suffix=".tmp", dir=directory
        )
        self.stream = os.fdopen(handle, "w", encoding=encoding, newline="")
        self.done = False

    def write(self, text: str) -> None:
        self.stream.write(text)

    def commit(self) -> None:
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            mode = None
            with contextlib.suppress(FileNotFoundError):
                mode = self.target.stat().st_mode & 0o7777
            if mode is None:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(self.temporary, mode)
            os.replace(self.temporary, self.target)
            self.done = True
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        if self.done:
            return
        self.done = True
        with contextlib.suppress(OSError):
            self.stream.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temporary)
