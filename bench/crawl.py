"""Crawl throughput benchmark (issue #2): a real ``govwatch crawl`` vs bare trafilatura.

Serves a few hundred real news pages from ../shared/data (article-extraction-benchmark and
fundus-test-data) on 127.0.0.1 behind one RSS feed, then, median of ``--runs`` runs:

* **baseline**: the same pages, decoded with the charset they are served with, through
  ``trafilatura.bare_extraction(html, with_metadata=True)`` in this process;
* **crawl**: a child ``python -m crawler crawl`` (what ``govwatch`` runs) against a fresh database, with the
  polite delays off (they are for real sites, not for a throughput measure); pages/s counts
  pages stored + duplicates + ignored over the child's whole wall time, and also over the
  wall time minus the startup cost (the median of ``govwatch crawl`` on an empty feed);
* **second run** on the same database: time and requests seen by the server (the feed
  answers 304 to its ETag, so zero article downloads are expected), and a third run with
  the feed re-sent in full (200), so the frontier (stored entries) is what keeps articles
  unfetched;
* **failing link** (issue #11): the same feed plus one link that never answers within
  ``DOWNLOAD_TIMEOUT`` (the production 20 s, in-run retries included), crawled into a
  fresh database and then again right away: the re-run must get 304 for the feed and
  must not try the failing page again before its backoff (zero article downloads).

Peak memory is the crawl child's max RSS (``/usr/bin/time``), and the peak of the summed
RSS and PSS of the child and every descendant (extraction workers, their forkserver),
sampled from /proc every 0.1 s in a second, identical first crawl each round: reading
PSS costs about a tenth of a core, which a timed crawl would lose to the sampler (bare
trafilatura runs alone). ``--memory-in-timed`` samples it in the timed crawl instead, as
this bench did before the twenty-sixth session. ``--also DIR`` crawls with another checkout of govwatch
in the same rounds (before/after: an empty feed, a first and a second run). Run it from the
repo root:

    .venv/bin/python bench/crawl.py --runs 3

``--profile FILE`` runs one extra crawl under cProfile and prints its top functions.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import html
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))
TIME = Path("/usr/bin/time")

FAST_SETTINGS = [
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "CONCURRENT_REQUESTS=16",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    # robots.txt stays obeyed (one request, as in production); the server allows all.
    "ROBOTSTXT_OBEY=True",
]
SLOW_PATH = "slow/never-answers.html"  # the failing link of the "failing link" runs
SLOW_S = 30.0  # longer than the default DOWNLOAD_TIMEOUT (20 s)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


# --------------------------------------------------------------------------------------
# Pages and feed
# --------------------------------------------------------------------------------------

@dataclass
class Page:
    path: str  # served at http://host:port/<path>
    title: str
    published: datetime
    body: bytes  # as stored (gunzipped), never re-encoded
    charset: str  # what the bytes really are; "" when unknown (no charset sent)

    @property
    def content_type(self) -> str:
        return f"text/html; charset={self.charset}" if self.charset else "text/html"

    def text(self) -> str:
        """The page as trafilatura gets it when given a correctly decoded string."""
        return self.body.decode(self.charset or "utf-8", errors="replace")


def served_charset(body: bytes) -> str:
    """The charset to announce: UTF-8 when the bytes are UTF-8, else the page's own <meta>."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        match = _META_CHARSET.search(body[:8192])
        return match.group(1).decode("ascii").lower() if match else ""


def _page_title(body: bytes, charset: str, fallback: str) -> str:
    match = _TITLE.search(body[:200_000])
    if not match:
        return fallback
    title = " ".join(html.unescape(match.group(1).decode(charset or "utf-8", "replace")).split())
    return title or fallback


