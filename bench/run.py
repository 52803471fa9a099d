"""Benchmark campaignlint against its peers, as whole processes, on one machine in one run.

    pip install -e '.[bench]'
    python bench/run.py                  # 2,000 briefs, 5 repetitions
    python bench/run.py --files 500 --repeat 3
    python bench/run.py --roster-only    # only the creator-roster load times
    python bench/run.py --only memory --memory-jobs auto --corpus-cache /tmp/cl-corpora
                                         # only peak memory per format, 2,000 vs 20,000 briefs
    python bench/run.py --update-readme  # and publish: docs/performance.json, README, chart
    python bench/run.py --write-big-brief big.yaml   # only write the 10,000-influencer brief

Writes bench/results/latest.json, latest.md and latest.svg. With --update-readme it also copies
the results to docs/performance.json and regenerates the README's Performance section and
docs/images/performance.svg from them (bench/report.py; `python bench/report.py` regenerates
them from the published file alone).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "schemas" / "brief.schema.json"
RESULTS = REPO / "bench" / "results"

# The floors: what any tool must do at least: start Python, load each brief with libyaml and
# validate it (validator compiled once per process). The old floor validates with the pure-Python
# jsonschema; the new one with jsonschema-rs, as campaignlint itself does.
FLOOR_SCRIPT = """
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as stream:
        list(validator.iter_errors(yaml.load(stream, Loader=yaml.CSafeLoader)))
"""
NEW_FLOOR_SCRIPT = """
import json, sys, yaml, jsonschema_rs
schema = json.load(open(sys.argv[1]))
validator = jsonschema_rs.validator_for(schema)
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as stream:
        list(validator.iter_errors(yaml.load(stream, Loader=yaml.CSafeLoader)))
"""


@dataclass
class Timing:
    label: str
    seconds: list[float]
    peak_rss_mb: float
    files: int

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "files": self.files,
            "min_ms": round(min(self.seconds) * 1000, 1),
            "median_ms": round(self.median * 1000, 1),
            "max_ms": round(max(self.seconds) * 1000, 1),
            "files_per_second": round(self.files / self.median, 1),
            "ms_per_file": round(self.median * 1000 / self.files, 2),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }


# Every tool runs as installed tools do, from compiled bytecode: an environment that sets
# PYTHONDONTWRITEBYTECODE would make campaignlint (an editable install) recompile its sources on
# every run while the other tools' .pyc files come from their wheels.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


# Runs one command and prints its wall time and peak RSS. Linux charges a child the peak RSS of
# the process that spawned it (the memory it had when the child called exec), so a child of this
# script, which holds corpora and rosters, would show this script's memory: the launcher is a
# small process of its own.
LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_once(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one process."""
    launched = subprocess.run(
        [sys.executable, "-I", "-S", "-c", LAUNCHER, *command],
        cwd=cwd, env=CHILD_ENV, capture_output=True, text=True, check=True,
    )  # fmt: skip
    elapsed, peak_kb, status = launched.stdout.split()
    if int(status) not in (0, 1, 2):  # findings or input errors, not a crash
        raise SystemExit(f"{' '.join(command[:4])} ... exited with {status}")
    return float(elapsed), int(peak_kb) / 1024


def measure(
    label: str, command: list[str], repeat: int, files: int, cwd: Path, warm: bool = True
) -> Timing:
    if warm:
        run_once(command, cwd)  # warm the file cache and .pyc files
    seconds, peak = [], 0.0
    for _ in range(repeat):
        elapsed, rss = run_once(command, cwd)
        seconds.append(elapsed)
        peak = max(peak, rss)
    timing = Timing(label, seconds, peak, files)
    print(f"  {label:<48} median {timing.median * 1000:9.1f} ms", file=sys.stderr)
    return timing


def measure_side_by_side(
    cases: list[tuple[str, list[str]]], repeat: int, files: int, cwd: Path, warm: bool = True
) -> list[Timing]:
    """Time ``cases`` in turn, one run of each per round, so that a machine that slows down
    or speeds up during the benchmark moves every case alike and their ratios stay fair."""
    if warm:
        for _label, command in cases:
            run_once(command, cwd)
    seconds: list[list[float]] = [[] for _ in cases]
    peaks = [0.0 for _ in cases]
    for _ in range(repeat):
        for index, (_label, command) in enumerate(cases):
            elapsed, rss = run_once(command, cwd)
            seconds[index].append(elapsed)
            peaks[index] = max(peaks[index], rss)
    timings = []
    for (label, _command), taken, peak in zip(cases, seconds, peaks, strict=True):
        timing = Timing(label, taken, peak, files)
        print(f"  {label:<48} median {timing.median * 1000:9.1f} ms", file=sys.stderr)
        timings.append(timing)
    return timings


