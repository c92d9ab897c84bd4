"""A real crawl (child process) of an English and a Chinese feed on 127.0.0.1: the two
reports of one event become one story; a pair key from config links a second pair whose
texts share nothing; a same-office announcement of another day stays apart."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from crawler import db as dbm
from crawler.config import DEFAULT_CONFIG_DIR
from tests.localsite import FAST
from tests.test_crosslang import EN, ZH, ZH_OTHER

ROOT = Path(__file__).resolve().parents[1]

PAGES = {
    "/en/dpo-assistant.html": ("25 departments to adopt AI assistant", EN, "en",
                               "Sat, 14 Mar 2026 03:00:00 GMT"),
    "/en/pair/20260314_103000_123.html": ("Harbour note", "A short note on the weather and "
                                          "the harbour view this morning for visitors. Ferries "
                                          "run as usual and the promenade stays open all day "
                                          "for walkers and cyclists.", "en",
                                          "Sat, 14 Mar 2026 03:30:00 GMT"),
    "/zh/dpo-assistant.html": ("二十五個部門採用人工智能助手", ZH, "zh-HK",
                               "Sat, 14 Mar 2026 03:20:00 GMT"),
    "/zh/pair/20260314_103000_123.html": ("海港說明", "今日早上天氣及海港景色的簡短說明，"
                                          "供旅客參考，市民亦可留意最新消息。渡輪服務如常，"
                                          "海濱長廊全日開放，歡迎市民散步及踏單車，並請留意"
                                          "安全，保持環境清潔。", "zh-HK",
                                          "Sat, 14 Mar 2026 03:31:00 GMT"),
    "/zh/app-services.html": ("智方便新增三十項服務", ZH_OTHER, "zh-HK",
                              "Tue, 17 Mar 2026 03:00:00 GMT"),
}


def page(title: str, text: str, lang: str) -> bytes:
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{text}</p></article></body></html>").encode()


def feed(base: str, prefix: str) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link><pubDate>{when}</pubDate></item>"
        for path, (title, _, _, when) in PAGES.items() if path.startswith(prefix))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{prefix}</title><link>{base}/</link>{items}</channel></rss>").encode()


@pytest.fixture
def server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path in ("/en/feed.xml", "/zh/feed.xml"):
                body, kind = feed(base, self.path[:4]), "application/rss+xml"
            elif self.path in PAGES:
                title, text, lang, _ = PAGES[self.path]
                body, kind = page(title, text, lang), "text/html; charset=utf-8"
            else:
                body, kind = b"not found", "text/plain"
            self.send_response(200 if kind != "text/plain" else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_crawl_links_english_and_chinese_reports(server: str, tmp_path: Path) -> None:
    config = tmp_path / "config"
    shutil.copytree(DEFAULT_CONFIG_DIR, config)
    with open(config / "dedup.toml", "a", encoding="utf-8") as fh:
        fh.write("\n[[pair_key]]\nid = 'local'\n"
                 "url = '^http://127\\.0\\.0\\.1:\\d+/(?:en|zh)/pair/(?P<key>\\d{8}_\\d{6}_\\d{3})'\n")
    (config / "sources.toml").write_text(
        f'[[source]]\nid = "gov-en"\nkind = "feed"\nurl = "{server}/en/feed.xml"\n'
        f'language = "en"\njurisdiction = "HK"\n\n'
        f'[[source]]\nid = "gov-zh"\nkind = "feed"\nurl = "{server}/zh/feed.xml"\n'
        f'language = "zh-HK"\njurisdiction = "HK"\n', encoding="utf-8")
    db_path = tmp_path / "g.db"
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "crawl", "-q", "--db", str(db_path),
         "--config", str(config), *FAST], cwd=ROOT, capture_output=True, text=True,
        timeout=180)
    assert result.returncode == 0, result.stderr
    db = dbm.open_db(db_path, create=False)
    story = {r["url"].split("/", 3)[3]: r["story_id"]
             for r in db.query("SELECT url, story_id FROM articles")}
    assert len(story) == 5
    assert story["en/dpo-assistant.html"] == story["zh/dpo-assistant.html"]
    assert story["en/pair/20260314_103000_123.html"] == story["zh/pair/20260314_103000_123.html"]
    assert story["zh/app-services.html"] not in (story["en/dpo-assistant.html"],
                                                 story["en/pair/20260314_103000_123.html"])
    assert len(set(story.values())) == 3
    methods = {r["method"] for r in db.query("SELECT method FROM story_links")}
    assert methods == {"evidence", "pair_key"}
    # export follows: both reports carry their story's two languages
    exported = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "export", "--db", str(db_path), "--format",
         "jsonl"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    languages = {r["url"].split("/", 3)[3]: r["languages"] for r in rows}
    assert sorted(languages["zh/dpo-assistant.html"]) == ["en", "zh"]
    assert languages["zh/app-services.html"] == ["zh"]
    db.conn.close()
