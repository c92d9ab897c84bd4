"""The signals stage in a real crawl: loopback site → ``govwatch crawl`` in a child
process → signal columns and tables in a temporary database, and a malformed
signals.toml stops the crawl with one line naming file, entry and key."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from tests.conftest import SiteView
from tests.test_e2e_crawl import CRAWL_SETTINGS, ROOT, govwatch


def _sources(site: SiteView) -> Path:
    return site.write_sources([{"id": "civic-rss", "name": "Civic Times RSS", "kind": "feed",
                                "url": "{base}/feeds/rss.xml", "language": "en",
                                "jurisdiction": "GB"}])


def test_crawl_stores_signals(site: SiteView, tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    proc = govwatch("crawl", "--db", str(db), "--sources", str(_sources(site)), *CRAWL_SETTINGS)
    assert proc.returncode == 0, proc.stderr[-2000:]
    conn = sqlite3.connect(db)
    rows = {url: (json.loads(types or "null"), json.loads(evidence or "null"))
            for url, types, evidence in conn.execute(
                "SELECT url, signal_types, signal_evidence FROM articles")}
    procurement = next(v for url, v in rows.items() if url.endswith("/ai-procurement.html"))
    types, evidence = procurement
    assert "policy_regulation" in types  # "Council adopts rules for buying AI systems"
    assert all(e["type"] in types and e["terms"] for e in evidence)
    assert all(isinstance(v[0], list) for v in rows.values())  # every article went through
    mirrored = conn.execute(
        "SELECT COUNT(*) FROM article_signal_types t JOIN articles a ON a.id = t.article_id "
        "WHERE a.url LIKE '%/ai-procurement.html'").fetchone()[0]
    assert mirrored == len(types)


def test_a_malformed_taxonomy_stops_the_crawl_in_one_line(site: SiteView, tmp_path: Path) -> None:
    config = tmp_path / "config"
    shutil.copytree(ROOT / "config", config)
    path = config / "signals.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'id = "partnership"', 'id = "partnership"\nmin_hits = "often"', 1), encoding="utf-8")
    proc = govwatch("crawl", "--db", str(tmp_path / "g.db"), "--config", str(config),
                    "--sources", str(_sources(site)), *CRAWL_SETTINGS)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "signals.toml: type 'partnership': key 'min_hits'" in proc.stderr
    assert "Traceback" not in proc.stderr