# --- corpus ---------------------------------------------------------------------------------

CITIES = ["İstanbul", "Ankara", "İzmir", "Bursa", "Antalya", "London", "Berlin", "Paris"]
STYLES = ["tutorial", "comedy", "dance", "beauty", "fashion", "travel", "family", "fitness"]


def load_samples() -> list[dict[str, Any]]:
    samples = []
    for path in sorted((REPO / "samples").rglob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and isinstance(data.get("influencers"), list):
            samples.append(data)
    if not samples:
        raise SystemExit("no usable briefs in samples/")
    return samples


def vary(
    brief: dict[str, Any], rng: random.Random, influencers: int | None = None
) -> dict[str, Any]:
    """A realistic variation: other creators, numbers, cities; mistakes stay mistakes."""
    data = json.loads(json.dumps(brief, default=str))
    creators = [c for c in data.get("influencers", []) if isinstance(c, dict)] or [{}]
    count = influencers or rng.randint(1, 6)
    new_creators = []
    for index in range(count):
        creator = json.loads(json.dumps(rng.choice(creators)))
        creator["handle"] = f"@creator{index}_{rng.randint(1000, 9999)}"
        followers = rng.choice([4_000, 25_000, 85_000, 240_000, 700_000, 2_000_000])
        creator["followers"] = followers
        creator.pop("tier", None)
        if isinstance(creator.get("audience"), dict):
            creator["audience"]["locations"] = {rng.choice(CITIES): rng.randint(20, 60)}
        creator["content_style"] = rng.sample(STYLES, 2)
        new_creators.append(creator)
    data["influencers"] = new_creators
    deliverables = [d for d in data.get("deliverables", []) if isinstance(d, dict)] or [{}]
    data["deliverables"] = []
    for creator in new_creators:
        deliverable = json.loads(json.dumps(rng.choice(deliverables)))
        deliverable["influencer"] = creator["handle"]
        data["deliverables"].append(deliverable)
    if isinstance(data.get("campaign"), dict):
        data["campaign"]["name"] = (
            f"{data['campaign'].get('name', 'Campaign')} #{rng.randint(1, 999)}"
        )
    return data


def write_brief(path: Path, data: dict[str, Any]) -> None:
    text = yaml.dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    path.write_text("# generated by bench/run.py\n" + text, encoding="utf-8")


def make_corpus(directory: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    samples = load_samples()
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = directory / f"brief-{index:05d}.yaml"
        write_brief(path, vary(rng.choice(samples), rng))
        paths.append(path)
    return paths


# --- creator roster -------------------------------------------------------------------------

ROSTER_CREATORS = 10_000
ROSTER_COLUMNS = (
    "handle", "platform", "followers", "avg_views", "avg_likes", "avg_comments", "avg_shares",
    "engagement_rate", "content_style", "measured_on",
)  # fmt: skip
AGES = ("13-17", "18-24", "25-34", "35-44", "45+")


def roster_creator(index: int, rng: random.Random) -> dict[str, Any]:
    """One exported creator: figures and a full audience breakdown."""
    ages = [rng.randint(1, 40) for _ in AGES]
    female = rng.randint(5, 95)
    cities = rng.sample(CITIES, 3)
    return {
        "handle": f"@creator.{index}",
        "platform": rng.choice(["tiktok", "instagram", "youtube"]),
        "followers": rng.randint(1_000, 2_000_000),
        "avg_views": rng.randint(500, 500_000),
        "avg_likes": rng.randint(50, 40_000),
        "avg_comments": rng.randint(5, 3_000),
        "avg_shares": rng.randint(1, 2_000),
        "engagement_rate": round(rng.uniform(0.5, 12), 1),
        "content_style": rng.sample(STYLES, 2),
        "measured_on": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "audience": {
            "age": {
                age: round(share * 100 / sum(ages)) for age, share in zip(AGES, ages, strict=True)
            },
            "gender": {"female": female, "male": 100 - female},
            "locations": {city: rng.randint(5, 30) for city in cities},
            "languages": {"tr": 80, "en": 20},
        },
    }


def write_rosters(directory: Path, count: int, seed: int) -> tuple[Path, Path]:
    """The same ``count`` creators as a YAML roster and as a CSV roster (dotted columns)."""
    rng = random.Random(seed)
    creators = [roster_creator(index, rng) for index in range(count)]
    directory.mkdir(parents=True, exist_ok=True)
    yaml_path = directory / "creators.yaml"
    yaml_path.write_text(yaml.dump(creators, allow_unicode=True, sort_keys=False), encoding="utf-8")
    audience_columns = sorted(
        {(part, key) for c in creators for part, shares in c["audience"].items() for key in shares}
    )
    header = [*ROSTER_COLUMNS, *(f"audience.{part}.{key}" for part, key in audience_columns)]
    csv_path = directory / "creators.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as stream:
        import csv

        writer = csv.writer(stream)
        writer.writerow(header)
        for creator in creators:
            row = [creator[name] for name in ROSTER_COLUMNS]
            row[ROSTER_COLUMNS.index("content_style")] = ", ".join(creator["content_style"])
            row += [creator["audience"][part].get(key, "") for part, key in audience_columns]
            writer.writerow(row)
    return yaml_path, csv_path


def roster_benchmark(workdir: Path, repeat: int, seed: int) -> list[dict[str, Any]]:
    """Seconds to read, validate and index a 10,000-creator roster (once per run), in this
    process: what a run pays before its first brief."""
    from campaignlint import roster

    yaml_path, csv_path = write_rosters(workdir / "roster", ROSTER_CREATORS, seed)
    rows = []
    for label, path in (("YAML", yaml_path), ("CSV", csv_path)):
        roster.load_roster((str(path),))  # warm: imports, the compiled schema
        seconds, cpu = [], []
        for _ in range(max(3, repeat)):
            roster._LOADED.clear()
            start, start_cpu = time.perf_counter(), time.process_time()
            loaded = roster.load_roster((str(path),))
            seconds.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        assert len(loaded) == ROSTER_CREATORS, f"{label}: {len(loaded)} creators read"
        rows.append(
            {
                "label": f"load a {ROSTER_CREATORS:,}-creator {label} roster",
                "bytes": path.stat().st_size,
                "median_ms": round(statistics.median(seconds) * 1000, 1),
                "min_ms": round(min(seconds) * 1000, 1),
                "max_ms": round(max(seconds) * 1000, 1),
                # CPU time: what the wall time is on a machine nobody else is using
                "cpu_median_ms": round(statistics.median(cpu) * 1000, 1),
            }
        )
        print(f"  {rows[-1]['label']:<48} median {rows[-1]['median_ms']:9.1f} ms", file=sys.stderr)
    return rows


# --- tools ----------------------------------------------------------------------------------


def tool(name: str) -> str | None:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def import_time_ms() -> float:
    """Cumulative import time of campaignlint's CLI (python -X importtime), median of 5."""
    values = []
    for _ in range(5):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import campaignlint.cli"],
            capture_output=True,
            text=True,
            check=True,
            env=CHILD_ENV,
        )
        for line in result.stderr.splitlines():
            if line.rstrip().endswith("| campaignlint.cli"):
                values.append(int(line.split("|")[1]) / 1000)
    return statistics.median(values)


# --- cases ----------------------------------------------------------------------------------

ONE_OLD_FLOOR = "old floor: libyaml + jsonschema, one brief"
ONE_NEW_FLOOR = "new floor: libyaml + jsonschema-rs, one brief"
ONE_CAMPAIGNLINT = "campaignlint check (all rules)"
SINGLE_BRIEF_REPEAT = 20  # at least, for the one-brief cases
MANY_OLD_FLOOR = "old floor: libyaml + jsonschema"
MANY_NEW_FLOOR = "new floor: libyaml + jsonschema-rs"
MANY_JOBS1 = "campaignlint check --jobs 1"
MANY_AUTO = "campaignlint check --jobs auto"
PEER_CHECK_JSONSCHEMA = "check-jsonschema"
PEER_YAMLLINT = "yamllint"

# Every output format, each written to standard output (the reports included).
FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "markdown", "html")
# Flat memory: the peak over the large corpus at most this much above the one over the small.
FLAT_TOLERANCE = 0.10
BIG_BRIEF_INFLUENCERS = 10_000

