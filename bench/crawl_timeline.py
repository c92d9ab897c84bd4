"""Where a crawl's cores go over time (issue #14): the CPU of each process of one
``govwatch crawl`` (the crawl process, the workers' forkserver, each worker), per time slice.

Serves the pages of bench/crawl.py (../shared/data) behind one feed on 127.0.0.1, runs one
crawl into a fresh database with the polite delays off, samples /proc every 20 ms and prints
one line per ``--slice`` seconds: each process's share of a core and the total (2.00 = both
cores of a 2-core machine busy). A total under the machine's cores is time a core had
nothing to do: start-up, a crawl process waiting for its workers, the last pages.

    .venv/bin/python bench/crawl_timeline.py                # --slice 0.5
    .venv/bin/python bench/crawl_timeline.py --slice 0.1 --also /tmp/start
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import crawl as bench  # noqa: E402


def timeline(code: Path, site: bench.Site, base_url: str, slice_s: float) -> None:
    with tempfile.TemporaryDirectory(prefix="govwatch-timeline-") as tmp:
        workdir = Path(tmp)
        bench.sources_toml(workdir / "sources.toml", base_url, "feed.xml")
        cmd = [sys.executable, "-m", bench.entry_module(code), "crawl", "-q", "--db",
               str(workdir / "bench.db"), "--sources", str(workdir / "sources.toml")]
        for setting in bench.FAST_SETTINGS:
            cmd += ["-s", setting]
        samples: list[tuple[float, dict[int, float]]] = []
        names: dict[int, str] = {}
        start = time.perf_counter()
        with open(workdir / "crawl.log", "wb") as log:
            proc = subprocess.Popen(cmd, cwd=code, stdout=log, stderr=log)
            while proc.poll() is None:
                children = bench._proc_children()
                cpu = {pid: c for pid in bench.descendants(proc.pid, children)
                       if (c := bench._cpu_seconds(pid)) is not None}
                for pid in cpu.keys() - names.keys():
                    kind = bench.role(pid, children)
                    same = sum(1 for n in names.values() if n.startswith(kind))
                    names[pid] = kind if kind in ("crawl", "forkserver") else f"{kind}{same + 1}"
                samples.append((time.perf_counter() - start, cpu))
                time.sleep(0.02)
        wall = time.perf_counter() - start
    print(f"{code}: wall {wall:.2f} s, exit {proc.returncode}")
    last: dict[int, float] = {}
    rows: dict[int, dict[str, float]] = {}
    for at, cpu in samples:
        row = rows.setdefault(int(at / slice_s), {})
        for pid, seconds in cpu.items():
            name = names[pid]
            row[name] = row.get(name, 0.0) + seconds - last.get(pid, 0.0)
            last[pid] = seconds
    columns = list(dict.fromkeys(names.values()))
    print("  time  " + " ".join(f"{n:>10}" for n in columns) + "  total")
    for index in sorted(rows):
        row = rows[index]
        shares = " ".join(f"{row.get(n, 0.0) / slice_s:10.2f}" for n in columns)
        print(f"{index * slice_s:6.1f}  {shares}  {sum(row.values()) / slice_s:5.2f}")
    print("(other: multiprocessing's resource tracker; see bench/crawl.py's role())")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slice", type=float, default=0.5, help="seconds per line")
    parser.add_argument("--data", type=Path, default=bench.DATA)
    parser.add_argument("--also", type=Path, help="another checkout, crawled after this one")
    args = parser.parse_args(argv)
    pages = bench.load_pages(args.data)
    site = bench.Site(pages={p.path: p for p in pages})
    _server, base_url = bench.serve(site)
    site.feeds["feed.xml"] = bench.rss(pages, base_url)
    for code in [ROOT] + ([args.also] if args.also else []):
        timeline(code, site, base_url, args.slice)
    return 0


if __name__ == "__main__":
    sys.exit(main())
