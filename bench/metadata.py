"""trafilatura's metadata pass in ``extract()``: its cost by field, and old vs new outputs.

Three modes, on the 439 pages of bench/crawl.py plus the 26 of ../shared/data/hk-pages:

    .venv/bin/python bench/metadata.py profile            # CPU of each step, by field
    .venv/bin/python bench/metadata.py dump out.json [--root DIR]
    .venv/bin/python bench/metadata.py diff old.json new.json

``profile`` parses every page once (untimed), then times, page by page and without a
profiler (cProfile inflates dateparser's set-up fourfold), ``bare_extraction`` with and
without metadata, govwatch's ``pipelines.pagemeta.read_metadata``, and each step of
trafilatura's ``extract_metadata`` on its own (meta tags and OpenGraph, JSON-LD, title,
author, URL, date via htmldate, site name, categories, tags, licence), in CPU seconds
and as a share of ``bare_extraction`` with metadata; also dateparser's first use.

``dump`` writes every field of ``extract()`` for every page (or the reason it is not an
article) as JSON; ``--root DIR`` imports govwatch from another checkout (say a
``git archive`` of the commit a branch started from), so two versions can be compared.
``diff`` lists every page and field where two dumps differ, counts them by field, and
scores both dumps against fundus's expected titles, dates and authors.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import unicodedata
from dataclasses import asdict
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
DATA = BENCH.parents[1] / "shared" / "data"

def pages() -> list[tuple[str, str, bytes, str]]:
    """(name, url, body, charset) for the crawl bench's pages and hk-pages."""
    sys.path.insert(0, str(BENCH))
    from crawl import load_pages

    out = [(p.path, f"http://127.0.0.1:8000/{p.path}", p.body, p.charset)
           for p in load_pages(DATA)]
    for path in sorted((DATA / "hk-pages").rglob("*.html*")):
        body = path.read_bytes()
        if path.name.endswith(".gz"):
            body = gzip.decompress(body)
        name = f"hk/{path.relative_to(DATA / 'hk-pages')}"
        out.append((name, f"http://127.0.0.1:8000/{name}", body, ""))
    return out


def _import_extract(root: Path) -> Any:
    sys.path.insert(0, str(root))
    from pipelines import extract

    if not Path(extract.__file__).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"pipelines.extract came from {extract.__file__}, not {root}")
    return extract


def _run(extract: Any, page: tuple[str, str, bytes, str]) -> dict[str, Any]:
    name, url, body, charset = page
    ctype = f"text/html; charset={charset}" if charset else "text/html"
    try:
        found = extract.extract(body, url=url, content_type=ctype, http_encoding=charset)
    except extract.NotAnArticle as exc:
        return {"not_an_article": exc.reason}
    return asdict(found)