def load_pages(data: Path, limit: int = 0) -> list[Page]:
    """article-extraction-benchmark (181 pages) then fundus-test-data (258), sorted, stable."""
    pages: list[Page] = []
    base = datetime(2026, 1, 1, tzinfo=UTC)
    aeb = data / "article-extraction-benchmark" / "html"
    for n, path in enumerate(sorted(aeb.glob("*.html.gz"))):
        body = gzip.decompress(path.read_bytes())
        charset = served_charset(body)
        pages.append(Page(f"aeb/{path.name[:-3]}", _page_title(body, charset, path.name),
                          base - timedelta(hours=n), body, charset))
    fundus = data / "fundus-test-data"
    manifest = json.loads((fundus / "manifest.json").read_text(encoding="utf-8"))
    for n, record in enumerate(sorted(manifest, key=lambda r: r["file"])):
        body = gzip.decompress((fundus / record["file"]).read_bytes())
        try:
            published = datetime.fromisoformat(record["publishing_date"])
        except (TypeError, ValueError):
            published = base - timedelta(days=1, hours=n)
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        pages.append(Page(f"fundus/{record['file'][:-3]}", record.get("title") or record["file"],
                          published, body, served_charset(body)))
    return pages[:limit] if limit else pages


def rss(pages: list[Page], base_url: str) -> bytes:
    items = "".join(
        f"<item><title>{escape(p.title)}</title><link>{escape(base_url + p.path)}</link>"
        f"<guid>{escape(base_url + p.path)}</guid>"
        f"<pubDate>{email.utils.format_datetime(p.published.astimezone(UTC), usegmt=True)}"
        "</pubDate></item>\n"
        for p in pages
    )
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>bench</title><link>{base_url}</link><description>bench feed</description>"
            f"<language>en</language>\n{items}</channel></rss>\n").encode()


# --------------------------------------------------------------------------------------
# Loopback server
# --------------------------------------------------------------------------------------

@dataclass
class Site:
    pages: dict[str, Page]
    feeds: dict[str, bytes] = field(default_factory=dict)
    conditional: bool = True  # answer If-None-Match with 304
    log: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take_log(self) -> list[tuple[str, int]]:
        with self.lock:
            out, self.log = self.log, []
        return out


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    last_modified = email.utils.formatdate(time.time() - 3600, usegmt=True)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
            pass

        def _send(self, status: int, body: bytes, ctype: str, **headers: str) -> None:
            with site.lock:
                site.log.append((self.path, status))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            path = self.path.lstrip("/")
            if path == SLOW_PATH:
                # A permanently failing link: answers long after the crawler gave up.
                with site.lock:
                    site.log.append((self.path, 0))
                time.sleep(SLOW_S)
                return
            if path == "robots.txt":
                self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            elif path in site.feeds:
                feed = site.feeds[path]
                etag = '"' + hashlib.sha1(feed).hexdigest()[:16] + '"'
                if site.conditional and self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", "application/rss+xml", ETag=etag)
                else:
                    self._send(200, feed, "application/rss+xml; charset=utf-8", ETag=etag,
                               Last_Modified=last_modified)
            elif path in site.pages:
                page = site.pages[path]
                self._send(200, page.body, page.content_type)
            else:
                self._send(404, b"not found", "text/plain")

    return Handler


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # The crawler hangs up on the failing link once it times out: expected, not news.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(site: Site) -> tuple[ThreadingHTTPServer, str]:
    server = _Server(("127.0.0.1", 0), make_handler(site))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# --------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------

def baseline(pages: list[Page]) -> tuple[float, float]:
    """(wall, CPU) seconds for bare trafilatura over every page, in this process.

    Decoding with the served charset is timed too: govwatch has to decode as well, and a
    string is what trafilatura works on in both cases.
    """
    import trafilatura

    from pipelines import selectors

    # The baseline is trafilatura as released: its own XPath, not govwatch's selectors.
    assert not selectors.installed(), "pipelines.selectors installed in the bench process"
    start, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        trafilatura.bare_extraction(page.text(), with_metadata=True)
    return time.perf_counter() - start, time.process_time() - cpu


@dataclass
class CrawlRun:
    seconds: float
    cpu_seconds: float  # user + system of the crawl process
    max_rss_mb: float
    exit_code: int
    counts: dict[str, int]
    requests: list[tuple[str, int]]
    tree_cpu_s: float = 0.0  # CPU of the crawl and every descendant (workers)
    tree_rss_mb: float = 0.0  # peak of the summed RSS of the crawl and its workers
    tree_pss_mb: float = 0.0  # the same, proportional (shared pages split between them)
    processes: int = 0
    cpu_by_role: dict[str, float] = field(default_factory=dict)  # crawl/forkserver/worker/other

    @property
    def pages(self) -> int:
        c = self.counts
        return c.get("new", 0) + c.get("already_stored", 0) + c.get("duplicates", 0) + c.get(
            "ignored", 0)

    def article_downloads(self) -> int:
        return sum(1 for path, _ in self.requests if not path.lstrip("/").startswith(
            ("robots.txt", "feed", "empty")))