# (key, label, comparison, goal, unit): the targets; see evaluate_targets.
TARGETS = (
    ("corpus_jobs1_throughput_vs_new_floor", "{files} briefs, --jobs 1: throughput / new floor's",
     ">=", 0.45, "×"),
    ("corpus_jobs_auto_throughput_vs_new_floor",
     "{files} briefs, --jobs auto: throughput / new floor's", ">=", 0.8, "×"),
    ("one_brief_vs_new_floor", "one brief: wall time / new floor's", "<=", 1.5, "×"),
    ("big_brief_seconds", "a 10,000-influencer brief: wall time", "<", 3.0, "s"),
    ("big_brief_peak_rss_mb", "a 10,000-influencer brief: peak RSS", "<", 200.0, "MB"),
    ("roster_yaml_seconds", "a 10,000-creator YAML roster loads in", "<", 0.5, "s"),
    ("roster_csv_seconds", "a 10,000-creator CSV roster loads in", "<", 0.5, "s"),
    ("memory_flat_formats", "memory flat in every output format (formats flat)", ">=",
     float(len(FORMATS)), ""),
)  # fmt: skip


def floor_command(script: str, files: list[str]) -> list[str]:
    return [sys.executable, "-c", script, str(SCHEMA), *files]


def peers() -> dict[str, list[str]]:
    """The peers' commands (without files) that are installed."""
    found = {}
    check_jsonschema, yamllint = tool("check-jsonschema"), tool("yamllint")
    if check_jsonschema:
        found[PEER_CHECK_JSONSCHEMA] = [check_jsonschema, "--schemafile", str(SCHEMA)]
    if yamllint:
        found[PEER_YAMLLINT] = [yamllint]
    return found