def profile(root: Path) -> None:
    """Time each step of trafilatura's metadata pass on every page, without a profiler.

    The pages are decoded and parsed first (untimed); then, per page, each step that
    ``trafilatura.metadata.extract_metadata`` runs is timed on its own, in its order, with
    its inputs, and so are ``bare_extraction`` with and without metadata (govwatch's
    options). Steps that a page skips (its meta tags had a title, say) count 0 for it.
    """
    import trafilatura
    from htmldate import find_date
    from trafilatura import metadata as tm
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    extract = _import_extract(root)
    from pipelines.pagemeta import read_metadata

    trees = []
    for _name, url, body, charset in pages():
        html, _codec = extract.decode_html(body, charset)
        tree = load_html(html)
        if tree is not None:
            trees.append((tree, url))
    clock = time.process_time
    spent: dict[str, float] = {}

    def timed(label: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        start = clock()
        result = fn(*args, **kwargs)
        spent[label] = spent.get(label, 0.0) + clock() - start
        return result

    options = {"fast": True, "include_comments": False}
    start = clock()
    from htmldate.extractors import _external_date  # noqa: PLC2701 - measured on purpose

    _external_date("November 20 15:23 2019")  # the string a bench page sends it
    cold = clock() - start
    for tree, url in trees:  # warm-up: imports, lazy tables (dateparser: see below)
        trafilatura.bare_extraction(tree, url=url, with_metadata=True, **options)
    for tree, url in trees:
        timed("bare_extraction, with_metadata=True", trafilatura.bare_extraction, tree,
              url=url, with_metadata=True, **options)
        timed("bare_extraction, with_metadata=False", trafilatura.bare_extraction, tree,
              url=url, with_metadata=False, **options)
        timed("govwatch: pipelines.pagemeta.read_metadata", read_metadata, tree, url)
        doc = timed("meta tags + OpenGraph", tm.examine_meta, tree)
        doc = timed("JSON-LD", tm.extract_meta_json, tree, doc)
        if not doc.title:
            doc.title = timed("title (h1, XPaths, <title>)", tm.extract_title, tree)
        if not doc.author:
            doc.author = timed("author (XPaths on a deep copy)", tm.extract_author, tree)
        if not doc.url:
            doc.url = timed("URL (canonical link)", tm.extract_url, tree, url)
        params = {**set_date_params(True), "url": doc.url}
        doc.date = timed("date (htmldate.find_date)", find_date, tree, **params)
        if not doc.sitename:
            doc.sitename = timed("site name (<title>)", tm.extract_sitename, tree)
        timed("categories", tm.extract_catstags, "category", tree)
        timed("tags", tm.extract_catstags, "tag", tree)
        timed("licence", tm.extract_license, tree)
        timed("clean and trim", doc.clean_and_trim)
    with_meta = spent["bare_extraction, with_metadata=True"]
    print(f"{len(trees)} pages, CPU seconds over all pages (share of bare_extraction with "
          f"metadata)")
    for label, seconds in spent.items():
        print(f"  {label:44s} {seconds:6.2f} s {100 * seconds / with_meta:5.1f} %")
    steps = sum(v for k, v in spent.items() if not k.startswith(("bare_", "govwatch")))
    print(f"  {'all metadata steps':44s} {steps:6.2f} s {100 * steps / with_meta:5.1f} %")
    print(f"  dateparser's first use in a process (htmldate's last resort): {cold:.2f} s")


def dump(root: Path, out: Path) -> None:
    extract = _import_extract(root)
    todo = pages()
    start = time.process_time()
    result = {page[0]: _run(extract, page) for page in todo}
    spent = time.process_time() - start
    out.write_text(json.dumps(result, ensure_ascii=False, indent=0, sort_keys=True),
                   encoding="utf-8")
    print(f"{len(result)} pages -> {out}; extract() {spent:.2f} s CPU "
          f"({1000 * spent / len(result):.1f} ms a page, first use of every library included)")


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def fundus_scores(rows: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Share of fundus pages whose extracted title, date and author match the expected."""
    fundus = DATA / "fundus-test-data"
    manifest = json.loads((fundus / "manifest.json").read_text(encoding="utf-8"))
    title = date = date_n = author = author_n = n = 0
    for record in manifest:
        row = rows.get(f"fundus/{record['file'][:-3]}")
        if row is None or "not_an_article" in row:
            continue
        n += 1
        title += _norm(row["title"]) == _norm(record["title"])
        if record.get("publishing_date"):
            date_n += 1
            date += row["published_at"][:10] == record["publishing_date"][:10]
        expected = json.loads((fundus / record["expected_json"]).read_text(encoding="utf-8"))
        authors = expected.get(record["version_key"], {}).get("authors") or []
        if authors:
            author_n += 1
            author += all(_norm(a) in _norm(row["author"]) for a in authors)
    return {"title exact": f"{title}/{n}", "date (day)": f"{date}/{date_n}",
            "all authors named": f"{author}/{author_n}"}


def diff(old_path: Path, new_path: Path) -> int:
    old = json.loads(old_path.read_text(encoding="utf-8"))
    new = json.loads(new_path.read_text(encoding="utf-8"))
    by_field: dict[str, int] = {}
    pages_differing = 0
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name, {}), new.get(name, {})
        fields = [f for f in sorted(a.keys() | b.keys()) if a.get(f) != b.get(f)]
        if fields:
            pages_differing += 1
        for f in fields:
            by_field[f] = by_field.get(f, 0) + 1
            print(f"{name}  {f}:\n  old: {str(a.get(f))[:300]!r}\n  new: {str(b.get(f))[:300]!r}")
    print(f"\n{len(old)} pages; {pages_differing} differ; by field: {by_field or 'none'}")
    for label, rows in (("old", old), ("new", new)):
        print(f"fundus, {label}: {fundus_scores(rows)}")
    return 1 if pages_differing else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("profile")
    p.add_argument("--root", type=Path, default=BENCH.parent)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--root", type=Path, default=BENCH.parent)
    c = sub.add_parser("diff")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.mode == "profile":
        profile(args.root)
        return 0
    if args.mode == "dump":
        dump(args.root, args.out)
        return 0
    return diff(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
