"""Rule data kept as data: keyword lists and tables in JSON or YAML files, each with a schema.

campaignlint's own shared tables live next to this module (:func:`load_json`); a rule's own data
lives next to the rule's module (:func:`load_beside`), and is checked against the JSON Schema
beside it (``keywords.json`` against ``keywords.schema.json``) when it is read, so a mistake in
the data is one clear line naming the file, not a crash inside the rule.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from campaignlint.errors import RuleLoadError

DATA_DIR = Path(__file__).parent
SCHEMA_SUFFIX = ".schema.json"


def load_json(name: str) -> dict[str, Any]:
    """The JSON object in ``campaignlint/data/<name>`` (read straight from the package folder:
    ``importlib.resources`` would add ~4 ms of imports to every run)."""
    data: dict[str, Any] = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return data


def schema_path(path: Path) -> Path:
    """Where the schema of a data file is: ``keywords.json`` -> ``keywords.schema.json``."""
    return path.with_name(path.name.split(".", 1)[0] + SCHEMA_SUFFIX)


def load_beside(anchor: str, name: str) -> Any:
    """A rule's own data file, next to its module: ``load_beside(__file__, "keywords.json")``.
    JSON (``.json``) or YAML (``.yaml``/``.yml``, read safely: no tags constructed). When a
    schema sits beside it (``keywords.schema.json``), the data must match it."""
    path = Path(anchor).resolve().parent / name
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(text)
    else:
        data = json.loads(text)
    schema = schema_path(path)
    if schema.is_file():
        validate_data(data, schema, path)
    return data


def validate_data(data: Any, schema: Path, path: Path) -> None:
    """Raise :class:`RuleLoadError` naming ``path`` and the first place ``data`` breaks
    ``schema``."""
    import jsonschema_rs

    validator = jsonschema_rs.validator_for(json.loads(schema.read_text(encoding="utf-8")))
    for error in validator.iter_errors(data):
        place = "/" + "/".join(str(token) for token in error.instance_path)
        raise RuleLoadError(f"{path}: {place}: {error.message} (schema {schema.name})")