def sources_toml(path: Path, base_url: str, feed: str) -> None:
    path.write_text(
        "[[source]]\n"
        'id = "bench"\nname = "bench"\nkind = "feed"\n'
        f'url = "{base_url}{feed}"\nlanguage = "en"\nmax_articles = 100000\n',
        encoding="utf-8",
    )


def run_crawl(site: Site, workdir: Path, base_url: str, feed: str, *, sets: list[str],
              run_id: int = 1, profile: str = "", code: Path = ROOT,
              memory: bool = False) -> CrawlRun:
    """One ``govwatch crawl`` child process against ``workdir/bench.db``.

    ``memory``: also sample the process tree's RSS and PSS (every 0.1 s, which costs
    ~10 % of a core: not in a timed run, see :func:`memory_run`).

    ``run_id`` is the crawl's number in that database (1 for a fresh one): runs are
    numbered from 1 and the crawls of one workdir run one after another.
    """
    from crawler import db as dbm

    toml = workdir / "sources.toml"
    sources_toml(toml, base_url, feed)
    db_path = workdir / "bench.db"
    rss_file = workdir / "maxrss.txt"
    # /usr/bin/time reports the crawl's own peak RSS; os.wait4 on a child forked from this
    # (large) process would report this process's size, which Linux carries across exec.
    cmd = ["/usr/bin/time", "-f", "%M %U %S", "-o", str(rss_file)] if TIME.exists() else []
    cmd += [sys.executable]
    if profile:
        cmd += ["-m", "cProfile", "-o", profile]
    cmd += ["-m", entry_module(code), "crawl", "-q", "--db", str(db_path), "--sources", str(toml)]
    for setting in sets:
        cmd += ["-s", setting]
    site.take_log()
    with open(workdir / "crawl.log", "ab") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=code, stdout=log, stderr=log)
        sampler = TreeMemory(proc.pid, memory=memory)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    max_rss_kb, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    if TIME.exists():
        kb, user, system = rss_file.read_text().split()[-3:]
        max_rss_kb, cpu = int(kb), float(user) + float(system)
    requests = site.take_log()
    db = dbm.open_db(db_path, create=False)
    rows = dbm.run_summary(db, run_id)
    db.conn.close()
    counts = {k: int(v) for k, v in (rows[0] if rows else {}).items() if isinstance(v, int)}
    return CrawlRun(seconds, cpu, max_rss_kb / 1024, proc.returncode, counts, requests,
                    sum(sampler.cpu.values()), sampler.peak_rss_kb / 1024, sampler.peak_pss_kb / 1024,
                    sampler.peak_processes, sampler.cpu_by_role())


def entry_module(code: Path) -> str:
    """What runs ``govwatch`` in ``code``: ``crawler`` (what the console script and the
    scheduler run), or ``crawler.cli`` in a checkout older than crawler/__main__.py."""
    return "crawler" if (code / "crawler" / "__main__.py").exists() else "crawler.cli"


def memory_run(site: Site, workdir: Path, base_url: str, timed: CrawlRun, *, sets: list[str],
               code: Path = ROOT) -> CrawlRun:
    """The same first crawl again, in ``workdir``, with the memory sampler on; its peaks
    are put on ``timed`` (whose own run was timed without the sampler)."""
    run = run_crawl(site, workdir, base_url, "feed.xml", sets=sets, code=code, memory=True)
    timed.tree_rss_mb, timed.tree_pss_mb = run.tree_rss_mb, run.tree_pss_mb
    timed.processes = run.processes
    return run


