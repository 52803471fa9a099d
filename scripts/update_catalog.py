#!/usr/bin/env python
"""Update the translation catalogs: extract every message, merge it into each ``.po``, compile.

    python scripts/update_catalog.py            # extract, update the .po files, compile the .mo,
                                                # then refresh the Turkish docs and sample
    python scripts/update_catalog.py --check    # exit 1 if the catalogs are out of date
    python scripts/update_catalog.py --untranslated tr   # list the msgids still to translate

Messages come from five places, all gathered here so no translatable text lives outside the
catalog:

- ``_("...")`` calls in ``campaignlint/`` and ``rules/`` (Babel's Python extractor);
- ``t("...")`` calls in the report templates ``campaignlint/templates/*.j2`` (Jinja's extractor);
- each built-in rule's documentation: its summary line, section titles, every paragraph and
  example of its docstring (see :func:`campaignlint.i18n.doc_blocks`), option help and source;
- the command line's help: every command's docstring and every option's ``help=``;
- every ``description`` of the brief and roster JSON Schemas (``schemas/brief.schema.json``,
  ``schemas/creators.schema.json``): schema findings show them in their hints.

Existing translations are kept; a changed msgid gets its old translation as a *fuzzy*
suggestion, which counts as untranslated until a translator confirms it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "campaignlint" / "locale"
DOMAIN = "campaignlint"
POT = LOCALE / f"{DOMAIN}.pot"
LANGUAGES = ("tr",)
# Fixed dates keep the files byte-stable: running the script twice changes nothing.
STABLE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

# (msgid, location, translator comment); a msgid pair is a singular and its plural.
Entry = tuple[str | tuple[str, str], str, str]


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _source_messages() -> Iterator[Entry]:
    method_map = [("**.py", "python"), ("**.j2", "jinja2.ext:babel_extract")]
    options_map = {"**.j2": {"trim_blocks": "true", "lstrip_blocks": "true"}}
    for folder in ("campaignlint", "rules"):
        extracted = extract_from_dir(
            str(REPO / folder),
            method_map=method_map,
            options_map=options_map,
            keywords={"_": None, "t": None},
            comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True,
        )
        for filename, _line, message, comments, _context in extracted:
            msgid = message if isinstance(message, str) else message[0]
            if msgid:
                yield msgid, f"{folder}/{filename}", " ".join(comments)


def _doc_messages() -> Iterator[Entry]:
    sys.path.insert(0, str(REPO))
    from campaignlint.i18n import doc_blocks
    from campaignlint.registry import builtin_rules
    from campaignlint.rule import DOC_SECTIONS

    for title in DOC_SECTIONS:
        yield title, "campaignlint/rule.py", "A section heading of every rule's documentation."
    for rule in sorted(builtin_rules().values(), key=lambda rule: rule.id):
        where = f"rules/{rule.module.rsplit('.', 1)[-1]}.py"
        yield rule.summary, where, f"{rule.id}: one-line summary."
        for title, body in rule.doc_sections().items():
            for block in doc_blocks(body):
                note = f"{rule.id}: docs, {title}."
                if block.lstrip().startswith("```"):
                    note += " An example brief: keep field names and the YAML shape, translate"
                    " comments and free text."
                yield block, where, note
        for name, option in rule.options.items():
            yield option.help, where, f"{rule.id}: help of the option '{name}'."
        for check, summary in rule.checks.items():
            yield summary, where, f"{rule.id}: summary of the check '{check}'."
        if rule.source:
            yield rule.source, where, f"{rule.id}: the source the rule rests on."


def _cli_messages() -> Iterator[Entry]:
    from campaignlint.cli import main
    from campaignlint.cli_help import CLICK_MESSAGES, translated_strings

    for text, note in translated_strings(main):
        yield text, "campaignlint/cli.py", note
    for message in CLICK_MESSAGES:
        yield message, "campaignlint/cli_help.py", "A message of click, the command-line library."


# The schemas whose descriptions reach a finding's message or fix hint (campaignlint.validation).
MESSAGE_SCHEMAS = ("brief.schema.json", "creators.schema.json")


def schema_descriptions(node: object) -> Iterator[str]:
    """Every ``description`` of a JSON Schema ``node``, in document order; a property that is
    itself named ``description`` is a schema (a mapping), so only text values are descriptions."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                if value:
                    yield value
            else:
                yield from schema_descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from schema_descriptions(item)


