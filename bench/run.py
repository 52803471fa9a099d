"""Benchmark campaignlint against its peers, as whole processes, on one machine in one run.

    pip install -e '.[bench]'
    python bench/run.py                  # 2,000 briefs, 5 repetitions
    python bench/run.py --files 500 --repeat 3
    python bench/run.py --roster-only    # only the creator-roster load times

Writes bench/results/latest.json and latest.md (and latest.png when matplotlib is installed).
See the README's Performance section for the latest table.
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

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "schemas" / "brief.schema.json"
RESULTS = REPO / "bench" / "results"

FLOOR_IMPORT = "import yaml, jsonschema"
# The floor: what any tool must do at least: load each brief with libyaml, validate it with
# jsonschema (validator compiled once per process).
FLOOR_SCRIPT = """
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema)
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


def run_once(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV
    )
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = 0
    return elapsed, usage.ru_maxrss / 1024


def measure(label: str, command: list[str], repeat: int, files: int, cwd: Path) -> Timing:
    run_once(command, cwd)  # warm the file cache and .pyc files
    seconds, peak = [], 0.0
    for _ in range(repeat):
        elapsed, rss = run_once(command, cwd)
        seconds.append(elapsed)
        peak = max(peak, rss)
    timing = Timing(label, seconds, peak, files)
    print(f"  {label:<48} median {timing.median * 1000:9.1f} ms", file=sys.stderr)
    return timing


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


