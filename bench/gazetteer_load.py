"""How long a fresh process takes to load the gazetteer and build its tagger, without the
matcher cache (issue #12: "the gazetteer's load time does not grow by more than 0.2 s").

Each run is a new Python process (nothing warm: no OpenCC dictionaries, no regex cache),
with ``GOVWATCH_CACHE_DIR=off``; it reports its imports, ``load_gazetteer`` and the
``Tagger`` build separately. ``--also DIR`` times another checkout (a scratch copy of an
earlier commit, with the same .venv) in the same rounds, alternating, so the two are
compared on the same host at the same time. Prints the medians.

    .venv/bin/python bench/gazetteer_load.py --runs 7 --also /tmp/base
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent

# what one run does, in the checkout it runs in (works on old commits too)
_RUN = """
import json, time
t0 = time.perf_counter()
from crawler.config import load_gazetteer
from pipelines.tagging import Tagger
t1 = time.perf_counter()
gazetteer = load_gazetteer("config/gazetteers")
t2 = time.perf_counter()
Tagger(gazetteer)
t3 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "load": t2 - t1, "build": t3 - t2}))
"""


def run_once(checkout: Path) -> dict[str, float]:
    env = {**os.environ, "GOVWATCH_CACHE_DIR": "off", "PYTHONPATH": str(checkout)}
    out = subprocess.run([sys.executable, "-c", _RUN], cwd=checkout, env=env, check=True,
                         capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="processes per checkout (median)")
    parser.add_argument("--also", action="append", default=[], type=Path, metavar="DIR",
                        help="another checkout to time in the same rounds")
    args = parser.parse_args(argv)
    checkouts = [_ROOT, *(p.resolve() for p in args.also)]
    times: dict[Path, list[dict[str, float]]] = {c: [] for c in checkouts}
    for _ in range(args.runs):
        for checkout in checkouts:
            times[checkout].append(run_once(checkout))
    print("| checkout | imports ms | load_gazetteer ms | Tagger build ms | load + build ms |")
    print("|---|---|---|---|---|")
    for checkout, runs in times.items():
        def median(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs) * 1000

        both = statistics.median(r["load"] + r["build"] for r in runs) * 1000
        name = "this checkout" if checkout == _ROOT else checkout.name
        print(f"| {name} | {median('imports'):.0f} | {median('load'):.0f} | "
              f"{median('build'):.0f} | {both:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
