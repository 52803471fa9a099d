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