def campaignlint_command() -> list[str]:
    campaignlint = tool("campaignlint")
    if campaignlint is None:
        raise SystemExit("campaignlint is not installed in this environment")
    return [campaignlint, "check", "-q", "--exit-zero"]


def single_brief(cl: list[str], one: Path, args: argparse.Namespace, cwd: Path) -> list[Timing]:
    print("one brief:", file=sys.stderr)
    cases = [
        (ONE_OLD_FLOOR, floor_command(FLOOR_SCRIPT, [str(one)])),
        (ONE_NEW_FLOOR, floor_command(NEW_FLOOR_SCRIPT, [str(one)])),
        (ONE_CAMPAIGNLINT, [*cl, str(one)]),
    ]
    if not args.no_peers:
        cases += [(label, [*command, str(one)]) for label, command in peers().items()]
    # A run takes a tenth of a second, so a few runs are at the mercy of one busy moment.
    return measure_side_by_side(cases, max(args.repeat, SINGLE_BRIEF_REPEAT), 1, cwd)


def corpus_runs(
    cl: list[str], files: list[str], args: argparse.Namespace, cwd: Path
) -> list[Timing]:
    print(f"{len(files)} briefs:", file=sys.stderr)
    repeat, count = args.repeat, len(files)
    many = measure_side_by_side(
        [
            (MANY_OLD_FLOOR, floor_command(FLOOR_SCRIPT, files)),
            (MANY_NEW_FLOOR, floor_command(NEW_FLOOR_SCRIPT, files)),
            (MANY_JOBS1, [*cl, "--jobs", "1", *files]),
            (MANY_AUTO, [*cl, "--jobs", "auto", *files]),
        ],
        repeat,
        count,
        cwd,
    )
    if not args.no_peers:
        for label, command in peers().items():
            many.append(measure(label, [*command, *files], max(1, repeat // 2), count, cwd))
    return many


def size_scaling(cl: list[str], args: argparse.Namespace, cwd: Path) -> list[Timing]:
    print("brief size (influencers):", file=sys.stderr)
    rng = random.Random(args.seed)
    base = load_samples()[0]
    scaling = []
    for size in (1, 10, 100):
        path = cwd / f"size-{size}.yaml"
        write_brief(path, vary(base, rng, influencers=size))
        label = f"campaignlint, {size} influencer(s)"
        scaling.append(measure(label, [*cl, str(path)], args.repeat, 1, cwd))
    return scaling


# --- memory over many briefs ----------------------------------------------------------------


def copies_corpus(directory: Path, count: int, distinct: list[Path]) -> Path:
    """``count`` briefs made from the distinct ones, each copy with its own creator handles (so
    the portfolio rules see as many creators as a real agency's folder, not one creator booked
    thousands of times). Fast: a string replacement per file."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = [path.read_text(encoding="utf-8") for path in distinct]
    for index in range(count):
        text = texts[index % len(texts)].replace("@creator", f"@c{index}.creator")
        (directory / f"brief-{index:05d}.yaml").write_text(text, encoding="utf-8")
    return directory


COMPLETE = ".complete"  # written last in a cached corpus folder: the folder is whole


def cached(directory: Path, make: Any) -> Path:
    """``directory`` as ``make(directory)`` writes it, reused when a run wrote it whole before."""
    if not (directory / COMPLETE).exists():
        shutil.rmtree(directory, ignore_errors=True)
        make(directory)
        (directory / COMPLETE).write_text("", encoding="utf-8")
    return directory


def memory_corpora(args: argparse.Namespace, workdir: Path) -> dict[int, Path]:
    """The small and the large corpus of the memory runs, in ``--corpus-cache`` when given
    (kept for the next run: 20,000 briefs take a while to write), else in ``workdir``."""
    small, large = args.memory_files
    base = args.corpus_cache or workdir
    distinct_count, seed = min(300, small), args.seed + 1
    distinct_dir = cached(
        base / f"distinct-{seed}-{distinct_count}",
        lambda folder: make_corpus(folder, distinct_count, seed),
    )
    distinct = sorted(distinct_dir.glob("brief-*.yaml"))
    return {
        n: cached(
            base / f"memory-{seed}-{distinct_count}-{n}",
            lambda folder, n=n: copies_corpus(folder, n, distinct),
        )
        for n in (small, large)
    }


def memory_runs(cl: list[str], args: argparse.Namespace, workdir: Path) -> list[dict[str, Any]]:
    """Peak RSS of ``campaignlint check`` per output format over a small and a large corpus:
    one run of each (peak memory does not need repetitions)."""
    small, large = args.memory_files
    folders = memory_corpora(args, workdir)
    print(f"memory, {small} vs {large} briefs (--jobs {args.memory_jobs}):", file=sys.stderr)
    rows = []
    for output in FORMATS:
        peaks: dict[int, tuple[float, float]] = {}
        for count, folder in folders.items():
            command = [*cl, "--jobs", args.memory_jobs, "--format", output, str(folder)]
            seconds, peak = run_once(command, workdir)
            peaks[count] = (peak, seconds)
        growth_kb = (peaks[large][0] - peaks[small][0]) * 1024 / (large - small)
        rows.append(
            {
                "format": output,
                "small_files": small,
                "large_files": large,
                "small_peak_rss_mb": round(peaks[small][0], 1),
                "large_peak_rss_mb": round(peaks[large][0], 1),
                "small_seconds": round(peaks[small][1], 2),
                "large_seconds": round(peaks[large][1], 2),
                "growth_kb_per_brief": round(growth_kb, 2),
                "flat": peaks[large][0] <= peaks[small][0] * (1 + FLAT_TOLERANCE),
            }
        )
        print(
            f"  {output:<10} {peaks[small][0]:7.1f} MB -> {peaks[large][0]:7.1f} MB"
            f" ({growth_kb:+.2f} KB/brief)",
            file=sys.stderr,
        )
    return rows


# --- a very big brief -----------------------------------------------------------------------


def big_brief(count: int, seed: int) -> dict[str, Any]:
    """A brief with ``count`` influencers: handle, platform, followers, tier, engagement figures,
    fee and a small audience each, and a deliverable for every tenth of them."""
    rng = random.Random(seed)
    data = json.loads(json.dumps(load_samples()[0], default=str))
    tiers = ((10_000, "nano"), (100_000, "micro"), (500_000, "mid"), (1_000_000, "macro"))
    creators = []
    for index in range(count):
        followers = rng.randint(2_000, 3_000_000)
        tier = next((name for limit, name in tiers if followers < limit), "mega")
        views = followers * rng.randint(5, 60) // 100
        likes, comments, shares = views // 20, views // 400, views // 300
        age = rng.randint(20, 70)
        creators.append(
            {
                "handle": f"@creator.{index}",
                "platform": rng.choice(["tiktok", "tiktok", "instagram"]),
                "followers": followers,
                "tier": tier,
                "engagement_rate": round((likes + comments + shares) * 100 / followers, 1),
                "avg_views": views,
                "avg_likes": likes,
                "avg_comments": comments,
                "avg_shares": shares,
                "audience": {
                    "age": {"18-24": age, "25-34": 100 - age},
                    "locations": {rng.choice(CITIES): rng.randint(20, 80)},
                },
                "compensation": {"model": "flat_fee", "fee": {"amount": rng.randint(5, 400) * 100}},
            }
        )
    data["influencers"] = creators
    template = next((d for d in data.get("deliverables", []) if isinstance(d, dict)), {})
    data["deliverables"] = [
        {**template, "influencer": creator["handle"]} for creator in creators[::10]
    ]
    return data


def write_big_brief(path: Path, count: int, seed: int) -> Path:
    text = yaml.dump(
        big_brief(count, seed), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
        default_flow_style=None, width=4096,
    )  # fmt: skip
    path.write_text("# generated by bench/run.py\n" + text, encoding="utf-8")
    return path


def big_brief_runs(cl: list[str], args: argparse.Namespace, cwd: Path) -> list[dict[str, Any]]:
    path = write_big_brief(cwd / "big.yaml", BIG_BRIEF_INFLUENCERS, args.seed)
    print(f"a {BIG_BRIEF_INFLUENCERS:,}-influencer brief:", file=sys.stderr)
    repeat = min(3, args.repeat)  # long runs: no warm-up, at most 3
    floor = floor_command(NEW_FLOOR_SCRIPT, [str(path)])
    rows = []
    cases = [(MANY_NEW_FLOOR, floor), (ONE_CAMPAIGNLINT, [*cl, str(path)])]
    for timing in measure_side_by_side(cases, repeat, 1, cwd, warm=False):
        row = timing.as_dict()
        row["bytes"] = path.stat().st_size
        rows.append(row)
    return rows


# --- the run --------------------------------------------------------------------------------


def ratios(single: list[Timing], many: list[Timing]) -> dict[str, float]:
    one = {t.label: t.median for t in single}
    corpus = {t.label: t.median for t in many}
    out = {}
    for floor, suffix in ((ONE_NEW_FLOOR, "new_floor"), (ONE_OLD_FLOOR, "old_floor")):
        out[f"one_brief_vs_{suffix}"] = one[ONE_CAMPAIGNLINT] / one[floor]
    for floor, suffix in ((MANY_NEW_FLOOR, "new_floor"), (MANY_OLD_FLOOR, "old_floor")):
        out[f"corpus_jobs1_throughput_vs_{suffix}"] = corpus[floor] / corpus[MANY_JOBS1]
        out[f"corpus_jobs_auto_throughput_vs_{suffix}"] = corpus[floor] / corpus[MANY_AUTO]
    for peer, key in ((PEER_CHECK_JSONSCHEMA, "check_jsonschema"), (PEER_YAMLLINT, "yamllint")):
        if peer in one and peer in corpus:
            out[f"one_brief_vs_{key}"] = one[ONE_CAMPAIGNLINT] / one[peer]
            out[f"corpus_speedup_vs_{key}"] = corpus[peer] / corpus[MANY_JOBS1]
    return {key: round(value, 2) for key, value in out.items()}


def measured_values(results: dict[str, Any]) -> dict[str, float]:
    values = dict(results.get("ratios", {}))
    big = [r for r in results.get("big_brief", []) if r["label"] == ONE_CAMPAIGNLINT]
    if big:
        values["big_brief_seconds"] = round(big[0]["median_ms"] / 1000, 3)
        values["big_brief_peak_rss_mb"] = big[0]["peak_rss_mb"]
    for row in results.get("roster", []):
        kind = "yaml" if "YAML" in row["label"] else "csv"
        values[f"roster_{kind}_seconds"] = round(row["median_ms"] / 1000, 3)
    if results.get("memory"):
        values["memory_flat_formats"] = float(sum(row["flat"] for row in results["memory"]))
    return values


def evaluate_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue with the measured value and whether it is met (absent when the
    run skipped its case)."""
    values = measured_values(results)
    compare = {
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
        "<": lambda a, b: a < b,
    }
    files = results.get("options", {}).get("files", 2000)
    rows = []
    for key, label, comparison, goal, unit in TARGETS:
        if key not in values:
            continue
        rows.append(
            {
                "key": key,
                "label": label.format(files=f"{files:,}"),
                "value": values[key],
                "comparison": comparison,
                "goal": goal,
                "unit": unit,
                "met": bool(compare[comparison](values[key], goal)),
            }
        )
    return rows


SECTIONS = ("single", "corpus", "scaling", "big", "memory", "roster")


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="campaignlint-bench-"))
    sections = set(args.only.split(",")) if args.only else set(SECTIONS)
    cl = campaignlint_command()
    full = (args.files, args.repeat, tuple(args.memory_files)) == (2000, 5, (2000, 20000))
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "options": {
            "files": args.files,
            "repeat": args.repeat,
            "memory_files": list(args.memory_files),
            "memory_jobs": args.memory_jobs,
            "seed": args.seed,
            "peers": not args.no_peers,
            "reduced": not full or bool(args.only),
            "date": time.strftime("%Y-%m-%d", time.gmtime()),
        },
    }
    try:
        timed = sections & {"single", "corpus"}
        corpus = make_corpus(workdir / "corpus", args.files, args.seed) if timed else []
        files = [str(p) for p in corpus]
        single = single_brief(cl, corpus[0], args, workdir) if "single" in sections else []
        many = corpus_runs(cl, files, args, workdir) if "corpus" in sections else []
        results["single"] = [t.as_dict() for t in single]
        results["corpus"] = [t.as_dict() for t in many]
        if single and many:
            results["ratios"] = ratios(single, many)
        if "scaling" in sections:
            results["scaling"] = [t.as_dict() for t in size_scaling(cl, args, workdir)]
        if "big" in sections:
            results["big_brief"] = big_brief_runs(cl, args, workdir)
        if "memory" in sections:
            results["memory"] = memory_runs(cl, args, workdir)
        results["import_time_ms"] = round(import_time_ms(), 1)
        if "roster" in sections:
            print("creator roster:", file=sys.stderr)
            results["roster"] = roster_benchmark(workdir, args.repeat, args.seed)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results["targets"] = evaluate_targets(results)
    return results


