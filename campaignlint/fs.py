"""Writing files safely: a temporary file in the same directory, fsync, then rename; and
:class:`Spool`, items that wait in a temporary file rather than in memory."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar


def atomic_write(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` so a reader never sees half a file; keep its permissions."""
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader never sees half a file; keep its permissions."""
    import tempfile  # with shutil, bz2 and lzma: ~10M instructions a run that writes nothing

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
        import tempfile

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


T = TypeVar("T")


class Spool(Generic[T]):
    """Items kept in the order added, to be read back (any number of times): in memory while
    few, then pickled to a temporary file, so memory stays flat however many there are."""

    IN_MEMORY = 64

    def __init__(self) -> None:
        self.kept: list[T] = []
        self.file: Any = None
        self.count = 0
        self.read = False  # the file was read since the last item was added

    def add(self, item: T) -> None:
        self.count += 1
        if self.file is None and len(self.kept) < self.IN_MEMORY:
            self.kept.append(item)
            return
        import pickle  # only once spooling: a run of a few briefs never imports it

        if self.file is None:
            import tempfile

            self.file = tempfile.TemporaryFile(prefix="campaignlint-")  # noqa: SIM115 (closed by close)
            for kept in self.kept:
                pickle.dump(kept, self.file, protocol=pickle.HIGHEST_PROTOCOL)
            self.kept = []
        if self.read:  # a seek writes out what is buffered: only when it is needed
            self.file.seek(0, 2)
            self.read = False
        pickle.dump(item, self.file, protocol=pickle.HIGHEST_PROTOCOL)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[T]:
        if self.file is None:
            yield from self.kept
            return
        import pickle

        position = 0
        self.read = True
        for _index in range(self.count):
            self.file.seek(position)  # another reader may have moved the file
            item: T = pickle.load(self.file)
            position = self.file.tell()
            yield item

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
