"""Finding briefs in a folder: what ``campaignlint check FOLDER`` looks at.

- ``.gitignore`` files are honoured (from the folder up to the repository root, and every one
  below it), through pathspec, git's own matching rules rather than a hand-written copy;
- folders that never hold briefs are skipped, as ruff skips them (``DEFAULT_EXCLUDES``), and so
  are hidden files and folders;
- each file is found once, however many names (symlinked twins, a symlinked folder) reach it;
- symlinked folders are followed, but a symlink loop and a folder that cannot be read are
  reported, one line each, never a traceback or silence;
- a YAML file that is plainly not a brief (not one top-level key is, or nearly is, a brief
  section: ``docker-compose.yml``, a CI workflow, a Helm chart) is left out of a folder walk.
  A file named on the command line is always checked, and a brief whose sections are only
  misspelled (``campain:``) is still checked, so the schema rule can say what is wrong.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from campaignlint.config import is_repository_root
from campaignlint.engine import BRIEF_SUFFIXES
from campaignlint.i18n import Message, Plain, _

DEFAULT_EXCLUDES = frozenset(
    {
        ".bzr",
        ".direnv",
        ".eggs",
        ".git",
        ".hg",
        ".mypy_cache",
        ".nox",
        ".pytype",
        ".ruff_cache",
        ".svn",
        ".tox",
        ".venv",
        "__pycache__",
        "__pypackages__",
        "_build",
        "buck-out",
        "build",
        "dist",
        "node_modules",
        "site-packages",
        "venv",
    }
)
# The first bytes read to tell a brief from other YAML: the top-level keys are near the top.
SNIFF_BYTES = 64 * 1024
_TOP_LEVEL_KEY = re.compile(r"""^(?:"([^"\n]+)"|'([^'\n]+)'|([^\s#'"\-?:][^:\n]*?))\s*:(?:\s|$)""")


@dataclass
class Walked:
    files: list[Path] = field(default_factory=list)
    errors: list[tuple[str, Message]] = field(default_factory=list)  # (path, reason): one line
    # (count, call): called once, when a folder has listed ``count`` names a brief may have, not
    # the rest: a run starts its worker processes then, before it holds a large folder's names
    on_many: tuple[int, Callable[[], Any]] | None = None


@dataclass
class _Ignores:
    """The .gitignore specs in force: (folder, spec) pairs, outermost first."""

    specs: list[tuple[Path, Any]] = field(default_factory=list)

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for folder, spec in self.specs:
            relative = os.path.relpath(path, folder).replace(os.sep, "/")
            if spec.match_file(relative + ("/" if is_dir else "")):
                return True
        return False

    def with_folder(self, folder: Path) -> _Ignores:
        spec = _gitignore(folder / ".gitignore")
        return _Ignores([*self.specs, (folder, spec)]) if spec is not None else self


def _gitignore(path: Path) -> Any:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _outer_ignores(directory: Path) -> _Ignores:
    """The .gitignore files of the folders above ``directory``, up to its repository root
    (none outside a repository: git reads them only inside one)."""
    resolved = directory.resolve()
    chain = [resolved, *resolved.parents]
    root = next((index for index, folder in enumerate(chain) if is_repository_root(folder)), None)
    if root is None:
        return _Ignores()
    ignores = _Ignores()
    for folder in reversed(chain[1 : root + 1]):
        ignores = ignores.with_folder(folder)
    return ignores


def walk(directory: Path) -> Walked:
    """The candidate briefs below ``directory``, sorted, each once."""
    walked = Walked()
    walked.files.extend(path for path, _identity in walk_files(directory, walked))
    return walked


def walk_files(directory: Path, walked: Walked) -> Iterator[tuple[Path, int]]:
    """What :func:`walk` lists, one at a time, each with its :func:`file_identity`: a folder of
    many briefs is never held as a list of Path objects. What cannot be read goes to
    ``walked.errors``."""
    seen_files: set[int] = set()
    try:
        top = os.stat(directory)
    except OSError as error:
        walked.errors.append((str(directory), _cannot_read(error)))
        return
    outer = _outer_ignores(directory)
    for path in _walk(directory, outer, ((top.st_dev, top.st_ino),), walked):
        try:
            status = os.stat(path)
        except OSError as error:  # a broken or looping file symlink
            reason = _("cannot read: {reason}", reason=Plain(error.strerror or error))
            walked.errors.append((str(path), reason))
            continue
        identity = file_identity(status)
        if identity in seen_files:
            continue
        seen_files.add(identity)
        yield path, identity


def file_identity(status: os.stat_result) -> int:
    """A file's device and inode as one number: a set of many of them takes about half the
    memory that (device, inode) pairs take."""
    return status.st_dev << 64 | status.st_ino


def _walk(
    directory: Path,
    ignores: _Ignores,
    ancestors: tuple[tuple[int, int], ...],
    walked: Walked,
) -> Iterator[Path]:
    ignores = ignores.with_folder(directory)
    try:
        names, folders = _entries(directory, walked)
    except OSError as error:
        walked.errors.append((str(directory), _cannot_read(error)))
        return
    for name in names:
        path = Path(directory, name)
        if name in folders:
            if name in DEFAULT_EXCLUDES or ignores.ignored(path, is_dir=True):
                continue
            try:
                status = os.stat(path)
            except OSError as error:
                walked.errors.append((str(path), _cannot_read(error)))
                continue
            identity = (status.st_dev, status.st_ino)
            if identity in ancestors:
                walked.errors.append((str(path), _("symlink loop: a folder that contains itself")))
                continue
            yield from _walk(path, ignores, (*ancestors, identity), walked)
        elif name.endswith(BRIEF_SUFFIXES) and not ignores.ignored(path, is_dir=False):
            yield path


def _entries(directory: Path, walked: Walked) -> tuple[list[str], set[str]]:
    """The names in ``directory``, sorted, but hidden ones, and which of them are folders
    (symlinks followed): names only, not an ``os.DirEntry`` each, for folders of many briefs."""
    names, folders = [], set()
    briefs = 0
    with os.scandir(directory) as scan:
        for entry in scan:
            if entry.name.startswith("."):
                continue
            names.append(entry.name)
            if walked.on_many is not None and entry.name.endswith(BRIEF_SUFFIXES):
                briefs += 1
                if briefs >= walked.on_many[0]:
                    call, walked.on_many = walked.on_many[1], None
                    call()
            try:
                if entry.is_dir():  # follows symlinks
                    folders.add(entry.name)
            except OSError:
                pass
    names.sort()
    return names, folders


def _cannot_read(error: OSError) -> Message:
    return _("cannot read this folder: {reason}", reason=Plain(error.strerror or error))


@lru_cache(maxsize=1)
def brief_sections() -> tuple[str, ...]:
    from campaignlint.validation import load_schema

    return tuple(load_schema("brief.schema.json").get("properties", {}))


def is_plainly_not_a_brief(path: Path) -> bool:
    """True when not one top-level key of ``path`` is, or is close to, a brief section. A file
    that cannot be read, or whose top level is not a block mapping, is not judged here: it is
    checked and its error reported."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO or device: opening it could block; the check reports it
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return False
    any_key = False
    # a brief's first top-level key is usually a section: the rest of the file is not read
    for line in head.splitlines():
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            if _names_a_section(next(group for group in match.groups() if group is not None)):
                return False
            any_key = True
        elif line[:1] not in ("", " ", "\t", "#", "-", ".", "%"):
            return False  # a top level that is not a block mapping: let the check say so
    return any_key


def _names_a_section(key: str) -> bool:
    """True when a top-level ``key`` is, or is close to, a brief section."""
    key = key.strip()
    if key.startswith("x-"):
        return False  # extension keys: a brief may have them, and so may docker-compose.yml
    sections = brief_sections()
    lowered = key.lower().replace("-", "_").replace(" ", "_")
    if lowered in sections:
        return True
    import difflib

    return bool(difflib.get_close_matches(lowered, sections, n=1, cutoff=0.75))
