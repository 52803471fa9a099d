"""Validate a brief against ``schemas/brief.schema.json`` and explain violations plainly."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from campaignlint.i18n import DEFAULT_LANGUAGE, Catalogued, Message, _, plural
from campaignlint.pointers import join_pointer, pointer_from, pointer_tokens

BRIEF_SCHEMA = "brief.schema.json"
CONFIG_SCHEMA = "config.schema.json"


def schema_path(name: str) -> Path:
    """Where a shipped schema lies: the ``campaignlint.schemas`` package folder (read directly,
    as ``importlib.resources`` adds ~4 ms of imports to every run)."""
    from importlib import import_module

    package_file = import_module("campaignlint.schemas").__file__  # rules/ and schemas/ are
    assert package_file is not None  # mapped into the package at build time (pyproject.toml)
    return Path(package_file).parent / name


@lru_cache(maxsize=4)
def load_schema(name: str) -> dict[str, Any]:
    text = schema_path(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=4)
def validator(name: str) -> Any:
    """The compiled validator of a schema; built once per process.

    jsonschema-rs, not the jsonschema package: it imports in a third of the time and validates
    several times faster, which is most of a pre-commit run's budget.
    """
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema(name), validate_formats=True)


class SchemaError:
    """A jsonschema-rs error seen through the names of the jsonschema package's errors."""

    def __init__(self, error: Any, root: Mapping[str, Any]) -> None:
        schema_path = list(error.schema_path)
        self.validator = str(schema_path[-1]) if schema_path else ""
        self.schema = _resolve(root, schema_path[:-1])
        self.validator_value = self.schema.get(self.validator)
        self.instance = error.instance
        self.absolute_path = list(error.instance_path)
        self.message = str(error.message)
        # The named definition that failed (``country_code`` for $defs/country_code/pattern).
        self.definition = str(schema_path[-2]) if schema_path[-3:-2] == ["$defs"] else None


def _resolve(root: Mapping[str, Any], path: Sequence[Any]) -> Mapping[str, Any]:
    node: Any = root
    for token in path:
        in_mapping = isinstance(node, Mapping) and token in node
        in_list = isinstance(node, list) and isinstance(token, int) and token < len(node)
        if not (in_mapping or in_list):
            return {}
        node = node[token]
    return node if isinstance(node, Mapping) else {}


def schema_errors(data: Any, schema_name: str) -> Iterator[SchemaError]:
    root = load_schema(schema_name)
    for error in validator(schema_name).iter_errors(data):
        yield SchemaError(error, root)


_TYPE_NAMES = {
    "string": _("text"),
    "number": _("a number"),
    "integer": _("a whole number"),
    "object": _("a mapping (key: value lines)"),
    "array": _("a list"),
    "boolean": _("true or false"),
    "null": _("empty"),
}


def field_label(path: Sequence[Any]) -> str:
    """``['influencers', 2, 'audience']`` -> ``influencers[2].audience``."""
    label = ""
    for part in path:
        if isinstance(part, int):
            label += f"[{part}]"
        else:
            label += ("." if label else "") + str(part)
    return label or "the brief"


def pointer_label(pointer: str) -> str:
    """``/contract/clauses/0`` -> ``contract.clauses[0]``, as :func:`field_label` writes paths."""
    tokens = pointer_tokens(pointer)
    return field_label([int(token) if token.isdigit() else token for token in tokens])


def describe_value(value: Any) -> str | Message:
    """A value as a message shows it: text and numbers as written, the rest in words."""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    return repr(value)


def _expected(schema_type: Any) -> Message:
    types = schema_type if isinstance(schema_type, list) else [schema_type]
    names = [_TYPE_NAMES.get(t, _("{t}", t=t)) for t in types if t != "null"]
    if len(names) == 1:
        return names[0]
    return _("{first} or {second}", first=names[0], second=names[-1])


def _suggest(word: str, choices: Sequence[str]) -> str | None:
    import difflib  # only for a value the schema rejects, not on every run

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _same_keyword(word: str, choices: Sequence[str]) -> str | None:
    """The choice ``word`` names apart from case, spaces and hyphens (``TikTok Analytics``)."""
    from campaignlint.domain import keyword

    key = keyword(word)
    return next((choice for choice in choices if keyword(choice) == key), None)