def _schema_messages() -> Iterator[Entry]:
    for name in MESSAGE_SCHEMAS:
        schema = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
        note = (
            "A JSON Schema description, shown in schema findings' hints: keep field names, "
            "YAML keys and values as written."
        )
        for description in schema_descriptions(schema):
            yield description, f"schemas/{name}", note


def extract() -> Catalog:
    """The template catalog: every message campaignlint can show."""
    template = Catalog(
        project=DOMAIN,
        creation_date=STABLE_DATE,
        revision_date=STABLE_DATE,
        charset="utf-8",
        fuzzy=False,
    )
    sources = (_source_messages(), _doc_messages(), _cli_messages(), _schema_messages())
    for source in sources:
        for msgid, location, note in source:
            # A msgid seen twice keeps both locations and notes (Catalog merges them).
            template.add(msgid, locations=[(location, None)], auto_comments=[note] if note else [])
    return template


def updated(template: Catalog, lang: str) -> Catalog:
    """``lang``'s catalog merged with ``template``: translations kept, obsolete ones dropped."""
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=DOMAIN)
    else:
        catalog = Catalog(locale=lang, domain=DOMAIN, project=DOMAIN, fuzzy=False)
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.creation_date = STABLE_DATE
    catalog.revision_date = STABLE_DATE
    catalog.fuzzy = False
    catalog.language_team = "Turkish" if lang == "tr" else lang
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def msgid(message: Message) -> str:
    """A message's msgid; the singular of a plural pair."""
    return str(message.id[0] if isinstance(message.id, tuple | list) else message.id)


def msgstr(message: Message) -> str:
    """A message's translation; its first form for a plural pair (Turkish has one)."""
    string = message.string
    return str((string[0] if string else "") if isinstance(string, tuple | list) else string or "")


def untranslated(catalog: Catalog) -> list[str]:
    return [msgid(m) for m in catalog if m.id and (not msgstr(m) or m.fuzzy)]


def messages_of(path: Path, data: bytes) -> dict[str, tuple[str, bool]]:
    """What a catalog file says: msgid -> (translation, fuzzy). Not the header (it names the
    Babel version that wrote it) nor the format flags (newer Babel versions add
    ``python-brace-format``): neither may make a catalog stale."""
    if path.suffix == ".mo":
        from babel.messages.mofile import read_mo

        catalog = read_mo(io.BytesIO(data))
    else:
        catalog = read_po(io.BytesIO(data))
    return {msgid(message): (msgstr(message), message.fuzzy) for message in catalog if message.id}


def _is_stale(path: Path, data: bytes) -> bool:
    if not path.exists():
        return True
    current = path.read_bytes()
    return current != data and messages_of(path, current) != messages_of(path, data)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a catalog is stale")
    parser.add_argument("--untranslated", metavar="LANG", help="list msgids without translation")
    args = parser.parse_args(argv)
    template = extract()
    if args.untranslated:
        for msgid in untranslated(updated(template, args.untranslated)):
            print(repr(msgid))
        return 0
    files = {POT: po_bytes(template)}
    for lang in LANGUAGES:
        catalog = updated(template, lang)
        files[po_path(lang)] = po_bytes(catalog)
        # Compile from the file as written, so the .mo is exactly what the .po says.
        files[mo_path(lang)] = mo_bytes(read_po(io.BytesIO(files[po_path(lang)]), locale=lang))
    stale = [path for path, data in files.items() if _is_stale(path, data)]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(REPO)} is stale: run python scripts/update_catalog.py")
        return 1 if stale else 0
    for path in stale:
        if _write_if_changed(path, files[path]):
            print(f"updated {path.relative_to(REPO)}")
    for lang in LANGUAGES:
        with po_path(lang).open("rb") as handle:
            missing = untranslated(read_po(handle, locale=lang))
        print(f"{lang}: {len(missing)} message(s) without translation")
    # The Turkish docs and sample report depend on the catalog: refresh them with the new .mo.
    outputs = Path(__file__).with_name("update_turkish_outputs.py")
    return subprocess.run([sys.executable, str(outputs)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
