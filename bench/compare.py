"""Check that two installations of campaignlint find exactly the same things.

    python bench/compare.py --base /work/base/.venv/bin/campaignlint --head campaignlint
    python bench/compare.py --base OLD --head NEW --count 1200 --seed 7 --format json,sarif
    python bench/compare.py --write-corpus DIR          # only write the fuzzed corpus

Builds a fuzzed corpus deterministically from a seed (the benchmark's varied briefs, then
mutations: dropped and misspelt keys, wrong types, placeholders, naughty strings, Turkish text,
odd dates and money, duplicate creators, creators completed from a roster, broken YAML), runs
``check --exit-zero`` of both installations over it in each language and output format, and
prints every difference. Exits 1 when there is any, 0 when the outputs are identical.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import difflib
import functools
import json
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import CHILD_ENV, load_samples, roster_creator, vary

NAUGHTY = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "naughty-strings"
DEFAULT_COUNT = 600
DEFAULT_SEED = 19

PLACEHOLDERS = ["TBD", "TODO", "[brand name]", "Lorem ipsum dolor sit amet", "XXX", "<handle>",
                "{{ campaign }}", "N/A", "...", "?"]  # fmt: skip
TURKISH = ["İstanbul'da kahvaltı keyfi", "Işıl ışıl bir yaz", "#işbirliği #reklam",
           "Öğrenciler için özel indirim", "ÇAĞRI İÇİN TIKLAYIN", "ılık süt, iğne, şeker",
           "Reklam: Bu video ücretli bir iş birliğidir", "i̇ki İ ı I"]  # fmt: skip
DATES = ["2027-02-30", "2027-13-01", "01.03.2027", "2027-03-01T10:00:00+03:00", "next week",
         "2027-3-1", "1 Mart 2027", "2026-12-31", "2030-01-01", "", "2027/03/01"]  # fmt: skip
MONEY = ["₺40.000", "40,000 USD", "1.5k", "$ 5000", "5000", "-200", "0", "1e9", "€12,50",
         "40.000,00 TL", "free"]  # fmt: skip
ODD_VALUES: list[Any] = [None, True, 0, -1, 3.5, 10**12, "", " ", [], {}, ["a"], {"x": 1},
                         "12k", "yes", "null", "0x1F", ".inf", "~"]  # fmt: skip
BUILTIN_NAUGHTY = ["<script>alert(1)</script>", "' OR 1=1 --", "\u202eevil", "Ω≈ç√∫˜µ≤≥÷",
                   "\u0000", "😍" * 3, "%s%s%n", "${jndi:ldap://x}", "\\", "\ufeffbom",
                   "ＴＥＳＴ", "　", "null", "undefined"]  # fmt: skip


def naughty_source() -> str:
    path = NAUGHTY / "blns.json"
    return str(path) if path.exists() else "the built-in list (blns.json not found)"


@functools.cache
def naughty_strings() -> list[str]:
    path = NAUGHTY / "blns.json"
    if path.exists():
        strings = json.loads(path.read_text(encoding="utf-8"))
        return [s for s in strings if isinstance(s, str)] or BUILTIN_NAUGHTY
    return BUILTIN_NAUGHTY


# --- walking a document ---------------------------------------------------------------------


def containers(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every mapping and list of a document, with its path."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from containers(value, (*path, key))
    elif isinstance(node, list):
        yield path, node
        for index, value in enumerate(node):
            yield from containers(value, (*path, index))


def slots(data: Any) -> list[tuple[Any, Any]]:
    """(container, key) of every value in the document."""
    found = []
    for _, node in containers(data):
        keys = node.keys() if isinstance(node, dict) else range(len(node))
        found += [(node, key) for key in keys]
    return found


def string_slots(data: Any) -> list[tuple[Any, Any]]:
    return [(node, key) for node, key in slots(data) if isinstance(node[key], str)]


def mappings(data: Any) -> list[dict[Any, Any]]:
    return [node for _, node in containers(data) if isinstance(node, dict) and node]


# --- mutations ------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any], random.Random], None]


def drop_key(data: dict[str, Any], rng: random.Random) -> None:
    node = rng.choice(mappings(data))
    del node[rng.choice(list(node))]


def rename_key(data: dict[str, Any], rng: random.Random) -> None:
    node = rng.choice(mappings(data))
    key = rng.choice(list(node))
    if not isinstance(key, str) or not key:
        return
    spellings = [key.upper(), key[:-1], key + "s", key.replace("_", "-"), key.title(), f" {key}"]
    new = rng.choice(spellings)
    if new and new not in node:
        node[new] = node.pop(key)


def wrong_type(data: dict[str, Any], rng: random.Random) -> None:
    node, key = rng.choice(slots(data))
    node[key] = copy.deepcopy(rng.choice(ODD_VALUES))


def placeholder(data: dict[str, Any], rng: random.Random) -> None:
    node, key = rng.choice(string_slots(data) or slots(data))
    value = rng.choice(PLACEHOLDERS)
    node[key] = value if rng.random() < 0.6 else f"{node[key]} {value}"


def naughty(data: dict[str, Any], rng: random.Random) -> None:
    node, key = rng.choice(string_slots(data) or slots(data))
    node[key] = rng.choice(naughty_strings())


def turkish(data: dict[str, Any], rng: random.Random) -> None:
    node, key = rng.choice(string_slots(data) or slots(data))
    node[key] = rng.choice(TURKISH)
    if rng.random() < 0.5 and isinstance(data.get("campaign"), dict):
        data["campaign"]["markets"] = ["TR"]
        data.setdefault("target_audience", {})
        if isinstance(data["target_audience"], dict):
            data["target_audience"]["languages"] = ["tr"]


def odd_date(data: dict[str, Any], rng: random.Random) -> None:
    campaign = data.get("campaign")
    if isinstance(campaign, dict):
        campaign[rng.choice(["start", "end"])] = rng.choice(DATES)
    else:
        placeholder(data, rng)


def real_dates(data: dict[str, Any], rng: random.Random) -> None:
    """ISO date strings written as YAML dates (unquoted), as people write them."""
    for node, key in string_slots(data):
        try:
            node[key] = datetime.date.fromisoformat(node[key])
        except ValueError:
            continue


def odd_money(data: dict[str, Any], rng: random.Random) -> None:
    budgets = [n for n in mappings(data) if "amount" in n]
    if budgets:
        node = rng.choice(budgets)
        node["amount"] = rng.choice(MONEY)
        if rng.random() < 0.3:
            node["currency"] = rng.choice(["try", "TL", "₺", "EURO", "usd", "", "XXX"])
    else:
        wrong_type(data, rng)


def duplicate_creator(data: dict[str, Any], rng: random.Random) -> None:
    creators = data.get("influencers")
    if isinstance(creators, list) and creators:
        twin = copy.deepcopy(rng.choice(creators))
        if isinstance(twin, dict) and rng.random() < 0.5 and isinstance(twin.get("handle"), str):
            twin["handle"] = twin["handle"].upper().lstrip("@")
        creators.insert(rng.randrange(len(creators) + 1), twin)


def roster_reference(data: dict[str, Any], rng: random.Random) -> None:
    """Creators that list only their handle and deal: the rest comes from the roster."""
    creators = data.get("influencers")
    if not isinstance(creators, list):
        return
    for index, creator in enumerate(creators):
        if isinstance(creator, dict) and rng.random() < 0.7:
            handle = f"@creator.{rng.randrange(ROSTER_SIZE + 5)}"  # a few are not in it
            keep = {k: v for k, v in creator.items() if k in ("compensation", "platform")}
            creators[index] = {"handle": handle, **keep}
            deliverables = data.get("deliverables")
            for deliverable in deliverables if isinstance(deliverables, list) else []:
                if isinstance(deliverable, dict) and deliverable.get("influencer") == creator.get(
                    "handle"
                ):
                    deliverable["influencer"] = handle


MUTATIONS: list[Mutation] = [
    drop_key, rename_key, wrong_type, placeholder, naughty, turkish, odd_date, real_dates,
    odd_money, duplicate_creator, roster_reference,
]  # fmt: skip


# --- text-level damage ----------------------------------------------------------------------


def damage(text: str, rng: random.Random) -> str:
    """What editors and people do to a YAML file: some of it no longer parses."""
    lines = text.splitlines(keepends=True)
    kind = rng.randrange(10)
    line = rng.randrange(len(lines)) if lines else 0
    if kind == 0 and lines:
        lines[line] = lines[line].replace("  ", "\t", 1)
    elif kind == 1 and lines:
        lines[line] = lines[line].rstrip("\n") + ' "unclosed\n'
    elif kind == 2 and lines:
        lines.insert(line, lines[line])  # a duplicate key, or a repeated list item
    elif kind == 3:
        return text.replace("\n", "\r\n")
    elif kind == 4:
        return "\ufeff" + text
    elif kind == 5:
        return text + "---\nsecond: document\n"
    elif kind == 6:
        return text[: rng.randrange(len(text) + 1)]  # truncated
    elif kind == 7:
        return rng.choice(["", "\n", "# only a comment\n", "- a list\n", "just a string\n", "~\n"])
    elif kind == 8 and lines:
        lines.insert(line, "# campaignlint: disable=engagement-rate -- fuzzed waiver\n")
    elif kind == 9:
        return text.replace("campaign:", "campaign: &c", 1) + "copy: *c\n"
    return "".join(lines)


# --- the corpus -----------------------------------------------------------------------------

ROSTER_SIZE = 40


def fuzzed_brief(samples: list[dict[str, Any]], seed: int, index: int) -> str:
    rng = random.Random(f"{seed}:{index}")
    data = vary(rng.choice(samples), rng)
    for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 5])):
        rng.choice(MUTATIONS)(data, rng)
    flow = rng.choice([False, False, None])
    unicode, width = rng.random() < 0.8, rng.choice([80, 4096])
    text = yaml.dump(
        data, Dumper=yaml.CSafeDumper, allow_unicode=unicode, sort_keys=False,
        default_flow_style=flow, width=width,
    )  # fmt: skip
    if rng.random() < 0.12:
        text = damage(text, rng)
    return f"# fuzzed by bench/compare.py, seed {seed}, brief {index}\n" + text


def write_corpus(directory: Path, count: int, seed: int) -> list[Path]:
    """``count`` fuzzed briefs, a creator roster and the config naming it, in ``directory``."""
    samples = load_samples()
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    roster = [roster_creator(index, rng) for index in range(ROSTER_SIZE)]
    (directory / "creators.yaml").write_text(
        yaml.dump(roster, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    (directory / ".campaignlint.yaml").write_text("creators: [creators.yaml]\n", encoding="utf-8")
    paths = []
    for index in range(count):
        path = directory / f"fuzz-{index:05d}.yaml"
        path.write_bytes(fuzzed_brief(samples, seed, index).encode("utf-8", "surrogatepass"))
        paths.append(path)
    return paths


# --- comparing ------------------------------------------------------------------------------


def briefs_in(corpus: Path) -> list[Path]:
    """The briefs of an existing corpus (a fuzzed one, or any folder of briefs)."""
    found = (*corpus.rglob("*.yaml"), *corpus.rglob("*.yml"))
    return sorted(p for p in found if p.name != "creators.yaml" and not p.name.startswith("."))


def run_check(command: str, args: list[str], files: list[Path], cwd: Path) -> tuple[int, str, str]:
    result = subprocess.run(
        [*shlex.split(command), "check", "--exit-zero", *args, *map(str, files)],
        capture_output=True,
        cwd=cwd,
        env=CHILD_ENV,
        check=False,
    )
    return (
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


def json_differences(base: str, head: str) -> list[str]:
    try:
        old, new = json.loads(base), json.loads(head)
    except json.JSONDecodeError as error:
        return [f"output is not JSON: {error}"]
    differences = []
    old_files = {f["path"]: f for f in old.get("files", [])}
    new_files = {f["path"]: f for f in new.get("files", [])}
    for path in sorted(old_files.keys() | new_files.keys()):
        before, after = old_files.get(path), new_files.get(path)
        if before == after:
            continue
        if before is None or after is None:
            differences.append(f"{path}: only in {'head' if before is None else 'base'}")
            continue
        for key in sorted(before.keys() | after.keys()):
            if before.get(key) == after.get(key):
                continue
            if key in ("findings", "suppressed"):
                differences += finding_differences(path, key, before[key], after[key])
            else:
                differences.append(f"{path}: {key}: {before.get(key)!r} -> {after.get(key)!r}")
    if old.get("summary") != new.get("summary"):
        differences.append(f"summary: {old.get('summary')} -> {new.get('summary')}")
    if [f["path"] for f in old.get("files", [])] != [f["path"] for f in new.get("files", [])]:
        differences.append("files are listed in a different order")
    return differences


def finding_differences(
    path: str, key: str, before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> list[str]:
    def line(finding: dict[str, Any]) -> str:
        return json.dumps(finding, ensure_ascii=False, sort_keys=True)

    old, new = [line(f) for f in before], [line(f) for f in after]
    if sorted(old) == sorted(new):
        return [f"{path}: {key} in a different order"]
    out = [f"{path}: {key} differ"]
    out += [f"  - {text}" for text in old if text not in new]
    out += [f"  + {text}" for text in new if text not in old]
    return out


def text_differences(base: str, head: str, limit: int = 60) -> list[str]:
    diff = list(difflib.unified_diff(base.splitlines(), head.splitlines(), "base", "head", n=1))
    return diff[:limit] + (
        [f"... {len(diff) - limit} more diff lines"] if len(diff) > limit else []
    )


def compare(args: argparse.Namespace, corpus: Path, files: list[Path]) -> int:
    failures = 0
    extra = shlex.split(args.args)
    for lang in args.lang.split(","):
        for output in args.format.split(","):
            options = ["--format", output, "--lang", lang, *extra]
            base = run_check(args.base, options, files, corpus)
            head = run_check(args.head, options, files, corpus)
            label = f"--format {output} --lang {lang} {args.args}".strip()
            differences = []
            if base[0] != head[0]:
                differences.append(f"exit code {base[0]} -> {head[0]}")
            if output == "json":
                differences += json_differences(base[1], head[1])
            elif base[1] != head[1]:
                differences += text_differences(base[1], head[1])
            if base[2] != head[2]:
                differences += ["standard error differs:", *text_differences(base[2], head[2])]
            if differences:
                failures += 1
                print(f"DIFFERENT ({label}), {len(differences)} difference line(s):")
                print("\n".join(differences[: args.max_lines]))
            else:
                findings = ""
                if output == "json":
                    summary = json.loads(head[1]).get("summary", {})
                    findings = f", summary {json.dumps(summary, sort_keys=True)}"
                print(f"identical ({label}): {len(files)} briefs{findings}")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="Command of the installation to compare against.")
    parser.add_argument("--head", default="campaignlint", help="Command of the new one.")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="Fuzzed briefs.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--write-corpus", metavar="DIR", type=Path, help="Write it and stop.")
    parser.add_argument(
        "--corpus", metavar="DIR", type=Path,
        help="Compare on the briefs of this folder (written there first when it has none).",
    )  # fmt: skip
    parser.add_argument("--format", default="json", help="Comma-separated (default: json).")
    parser.add_argument("--lang", default="en,tr", help="Comma-separated (default: en,tr).")
    parser.add_argument("--args", default="", help="More check options, e.g. '--jobs 2'.")
    parser.add_argument("--max-lines", type=int, default=200, help="Differences shown per run.")
    args = parser.parse_args()
    if args.write_corpus:
        files = write_corpus(args.write_corpus, args.count, args.seed)
        print(f"wrote {len(files)} fuzzed briefs and creators.yaml to {args.write_corpus}")
        print(f"naughty strings: {naughty_source()}")
        return 0
    if not args.base:
        parser.error("--base is required unless --write-corpus is given")
    corpus = args.corpus or Path(tempfile.mkdtemp(prefix="campaignlint-compare-"))
    try:
        files = briefs_in(corpus) if args.corpus else []
        if not files:
            files = write_corpus(corpus, args.count, args.seed)
        return compare(args, corpus, [f.relative_to(corpus) for f in files])
    finally:
        if not args.corpus:
            shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
