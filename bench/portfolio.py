"""Benchmark the portfolio rules: 10,000 briefs, many sharing creators, compared at once.

    python bench/portfolio.py                 # 10,000 briefs
    python bench/portfolio.py --briefs 2000

The portfolio rules must cost a sort by creator and date, not a comparison of every pair of
briefs: this times reading the briefs (parsed once each) and running the three rules, in this
process, and prints the findings counted per rule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CATEGORIES = ["skincare", "coffee", "athletic footwear", "snacks", "haircare", "telecom"]


def brief_text(number: int, rng: random.Random, creators: int) -> str:
    start = dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(330))
    end = start + dt.timedelta(days=rng.randrange(14, 45))
    handles = rng.sample(range(creators), 3)
    lines = [
        "campaign:",
        f"  name: Campaign {number}",
        f"  brand: Brand {rng.randrange(number // 3 + 1)}",
        f"  category: {rng.choice(CATEGORIES)}",
        f"  start: {start}",
        f"  end: {end}",
        "influencers:",
        *(f'  - {{handle: "@creator{h}", followers: 50000}}' for h in handles),
        "deliverables:",
        *(
            f'  - {{influencer: "@creator{h}", format: video, count: {rng.randrange(1, 4)},'
            f" due: {start + dt.timedelta(days=rng.randrange((end - start).days))}}}"
            for h in handles
        ),
    ]
    if rng.random() < 0.3:
        lines += [
            "contract:",
            f"  exclusivity: {{category: {rng.choice(CATEGORIES)}, duration_days: 30}}",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=10_000)
    parser.add_argument("--creators", type=int, default=3_000)
    arguments = parser.parse_args()

    from campaignlint.config import Config
    from campaignlint.engine import active_rules
    from campaignlint.portfolio import Portfolio, check_portfolio, read_portfolio_briefs

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number in range(arguments.briefs):
            path = Path(folder) / f"brief{number:05}.yaml"
            path.write_text(brief_text(number, rng, arguments.creators), encoding="utf-8")
            paths.append(str(path))
        rules = [active for active in active_rules(Config()) if active.rule.scope == "portfolio"]
        started = time.perf_counter()
        briefs = read_portfolio_briefs(paths, 5 * 1024 * 1024, workers=1)
        read = time.perf_counter() - started
        started = time.perf_counter()
        found = check_portfolio(Portfolio(briefs, frozenset(paths)), rules)
        checked = time.perf_counter() - started
    counts: dict[str, int] = {}
    for outcomes in found.values():
        for rule_id, _outcome in outcomes:
            counts[rule_id] = counts.get(rule_id, 0) + 1
    print(f"{arguments.briefs} briefs, {arguments.creators} creators")
    print(f"read and parse: {read:.2f} s ({read / arguments.briefs * 1000:.2f} ms a brief)")
    print(f"portfolio rules: {checked:.2f} s")
    for rule_id, count in sorted(counts.items()):
        print(f"  {rule_id}: {count} finding(s)")


if __name__ == "__main__":
    main()