def memory_counts(text: str) -> tuple[int, int]:
    small, large = (int(part) for part in text.split(","))
    if not 0 < small < large:
        raise argparse.ArgumentTypeError("two counts, the smaller first: 2000,20000")
    return small, large


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="Briefs in the corpus.")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument(
        "--memory-files", type=memory_counts, default=(2000, 20000), metavar="SMALL,LARGE",
        help="Corpus sizes the peak memory per output format is compared at.",
    )  # fmt: skip
    parser.add_argument("--memory-jobs", default="1", help="--jobs of the memory runs.")
    parser.add_argument(
        "--corpus-cache", type=Path, metavar="DIR",
        help="Keep the memory runs' corpora in DIR and reuse them in later runs.",
    )  # fmt: skip
    parser.add_argument("--no-peers", action="store_true", help="Skip check-jsonschema, yamllint.")
    parser.add_argument("--only", metavar="SECTIONS", help=f"Comma-separated: {','.join(SECTIONS)}")
    parser.add_argument(
        "--roster-only", action="store_true", help="Only time the creator-roster loading."
    )
    parser.add_argument(
        "--write-big-brief", metavar="PATH", type=Path,
        help=f"Only write the {BIG_BRIEF_INFLUENCERS:,}-influencer brief to PATH.",
    )  # fmt: skip
    parser.add_argument(
        "--update-readme", action="store_true",
        help=f"Also publish the results to {report.PUBLISHED.relative_to(REPO)} and regenerate "
        "the README's Performance section and chart from them.",
    )  # fmt: skip
    args = parser.parse_args()
    if args.write_big_brief:
        write_big_brief(args.write_big_brief, BIG_BRIEF_INFLUENCERS, args.seed)
        return
    if args.roster_only:
        workdir = Path(tempfile.mkdtemp(prefix="campaignlint-bench-"))
        try:
            rows = roster_benchmark(workdir, args.repeat, args.seed)
            print(report.roster_table(rows, evaluate_targets({"roster": rows})))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return
    results = benchmark(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = report.results_markdown(results)
    (RESULTS / "latest.md").write_text(table, encoding="utf-8")
    (RESULTS / "latest.svg").write_text(report.chart_svg(results), encoding="utf-8")
    if args.update_readme:
        report.publish(results)
    print(table)


if __name__ == "__main__":
    main()
