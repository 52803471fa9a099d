"""JSON pointers (RFC 6901), the one way campaignlint names a place in a brief.

``/influencers/0/handle`` names the handle of the first creator; ``~1`` stands for ``/`` and
``~0`` for ``~`` inside a key, so ``/x-notes/a~1b`` is the key ``a/b`` under ``x-notes``.
Every module escapes, joins and splits pointers with these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def escape_pointer_token(token: str) -> str:
    """A key as written in a pointer: ``a/b`` -> ``a~1b``."""
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def unescape_pointer_token(token: str) -> str:
    """A pointer's token as the key it names: ``a~1b`` -> ``a/b``."""
    if "~" in token:
        return token.replace("~1", "/").replace("~0", "~")
    return token


def join_pointer(parent: str, token: str | int) -> str:
    """The pointer of key or index ``token`` under ``parent``."""
    return f"{parent}/{escape_pointer_token(str(token))}"


def pointer_from(path: Iterable[str | int]) -> str:
    """``["influencers", 2, "a/b"]`` -> ``/influencers/2/a~1b``; ``[]`` -> ``""`` (the root)."""
    return "".join("/" + escape_pointer_token(str(token)) for token in path)


def pointer_tokens(pointer: str) -> list[str]:
    """The unescaped reference tokens of a JSON pointer: ``/a~1b/0`` -> ``["a/b", "0"]``."""
    return [unescape_pointer_token(token) for token in pointer.split("/")[1:]] if pointer else []


def parent_pointer(pointer: str) -> str:
    """The pointer of the list or mapping holding ``pointer`` (``""``, the root, for itself)."""
    return pointer.rsplit("/", 1)[0]


def resolve_pointer(data: Any, pointer: str) -> Any:
    """The value at ``pointer`` in plain data, or None when there is none."""
    node = data
    for token in pointer_tokens(pointer):
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def list_index(token: str) -> int | None:
    """The list index a pointer token names as a pointer writes it (``3``, not ``03``)."""
    if token.isascii() and token.isdigit() and (token == "0" or token[0] != "0"):
        return int(token)
    return None