def _proc_children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    return children


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; (0, 0) once it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {line.split(":")[0]: int(line.split()[1]) for line in text.splitlines()[1:]
              if line.split()[-1] == "kB"}
    return values.get("Rss", 0), values.get("Pss", 0)


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of one process so far; None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class TreeMemory:
    """Samples the summed RSS and PSS of a process and all its descendants (the crawl and
    its extraction workers and their forkserver) every ``interval`` seconds; keeps the
    peaks. RSS counts memory shared by forked workers once per process; PSS shares it out.
    Also the CPU seconds of each process as last seen (the last 0.1 s of a process that
    exits are missed)."""

    def __init__(self, pid: int, interval: float = 0.1, memory: bool = True) -> None:
        self.pid, self.interval, self.memory = pid, interval, memory
        self.peak_rss_kb = self.peak_pss_kb = self.peak_processes = 0
        self.cpu: dict[int, float] = {}
        self.roles: dict[int, str] = {}  # pid -> crawl / forkserver / worker / other
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            children = _proc_children()
            tree = descendants(self.pid, children)
            # smaps_rollup walks each process's page tables: ~1.5 ms a process, ~10 % of a
            # core at 10 samples a second, taken from the cores the crawl runs on
            sizes = [_memory_kb(pid) for pid in tree] if self.memory else []
            for pid in tree:
                seconds = _cpu_seconds(pid)
                if seconds is not None:
                    self.cpu[pid] = seconds
                    if pid not in self.roles:
                        self.roles[pid] = role(pid, children)
            self.peak_rss_kb = max(self.peak_rss_kb, sum(r for r, _ in sizes))
            self.peak_pss_kb = max(self.peak_pss_kb, sum(p for _, p in sizes))
            self.peak_processes = max(self.peak_processes, sum(1 for r, _ in sizes if r))
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def cpu_by_role(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, seconds in self.cpu.items():
            role = self.roles.get(pid, "other")
            out[role] = out.get(role, 0.0) + seconds
        return out


def descendants(root: int, children: dict[int, list[int]]) -> list[int]:
    """``root`` and every process under it (``children``: from :func:`_proc_children`)."""
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def role(pid: int, children: dict[int, list[int]]) -> str:
    """What a process of the crawl's tree is: ``crawl`` (the govwatch process, under
    /usr/bin/time when the bench uses it), ``forkserver``, ``worker`` (a child of the
    forkserver: its command line is the forkserver's, inherited), or ``other`` (the
    resource tracker, /usr/bin/time)."""
    parent = next((p for p, kids in children.items() if pid in kids), None)

    def cmdline(of: int | None) -> bytes:
        try:
            return Path(f"/proc/{of}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            return b""

    mine = cmdline(pid)
    if b"forkserver" in mine:
        return "worker" if b"forkserver" in cmdline(parent) else "forkserver"
    if b"-m crawler " in mine or b"crawler.cli" in mine:
        return "crawl"
    return "other"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory")
    parser.add_argument("-s", "--set", dest="sets", action="append", default=[],
                        metavar="NAME=VALUE", help="extra Scrapy setting for the crawl")
    parser.add_argument("--profile", metavar="FILE", default="",
                        help="also run one crawl under cProfile, write stats to FILE")
    parser.add_argument("--json", metavar="FILE", help="write all raw figures to FILE")
    parser.add_argument("--also", metavar="DIR", type=Path,
                        help="also crawl (empty feed, first and second run) with the govwatch checkout "
                             "in DIR each round, for a before/after in the same run")
    parser.add_argument("--memory-in-timed", action="store_true",
                        help="sample RSS/PSS during the timed first crawls (costs them ~5 %% of "
                             "the two cores) instead of in an extra crawl each round")
    parser.add_argument("--no-failing", action="store_true",
                        help="skip the failing-link runs (each first run waits ~1 minute)")
    args = parser.parse_args(argv)

    pages = load_pages(args.data, args.limit)
    site = Site(pages={p.path: p for p in pages})
    server, base_url = serve(site)
    site.feeds["feed.xml"] = rss(pages, base_url)
    site.feeds["empty.xml"] = rss([], base_url)
    slow = Page(SLOW_PATH, "A page that never answers", datetime.now(UTC), b"", "utf-8")
    site.feeds["feed-failing.xml"] = rss([slow, *pages], base_url)
    sets = FAST_SETTINGS + args.sets
    charsets: dict[str, int] = {}
    for p in pages:
        charsets[p.charset or "(none)"] = charsets.get(p.charset or "(none)", 0) + 1
    size = sum(len(p.body) for p in pages) / 1e6
    print(f"{len(pages)} pages, {size:.1f} MB, served charsets {charsets}; server {base_url}")
    print(f"crawl settings: {' '.join('-s ' + s for s in sets)}")

    base: list[tuple[float, float]] = []
    empty: list[CrawlRun] = []
    first: list[CrawlRun] = []
    second: list[CrawlRun] = []
    third: list[CrawlRun] = []
    failing: list[tuple[CrawlRun, CrawlRun]] = []
    also: list[tuple[CrawlRun, CrawlRun]] = []  # (empty feed, first run) with --also's code
    also_second: list[CrawlRun] = []  # --also's second run (the feed answers 304)
    import trafilatura

    trafilatura.bare_extraction(pages[0].text(), with_metadata=True)  # warm-up, not timed
    with tempfile.TemporaryDirectory(prefix="govwatch-bench-") as tmp:
        for n in range(args.runs):
            # Interleaved, so drift on a shared machine hits every measurement alike.
            base.append(baseline(pages))
            empty_dir = Path(tmp) / f"empty{n}"
            empty_dir.mkdir()
            empty.append(run_crawl(site, empty_dir, base_url, "empty.xml", sets=sets))
            workdir = Path(tmp) / f"run{n}"
            workdir.mkdir()
            r1 = run_crawl(site, workdir, base_url, "feed.xml", sets=sets,
                           memory=args.memory_in_timed)
            r2 = run_crawl(site, workdir, base_url, "feed.xml", sets=sets, run_id=2)
            site.conditional = False  # the feed comes back in full: stored URLs must be skipped
            r3 = run_crawl(site, workdir, base_url, "feed.xml", sets=sets, run_id=3)
            site.conditional = True
            if not args.memory_in_timed:
                memdir = Path(tmp) / f"memory{n}"
                memdir.mkdir()
                memory_run(site, memdir, base_url, r1, sets=sets)
            first.append(r1)
            second.append(r2)
            third.append(r3)
            print(f"run {n + 1}: baseline {base[-1][0]:.2f}s (cpu {base[-1][1]:.2f}s); "
                  f"empty feed {empty[-1].seconds:.2f}s; crawl {r1.seconds:.2f}s "
                  f"(cpu {r1.cpu_seconds:.2f}s) {r1.pages} pages exit {r1.exit_code}, "
                  f"{r1.article_downloads()} downloads, max RSS {r1.max_rss_mb:.0f} MB; "
                  f"2nd {r2.seconds:.2f}s {r2.requests}; 3rd {r3.seconds:.2f}s "
                  f"{len(r3.requests)} requests, {r3.article_downloads()} downloads")
            print(f"  crawl + workers: cpu {r1.tree_cpu_s:.2f}s, peak RSS {r1.tree_rss_mb:.0f} MB, "
                  f"PSS {r1.tree_pss_mb:.0f} MB, {r1.processes} processes; cpu by process: "
                  + ", ".join(f"{k} {v:.2f}s" for k, v in sorted(r1.cpu_by_role.items())))
            if args.also:
                other_dir = Path(tmp) / f"also{n}"
                other_dir.mkdir()
                a0 = run_crawl(site, other_dir, base_url, "empty.xml", sets=sets, code=args.also)
                other_dir = Path(tmp) / f"also-run{n}"
                other_dir.mkdir()
                a1 = run_crawl(site, other_dir, base_url, "feed.xml", sets=sets, code=args.also,
                               memory=args.memory_in_timed)
                a2 = run_crawl(site, other_dir, base_url, "feed.xml", sets=sets, run_id=2,
                               code=args.also)
                if not args.memory_in_timed:
                    memdir = Path(tmp) / f"also-memory{n}"
                    memdir.mkdir()
                    memory_run(site, memdir, base_url, a1, sets=sets, code=args.also)
                also.append((a0, a1))
                also_second.append(a2)
                print(f"  {args.also}: empty feed {a0.seconds:.2f}s; 2nd {a2.seconds:.2f}s; "
                      f"crawl {a1.seconds:.2f}s "
                      f"(cpu {a1.cpu_seconds:.2f}s, with workers {a1.tree_cpu_s:.2f}s) {a1.pages} pages, ratio "
                      f"{a1.pages / a1.seconds / (len(pages) / base[-1][0]):.2f}x; tree peak RSS "
                      f"{a1.tree_rss_mb:.0f} MB, PSS {a1.tree_pss_mb:.0f} MB")
            if r1.exit_code != 0 or r1.pages != len(pages):
                print(f"  warning: crawl saw {r1.pages} of {len(pages)} pages {r1.counts}:")
                print((workdir / "crawl.log").read_text(errors="replace")[-2000:])
            if not args.no_failing:
                faildir = Path(tmp) / f"failing{n}"
                faildir.mkdir()
                f1 = run_crawl(site, faildir, base_url, "feed-failing.xml", sets=sets)
                f2 = run_crawl(site, faildir, base_url, "feed-failing.xml", sets=sets, run_id=2)
                failing.append((f1, f2))
                print(f"  failing link: 1st {f1.seconds:.2f}s {f1.pages} pages, "
                      f"{f1.article_downloads()} downloads, counts {f1.counts}; "
                      f"2nd {f2.seconds:.2f}s {f2.requests}")
        if args.profile:
            workdir = Path(tmp) / "profile"
            workdir.mkdir()
            run_crawl(site, workdir, base_url, "feed.xml", sets=sets, profile=args.profile)
            pstats.Stats(args.profile).sort_stats("tottime").print_stats(30)
    server.shutdown()
    report = summarize(len(pages), base, empty, first, second, third, failing)
    if also:
        a_c = median([a1.seconds for _, a1 in also])
        a_pages = median([float(a1.pages) for _, a1 in also])
        a_paired = median([(a1.pages / a1.seconds) / (len(pages) / w)
                           for (_, a1), (w, _) in zip(also, base, strict=True)])
        print(f"{args.also} (same rounds): crawl {a_c:.2f} s, {a_pages / a_c:.1f} pages/s, ratio "
              f"{a_pages / a_c / (len(pages) / median([w for w, _ in base])):.2f}x (paired "
              f"{a_paired:.2f}x); empty feed {median([a0.seconds for a0, _ in also]):.2f} s; "
              f"second run (304) {median([a2.seconds for a2 in also_second]):.2f} s, "
              f"{100 * median([a2.seconds for a2 in also_second]) / a_c:.1f}% of first; "
              f"cpu with workers {median([a1.tree_cpu_s for _, a1 in also]):.2f} s; "
              f"tree peak RSS {median([a1.tree_rss_mb for _, a1 in also]):.0f} MB, PSS "
              f"{median([a1.tree_pss_mb for _, a1 in also]):.0f} MB")
        report["also"] = {"code": str(args.also),
                          "empty_crawl_s": [a0.seconds for a0, _ in also],
                          "crawl_s": [a1.seconds for _, a1 in also],
                          "second_run_s": [a2.seconds for a2 in also_second],
                          "crawl_pages": [a1.pages for _, a1 in also],
                          "crawl_tree_cpu_s": [a1.tree_cpu_s for _, a1 in also],
                          "tree_rss_mb": [a1.tree_rss_mb for _, a1 in also],
                          "tree_pss_mb": [a1.tree_pss_mb for _, a1 in also]}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def summarize(n_pages: int, base: list[tuple[float, float]], empty: list[CrawlRun],
              first: list[CrawlRun], second: list[CrawlRun], third: list[CrawlRun],
              failing: list[tuple[CrawlRun, CrawlRun]]) -> dict:
    """Print the medians and ratios; return every raw figure."""
    b = median([w for w, _ in base])
    b_cpu = median([c for _, c in base])
    c = median([r.seconds for r in first])
    c_cpu = median([r.cpu_seconds for r in first])
    e = median([r.seconds for r in empty])
    e_cpu = median([r.cpu_seconds for r in empty])
    pages = median([float(r.pages) for r in first])
    rate_base = n_pages / b
    # Paired per round (baseline and crawl ran back to back), then the median.
    paired = median([(r.pages / r.seconds) / (n_pages / w)
                     for r, (w, _) in zip(first, base, strict=True)])
    s2 = median([r.seconds for r in second])
    s3 = median([r.seconds for r in third])
    report = {
        "pages": n_pages,
        "runs": len(first),
        "baseline_s": [w for w, _ in base],
        "baseline_cpu_s": [c for _, c in base],
        "empty_crawl_s": [r.seconds for r in empty],
        "empty_crawl_cpu_s": [r.cpu_seconds for r in empty],
        "empty_crawl_max_rss_mb": [r.max_rss_mb for r in empty],
        "crawl_s": [r.seconds for r in first],
        "crawl_cpu_s": [r.cpu_seconds for r in first],
        "crawl_pages": [r.pages for r in first],
        "crawl_counts": [r.counts for r in first],
        "crawl_max_rss_mb": [r.max_rss_mb for r in first],
        "crawl_tree_cpu_s": [r.tree_cpu_s for r in first],
        "crawl_cpu_by_process": [r.cpu_by_role for r in first],
        "crawl_tree_rss_mb": [r.tree_rss_mb for r in first],
        "crawl_tree_pss_mb": [r.tree_pss_mb for r in first],
        "crawl_processes": [r.processes for r in first],
        "second_s": [r.seconds for r in second],
        "second_requests": [r.requests for r in second],
        "third_s": [r.seconds for r in third],
        "third_requests": [len(r.requests) for r in third],
        "third_article_downloads": [r.article_downloads() for r in third],
        "failing_first_s": [f1.seconds for f1, _ in failing],
        "failing_first_counts": [f1.counts for f1, _ in failing],
        "failing_second_s": [f2.seconds for _, f2 in failing],
        "failing_second_requests": [f2.requests for _, f2 in failing],
    }
    second_dl = [r.article_downloads() for r in second]
    second_req = [len(r.requests) for r in second]
    print()
    print(f"pages served                      {n_pages}  (medians of {len(first)} runs)")
    print(f"bare trafilatura, one process     {b:6.2f} s  {rate_base:6.1f} pages/s  "
          f"cpu {b_cpu:6.2f} s")
    print(f"govwatch crawl, whole process     {c:6.2f} s  {pages / c:6.1f} pages/s  "
          f"cpu {c_cpu:6.2f} s  ratio {pages / c / rate_base:.2f}x "
          f"(paired per run {paired:.2f}x; cpu {b_cpu / c_cpu:.2f}x)")
    print(f"  startup (crawl of empty feed)   {e:6.2f} s                    cpu {e_cpu:6.2f} s")
    print(f"  excluding startup               {c - e:6.2f} s  {pages / (c - e):6.1f} pages/s  "
          f"cpu {c_cpu - e_cpu:6.2f} s  ratio {pages / (c - e) / rate_base:.2f}x "
          f"(cpu {b_cpu / (c_cpu - e_cpu):.2f}x)")
    print(f"  peak RSS                        {median([r.max_rss_mb for r in first]):6.0f} MB "
          f"(empty-feed crawl {median([r.max_rss_mb for r in empty]):.0f} MB)")
    print(f"  cpu, crawl + workers            {median([r.tree_cpu_s for r in first]):6.2f} s "
          f"({median([r.tree_cpu_s for r in first]) / b_cpu:.2f}x bare trafilatura's)")
    print(f"  peak, crawl + workers           RSS {median([r.tree_rss_mb for r in first]):.0f} MB, "
          f"PSS {median([r.tree_pss_mb for r in first]):.0f} MB "
          f"({median([float(r.processes) for r in first]):.0f} processes)")
    print(f"second run (feed answers 304)     {s2:6.2f} s  {s2 / c:6.1%} of first; "
          f"requests {second_req}, article downloads {second_dl}")
    print(f"third run (feed 200, URLs stored) {s3:6.2f} s  {s3 / c:6.1%} of first; "
          f"requests {report['third_requests']}, article downloads "
          f"{report['third_article_downloads']}")
    if failing:
        f1s = median([f1.seconds for f1, _ in failing])
        f2s = median([f2.seconds for _, f2 in failing])
        print(f"failing link: first run            {f1s:6.2f} s  "
              f"(article downloads {[f1.article_downloads() for f1, _ in failing]}, "
              f"errors {[f1.counts.get('errors') for f1, _ in failing]})")
        print(f"failing link: re-run right after  {f2s:6.2f} s  {f2s / f1s:6.1%} of its first; "
              f"{f2s / c:6.1%} of the clean first run; requests "
              f"{[len(f2.requests) for _, f2 in failing]}, article downloads "
              f"{[f2.article_downloads() for _, f2 in failing]}, statuses "
              f"{[sorted({st for _, st in f2.requests}) for _, f2 in failing]}")
    return report


if __name__ == "__main__":
    sys.exit(main())