class Violation:
    """One schema violation, explained, with where it points. ``rejects_value`` is true when
    the value at ``pointer`` itself is wrong (a type, an enum value, a code), so rules must not
    read it; a missing or unknown field rejects nothing."""

    def __init__(
        self,
        pointer: str,
        message: Message,
        fix: Message | None,
        at_key: bool,
        rejects_value: bool = False,
        related: tuple[str, ...] = (),
    ) -> None:
        self.pointer = pointer
        self.message = message
        self.fix = fix
        self.at_key = at_key
        self.rejects_value = rejects_value
        self.related = related  # pointers of the other places of a grouped violation


class _LazyFix(Message):
    """A fix hint worked out only when it is rendered: a brief with 450,000 unknown keys shows
    the first few, and the rest must not each pay for a spelling suggestion."""

    def __init__(self, key: Any, allowed: Sequence[str]) -> None:
        super().__init__("")
        object.__setattr__(self, "_source", (key, allowed))

    def _hint(self) -> Message:
        key, allowed = self._source  # type: ignore[attr-defined]
        guess = _suggest(str(key), allowed)
        if guess:
            return _(
                "Did you mean '{guess}'? Fields of your own must start with 'x-'.", guess=guess
            )
        return _(
            "Known fields here: {known}. Fields of your own must start with 'x-'.",
            known=", ".join(allowed),
        )

    def render(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self._hint().render(lang)


def _explain(error: Any) -> Iterator[Violation]:
    path = list(error.absolute_path)
    pointer = pointer_from(path)
    label = field_label(path)
    validator_name = error.validator
    value = error.instance
    if validator_name == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = [key for key in value if key not in allowed and not str(key).startswith("x-")]
        where = field_label(path) if path else _("the top level of the brief")
        for key in extras:
            message = _("unknown field '{key}' in {where}", key=key, where=where)
            fix = _LazyFix(key, allowed)
            yield Violation(join_pointer(pointer, key), message, fix, at_key=True)
        return
    if validator_name == "required":
        missing = [name for name in error.validator_value if name not in value]
        for name in missing:
            where = label if path else _("the brief")
            yield Violation(
                pointer,
                _("{where} is missing the required field '{name}'", where=where, name=name),
                _("Add '{name}:' under {where}.", name=name, where=where),
                at_key=bool(path),
            )
        return
    rejects = bool(path) and (validator_name == "type" or not isinstance(value, dict | list))
    if error.definition in _CODE_LISTS and isinstance(value, str):
        message, code_fix = _code_violation(error.definition, label, value)
        yield Violation(pointer, message, code_fix, at_key=False, rejects_value=rejects)
        return
    yield Violation(
        pointer,
        _message(error, label, value),
        _fix(error, value),
        at_key=False,
        rejects_value=rejects,
    )


_CODE_LISTS = ("country_code", "language_code")


def _code_violation(definition: str, label: str, value: str) -> tuple[Message, Message]:
    """A market or language that is not an ISO code, with the code it most likely means."""
    from campaignlint import codes

    shown = describe_value(value)
    if definition == "country_code":
        message = _(
            "{field} must be an ISO 3166-1 alpha-2 country code such as TR, DE or GB; got {value}",
            field=label,
            value=shown,
        )
        guess = codes.suggest_country(value)
    else:
        message = _(
            "{field} must be an ISO 639-1 language code such as tr, en or de; got {value}",
            field=label,
            value=shown,
        )
        guess = codes.suggest_language(value)
    if guess is not None:
        return message, _("Did you mean '{guess}'?", guess=guess)
    if definition == "country_code":
        return message, _("Write the country's two-letter ISO 3166-1 code.")
    return message, _("Write the language's two-letter ISO 639-1 code (en-GB counts as en).")


def _message(error: Any, label: str, value: Any) -> Message:
    kind = error.validator
    shown = describe_value(value)
    if kind == "type":
        if not error.absolute_path and error.validator_value == "object":
            return _(
                "the brief must be a mapping of sections (campaign:, target_audience:,"
                " influencers:, deliverables: ...), got {value}",
                value=shown,
            )
        return _(
            "{field} must be {expected}, got {value}",
            field=label,
            expected=_expected(error.validator_value),
            value=shown,
        )
    if kind == "enum":  # values to write as they are: code spans, never translated
        choices = ", ".join(f"`{choice}`" for choice in error.validator_value)
        return _(
            "{field} must be one of {choices}; got {value}",
            field=label,
            choices=choices,
            value=shown,
        )
    if kind == "format" and error.validator_value == "date":
        return _("{field} must be a date written YYYY-MM-DD, got {value}", field=label, value=shown)
    if kind == "pattern":
        hint = error.schema.get("description", "")
        return _(
            "{field} is not in the expected form ({hint}); got {value}",
            field=label,
            hint=Catalogued(hint),
            value=shown,
        )
    if kind == "minimum":
        return _(
            "{field} must be at least {limit}, got {value}",
            field=label,
            limit=error.validator_value,
            value=shown,
        )
    if kind == "maximum":
        return _(
            "{field} must be at most {limit}, got {value}",
            field=label,
            limit=error.validator_value,
            value=shown,
        )
    if kind == "minItems":
        least = error.validator_value
        return plural(
            least,
            _("{field} must list at least 1 item", field=label),
            _("{field} must list at least {count} items", field=label, count=least),
        )
    if kind == "anyOf":
        described = error.schema.get("description", "")
        return _(
            "{field} has the wrong form: {hint} Got {value}",
            field=label,
            hint=Catalogued(described),
            value=shown,
        )
    return _("{field}: {detail}", field=label, detail=error.message)


def _fix(error: Any, value: Any) -> Message | None:
    if error.validator == "enum":
        choices = [str(choice) for choice in error.validator_value]
        guess = (
            _same_keyword(value, choices) or _suggest(value, choices)
            if isinstance(value, str)
            else None
        )
        if guess:
            return _("Did you mean '{guess}'?", guess=guess)
        return _("Write one of: {choices}.", choices=", ".join(choices))
    if error.validator == "type" and not error.absolute_path:
        return _(
            "Start from the commented brief `campaignlint init --brief brief.yaml` writes: it has"
            " every section, with the values each field allows."
        )
    if error.validator == "type" and isinstance(value, bool) and error.validator_value == "string":
        return _("YAML reads unquoted yes/no/on/off as true/false: put the value in quotes.")
    if (
        error.validator == "type"
        and isinstance(value, str)
        and error.validator_value in ("number", "integer")
    ):
        return _("Write the number with digits only, without units or words.")
    description = error.schema.get("description")
    if description:
        return _("Expected: {description}", description=Catalogued(description))
    return None


def _optional_property(root: Mapping[str, Any], path: Sequence[Any]) -> bool:
    """True when ``path`` ends at a property its object's schema does not require."""
    if not path or not isinstance(path[-1], str):
        return False
    node = _dereference(root, root)
    for token in path[:-1]:
        key = "items" if isinstance(token, int) else None
        child = node.get(key) if key else node.get("properties", {}).get(token)
        if not isinstance(child, Mapping):
            return False
        node = _dereference(root, child)
    return path[-1] not in node.get("required", ())


def _dereference(root: Mapping[str, Any], node: Mapping[str, Any]) -> Mapping[str, Any]:
    while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        node = _resolve(root, node["$ref"][2:].split("/"))
    return node


def violations(data: Any, schema_name: str = BRIEF_SCHEMA) -> Iterator[Violation]:
    """Every violation of the schema in ``data``, in document order.

    An optional field left empty (``contract:`` with nothing after it) counts as absent: what
    an absent field means is a rule's job (missing-contract-terms, missing-tracking ...), and the
    schema does not report it a second time.
    """
    # The messages given at each pointer: rendered (to compare) only at a pointer seen before.
    seen: dict[str, list[Message | str]] = {}
    root = load_schema(schema_name)
    for error in schema_errors(data, schema_name):
        if error.instance is None and _optional_property(root, error.absolute_path):
            continue
        for violation in _explain(error):
            if violation.at_key and error.validator == "additionalProperties":
                yield violation  # one per key: never a repeat, and its message is lazy
                continue
            if _first_time(seen, violation):  # "required" is reported once per missing property
                yield violation
    if schema_name == BRIEF_SCHEMA:  # what JSON Schema cannot say: formats per platform ...
        from campaignlint import campaign

        for extra in campaign.violations(data):
            yield Violation(
                extra.pointer,
                extra.message,
                extra.fix,
                extra.at_key,
                rejects_value=not extra.at_key,  # a value of the wrong platform
                related=extra.related,
            )


def _first_time(seen: dict[str, list[Message | str]], violation: Violation) -> bool:
    """False when a violation with the same pointer and message text was given before."""
    given = seen.get(violation.pointer)
    if given is None:
        seen[violation.pointer] = [violation.message]
        return True
    text = str(violation.message)
    for index, message in enumerate(given):
        if not isinstance(message, str):
            given[index] = message = str(message)
        if message == text:
            return False
    given.append(text)
    return True


def config_errors(data: Mapping[str, Any]) -> list[tuple[str, Message, bool]]:
    """Violations of the config schema as ``(pointer, message, at_key)``, explained as brief
    violations are: the key, what is allowed, and a "did you mean" where one is close."""
    found: list[tuple[str, Message, bool]] = []
    for error in schema_errors(data, CONFIG_SCHEMA):
        found.extend(_explain_config(error))
    return found


# Compiled on first use (re caches it): only a config's misspelt size needs it.
_SIZE_WORD = r"(?i)^\s*([0-9]+(?:[.,][0-9]+)?)\s*([a-z]+)\s*$"
_SIZE_UNITS = (
    ("kilo", "KB"), ("kib", "KB"), ("k", "KB"), ("mega", "MB"), ("mib", "MB"), ("m", "MB"),
    ("giga", "GB"), ("gib", "GB"), ("g", "GB"), ("byte", ""), ("b", ""),
)  # fmt: skip


def size_guess(value: Any) -> str | None:
    """``"1 kilobyte"`` -> ``"1KB"``: the size a config probably meant, or None."""
    match = re.match(_SIZE_WORD, str(value))
    if not match:
        return None
    number, word = match.group(1).replace(",", "."), match.group(2).lower()
    for prefix, unit in _SIZE_UNITS:
        if word.startswith(prefix):
            return f"{number}{unit}" if unit or "." not in number else None
    return None


def _explain_config(error: Any) -> Iterator[tuple[str, Message, bool]]:
    path = list(error.absolute_path)
    pointer = pointer_from(path)
    label = field_label(path) if path else "config"
    value = error.instance
    kind = error.validator
    if kind == "additionalProperties" and isinstance(value, Mapping):
        allowed = list(error.schema.get("properties", {}))
        for key in (key for key in value if key not in allowed):
            guess = _suggest(str(key), allowed)
            where = label if path else _("the top level")
            if guess:
                message = _(
                    "unknown key '{key}' in {where}; did you mean '{guess}'?",
                    key=key,
                    where=where,
                    guess=guess,
                )
            else:
                message = _(
                    "unknown key '{key}' in {where} (known keys: {known})",
                    key=key,
                    where=where,
                    known=", ".join(allowed),
                )
            yield join_pointer(pointer, key), message, True
        return
    if kind == "enum":
        choices = [str(choice) for choice in error.validator_value]
        guess = _suggest(str(value), choices) if isinstance(value, str) else None
        message = _(
            "{field} must be one of {choices}; got {value}",
            field=label,
            choices=", ".join(choices),
            value=describe_value(value),
        )
        if guess:
            message = _("{message}; did you mean '{guess}'?", message=message, guess=guess)
        yield pointer, message, False
        return
    if kind == "anyOf" and path == ["max_file_size"]:
        message = _(
            "max_file_size: cannot read {value} as a size: write a number of bytes, or a number"
            " with KB, MB or GB (500KB, 5MB)",
            value=describe_value(value),
        )
        guess = size_guess(value)
        if guess:
            message = _("{message}; did you mean '{guess}'?", message=message, guess=guess)
        yield pointer, message, False
        return
    if kind == "required":
        for name in (name for name in error.validator_value if name not in value):
            message = _("{field} is missing the required key '{name}'", field=label, name=name)
            yield pointer, message, bool(path)
        return
    if kind == "type":
        expected = _expected(error.validator_value)
        shown = describe_value(value)
        message = _(
            "{field} must be {expected}, got {value}", field=label, expected=expected, value=shown
        )
        if error.validator_value == "array" and isinstance(value, str):
            message = _("{message}: write [{value}]", message=message, value=value)
        yield pointer, message, False
        return
    yield pointer, _message(error, label, value), False
