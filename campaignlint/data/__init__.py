"""Rule data kept as data: keyword and tag lists in JSON files next to this module."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent


def load_json(name: str) -> dict[str, Any]:
    """The JSON object in ``campaignlint/data/<name>`` (read straight from the package folder:
    ``importlib.resources`` would add ~4 ms of imports to every run)."""
    data: dict[str, Any] = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return data


def load_beside(anchor: str, name: str) -> Any:
    """A rule's own data file, next to its module: ``load_beside(__file__, "keywords.json")``.
    JSON (``.json``) or YAML (``.yaml``/``.yml``, read safely: no tags constructed)."""
    path = Path(anchor).resolve().parent / name
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        import yaml

        return yaml.safe_load(text)
    return json.loads(text)
