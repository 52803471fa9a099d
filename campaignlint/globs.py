"""The one glob matcher: ``exclude``, ``--exclude``, ``per_file`` and ``portfolio:`` patterns.

Patterns mean what they mean in a ``.gitignore`` file (git's own rules, through pathspec's
``GitIgnoreSpec``), matched against a path relative to the folder of the config that names them
(the working directory for ``--exclude``):

- a pattern without a ``/`` (other than a trailing one) matches a file or folder name at any
  depth: ``q3.yaml``, ``*.yml``, ``drafts/``;
- a pattern with a ``/`` is anchored at that folder: ``briefs/*.yaml`` matches
  ``briefs/q3.yaml`` but not ``briefs/sub/q3.yaml``; ``**`` spans folders
  (``briefs/**/*.yaml``, ``**/legacy/``);
- ``*``, ``?`` and ``[abc]`` never match a ``/``;
- a pattern that matches a folder matches everything below it (``briefs/archive``,
  ``briefs/**``);
- ``!pattern`` takes back what an earlier pattern of the same list matched; a leading ``./``
  is ignored.

A file outside that folder is matched by its name only. Finding files (``portfolio:``) walks
the folder as ``campaignlint check FOLDER`` does: hidden folders and those that never hold briefs
(``node_modules``, ``.venv``...) are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec

    cleaned = [_clean(pattern) for pattern in patterns]
    return pathspec.GitIgnoreSpec.from_lines(pattern for pattern in cleaned if pattern)


def _clean(pattern: str) -> str:
    text = pattern.strip()
    negated = text.startswith("!")
    text = text.removeprefix("!").strip()
    while text.startswith("./"):
        text = text[2:]
    return ("!" + text) if negated and text else text


def relative_to(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators (as written, else with symlinks
    resolved); None when it is not below it."""
    for resolve in (os.path.abspath, os.path.realpath):
        try:
            relative = os.path.relpath(resolve(path), resolve(root))
        except ValueError:  # another drive on Windows
            return None
        inside = relative not in (os.curdir, os.pardir)
        if inside and not relative.startswith(os.pardir + os.sep):
            return Path(relative).as_posix()
    return None


def matches(
    path: str | os.PathLike[str], patterns: Iterable[str], root: str | os.PathLike[str]
) -> bool:
    """True when ``patterns`` (one list, read as a ``.gitignore``) match ``path`` or a folder
    it is in, relative to ``root``."""
    patterns = tuple(patterns)
    if not patterns:
        return False
    relative = relative_to(path, root)
    if relative is None:
        relative = Path(path).name
    return bool(_spec(patterns).match_file(relative))


_GLOB_CHARACTERS = frozenset("*?[")


def _base(pattern: str) -> str:
    """The folder a pattern can only match below: its leading segments without wildcards
    (``briefs/2027/*.yaml`` -> ``briefs/2027``); "" for a pattern that matches at any depth."""
    text = _clean(pattern)
    if text.startswith("!") or "/" not in text.rstrip("/"):
        return ""
    segments = text.strip("/").split("/")[:-1]
    literal = []
    for segment in segments:
        if _GLOB_CHARACTERS & set(segment):
            break
        literal.append(segment)
    return "/".join(literal)


def find_files(
    patterns: Iterable[str], root: str | os.PathLike[str], suffixes: tuple[str, ...]
) -> list[Path]:
    """The files below ``root`` whose names end with one of ``suffixes`` and that ``patterns``
    match, sorted, each once."""
    patterns = tuple(patterns)
    if not patterns:
        return []
    from campaignlint.walk import DEFAULT_EXCLUDES

    bases = sorted({_base(pattern) for pattern in patterns if not _clean(pattern).startswith("!")})
    if "" in bases:
        bases = [""]
    found: set[Path] = set()
    for base in bases:
        top = Path(root, base) if base else Path(root)
        for folder, folders, files in os.walk(top):
            folders[:] = [f for f in folders if not f.startswith(".") and f not in DEFAULT_EXCLUDES]
            for name in files:
                path = Path(folder, name)
                if name.endswith(suffixes) and matches(path, patterns, root):
                    found.add(path)
    return sorted(found)