def benchmark(args: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="campaignlint-bench-"))
    corpus = make_corpus(workdir / "corpus", args.files, args.seed)
    one = corpus[0]
    files = [str(p) for p in corpus]
    campaignlint = tool("campaignlint")
    if campaignlint is None:
        raise SystemExit("campaignlint is not installed in this environment")
    check_jsonschema, yamllint = tool("check-jsonschema"), tool("yamllint")
    python = sys.executable
    repeat = args.repeat
    cl = [campaignlint, "check", "-q", "--exit-zero"]
    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    }

    print("one brief:", file=sys.stderr)
    single = [
        measure(
            "floor: python -c 'import yaml, jsonschema'",
            [python, "-c", FLOOR_IMPORT],
            repeat,
            1,
            workdir,
        ),
        measure(
            "floor: load + validate one brief",
            [python, "-c", FLOOR_SCRIPT, str(SCHEMA), str(one)],
            repeat,
            1,
            workdir,
        ),
        measure("campaignlint check (all rules)", [*cl, str(one)], repeat, 1, workdir),
    ]
    if check_jsonschema:
        single.append(
            measure(
                "check-jsonschema",
                [check_jsonschema, "--schemafile", str(SCHEMA), str(one)],
                repeat,
                1,
                workdir,
            )
        )
    if yamllint:
        single.append(measure("yamllint", [yamllint, str(one)], repeat, 1, workdir))

    print(f"{len(files)} briefs:", file=sys.stderr)
    many = [
        measure(
            "floor: load + validate",
            [python, "-c", FLOOR_SCRIPT, str(SCHEMA), *files],
            repeat,
            len(files),
            workdir,
        ),
        measure(
            "campaignlint check --jobs 1", [*cl, "--jobs", "1", *files], repeat, len(files), workdir
        ),
        measure(
            "campaignlint check --jobs auto",
            [*cl, "--jobs", "auto", *files],
            repeat,
            len(files),
            workdir,
        ),
    ]
    if check_jsonschema:
        many.append(
            measure(
                "check-jsonschema",
                [check_jsonschema, "--schemafile", str(SCHEMA), *files],
                max(1, repeat // 2),
                len(files),
                workdir,
            )
        )
    if yamllint:
        many.append(
            measure("yamllint", [yamllint, *files], max(1, repeat // 2), len(files), workdir)
        )

    print("brief size (influencers):", file=sys.stderr)
    rng = random.Random(args.seed)
    base = load_samples()[0]
    scaling = []
    for size in (1, 10, 100):
        path = workdir / f"size-{size}.yaml"
        write_brief(path, vary(base, rng, influencers=size))
        scaling.append(
            measure(f"campaignlint, {size} influencer(s)", [*cl, str(path)], repeat, 1, workdir)
        )

    results["single"] = [t.as_dict() for t in single]
    results["corpus"] = [t.as_dict() for t in many]
    results["scaling"] = [t.as_dict() for t in scaling]
    results["import_time_ms"] = round(import_time_ms(), 1)
    results["ratios"] = ratios(single, many)
    print("creator roster:", file=sys.stderr)
    results["roster"] = roster_benchmark(workdir, repeat, args.seed)
    shutil.rmtree(workdir, ignore_errors=True)
    return results


def ratios(single: list[Timing], many: list[Timing]) -> dict[str, float]:
    by_single = {t.label: t.median for t in single}
    by_many = {t.label: t.median for t in many}
    out = {
        "one_brief_vs_floor": by_single["campaignlint check (all rules)"]
        / by_single["floor: load + validate one brief"],
        "corpus_jobs1_throughput_vs_floor": by_many["floor: load + validate"]
        / by_many["campaignlint check --jobs 1"],
        "corpus_jobs_auto_throughput_vs_floor": by_many["floor: load + validate"]
        / by_many["campaignlint check --jobs auto"],
    }
    if "check-jsonschema" in by_single:
        out["one_brief_vs_check_jsonschema"] = (
            by_single["campaignlint check (all rules)"] / by_single["check-jsonschema"]
        )
        out["corpus_speedup_vs_check_jsonschema"] = (
            by_many["check-jsonschema"] / by_many["campaignlint check --jobs 1"]
        )
    if "yamllint" in by_single:
        out["one_brief_vs_yamllint"] = (
            by_single["campaignlint check (all rules)"] / by_single["yamllint"]
        )
        out["corpus_speedup_vs_yamllint"] = (
            by_many["yamllint"] / by_many["campaignlint check --jobs 1"]
        )
    return {key: round(value, 2) for key, value in out.items()}


def markdown(results: dict[str, Any]) -> str:
    lines = [
        f"Machine: {results['machine']['cpus']} CPU(s), Python {results['machine']['python']}.",
        "",
        "| case | files | median ms | min | max | files/s | ms/file | peak RSS MB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for section in ("single", "corpus", "scaling"):
        for row in results[section]:
            lines.append(
                f"| {row['label']} | {row['files']} | {row['median_ms']} | {row['min_ms']} |"
                f" {row['max_ms']} | {row['files_per_second']} | {row['ms_per_file']} |"
                f" {row['peak_rss_mb']} |"
            )
    lines += ["", f"Import time of `campaignlint.cli`: {results['import_time_ms']} ms.", ""]
    lines += ["| ratio | value |", "| --- | ---: |"]
    lines += [f"| {key} | {value} |" for key, value in results["ratios"].items()]
    return "\n".join(lines) + "\n" + roster_markdown(results.get("roster", []))


def roster_markdown(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    lines = [
        "",
        "| creator roster (read once per run) | bytes | median ms | min | max | CPU median ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['label']} | {row['bytes']} | {row['median_ms']} | {row['min_ms']} |"
            f" {row['max_ms']} | {row['cpu_median_ms']} |"
        )
    return "\n".join(lines) + "\n"


def chart(results: dict[str, Any], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    rows = results["corpus"]
    figure, axis = plt.subplots(figsize=(7, 3))
    axis.barh([r["label"] for r in rows], [r["files_per_second"] for r in rows], color="#3b82f6")
    axis.set_xlabel("briefs per second (higher is better)")
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument(
        "--roster-only", action="store_true", help="Only time the creator-roster loading."
    )
    args = parser.parse_args()
    if args.roster_only:
        workdir = Path(tempfile.mkdtemp(prefix="campaignlint-bench-"))
        try:
            print(roster_markdown(roster_benchmark(workdir, args.repeat, args.seed)))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return
    results = benchmark(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = markdown(results)
    (RESULTS / "latest.md").write_text(table, encoding="utf-8")
    chart(results, RESULTS / "latest.png")
    print(table)


if __name__ == "__main__":
    main()
