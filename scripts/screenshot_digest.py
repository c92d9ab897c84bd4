"""See the HTML digest as a reader does: build a sample database, render, screenshot.

Builds a small database of invented English and Chinese public-sector AI stories (with
stories grouped across outlets the way the dedup stage will, a failing source and a
silent one), renders the HTML digest with ``govwatch digest --format html``, and takes
headless Chromium screenshots at desktop width (1200 px) and phone width (390 px).

    python scripts/screenshot_digest.py                  # -> docs/img/digest-desktop.png, digest-phone.png,
                                                         #    digest-email-nosvg.png (as Gmail keeps it)
    python scripts/screenshot_digest.py --out /tmp/shots --keep   # keep the sample DB and HTML

Needs the distribution's Chromium (``apt-get install -y chromium``) and, for the Chinese
text, a CJK font (``apt-get install -y fonts-noto-cjk``). The stories are sample data,
written for this script; the links point at example domains.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler import db as dbm  # noqa: E402
from crawler.config import DEFAULT_CONFIG_DIR, load_signal_config  # noqa: E402
from pipelines.signals import detect  # noqa: E402

PERIOD = ("2026-06-01T00:00:00Z", "2026-06-08T00:00:00Z")
SIZES = {"desktop": (1200, 3100), "phone": (390, 1800)}

SOURCES = [
    ("rthk-en", "RTHK English News", "HK", "en"),
    ("news-gov-hk", "news.gov.hk", "HK", "en"),
    ("bastillepost-hk", "巴士的報", "HK", "zh-Hant"),
    ("hk01", "香港01", "HK", "zh-Hant"),
    ("xinhua-cn", "新华网", "CN", "zh-Hans"),
    ("straits-times", "The Straits Times", "SG", "en"),
    ("gov-uk-ai", "GOV.UK (AI)", "GB", "en"),
    ("fedscoop", "FedScoop", "US", "en"),
    ("nextgov", "Nextgov/FCW", "US", "en"),
    ("ec-digital", "European Commission: Digital", "EU", "en"),
]
DPO = {"id": "hk-dpo", "name": "Digital Policy Office", "jurisdiction": "HK"}
DPO_ZH = {"id": "hk-dpo", "name": "數字政策辦公室", "jurisdiction": "HK"}

# (story title or None for a lone article, [(source, url slug, title, published, extra)])
STORIES: list[tuple[str | None, list[tuple[str, str, str, str, dict[str, Any]]]]] = [
    ("Digital Policy Office pilots generative AI assistant across 30 departments", [
        ("news-gov-hk", "dpo-ai-assistant", "DPO launches pilot of generative AI assistant for civil servants",
         "2026-06-05T09:30:00Z", {
             "summary": "The Digital Policy Office will roll out a generative AI assistant to about "
                        "30 bureaux and departments from July, after a three-month trial with "
                        "2,000 civil servants found drafting time fell by a third.",
             "key_signals": ["Rollout to about 30 bureaux and departments from July 2026.",
                             "Trial with 2,000 civil servants; drafting time down by a third.",
                             "A tender for a government-wide licence is planned for Q3."],
             "agencies": [DPO], "vendors": [{"id": "hkai-lab", "name": "HKGAI"}],
             "locations": [{"id": "cgo", "name": "Central Government Offices"}]}),
        ("rthk-en", "ai-assistant-civil-service", "Civil servants to get AI writing assistant",
         "2026-06-05T11:10:00Z", {}),
        ("bastillepost-hk", "dpo-ai-zh", "數字政策辦公室擴展生成式人工智能助手至30個部門",
         "2026-06-05T12:45:00Z", {"language": "zh-Hant"}),
    ]),
    ("醫管局以人工智能分流急症室病人 先導計劃擴至七間醫院", [
        ("hk01", "ha-ai-triage", "醫管局人工智能分流系統擴至七間醫院 料縮短輪候時間",
         "2026-06-04T03:20:00Z", {
             "language": "zh-Hant",
             "summary": "醫院管理局表示，急症室人工智能分流先導計劃將由兩間醫院擴展至七間，系統會根據病人"
                        "病徵及生命表徵建議分流類別，最終決定仍由護士作出。",
             "key_signals": ["先導計劃由兩間醫院擴至七間。", "系統只作建議，最終分流由護士決定。"],
             "agencies": [{"id": "hk-ha", "name": "醫院管理局", "jurisdiction": "HK"}],
             "locations": [{"id": "qeh", "name": "伊利沙伯醫院"}]}),
        ("bastillepost-hk", "ha-triage", "急症室AI分流擴展 醫管局：護士仍有最終決定權",
         "2026-06-04T06:00:00Z", {"language": "zh-Hant"}),
    ]),
    (None, [
        ("rthk-en", "lands-dept-ai-maps", "Lands Department uses AI to update 3D digital map",
         "2026-06-02T08:15:00Z", {
             "summary": "The Lands Department says machine-learning tools now detect building "
                        "changes in aerial photos, cutting the update cycle of its 3D digital "
                        "map from 12 months to three.",
             "agencies": [{"id": "hk-landsd", "name": "Lands Department", "jurisdiction": "HK"}]}),
    ]),
    (None, [
        ("xinhua-cn", "gov-ai-guideline", "国务院办公厅印发政务大模型应用指引",
         "2026-06-03T02:00:00Z", {
             "language": "zh-Hans",
             "summary": "指引要求各地区各部门在政务服务中使用大模型时，建立安全评估和人工复核机制，"
                        "并优先在政策咨询、公文辅助起草等场景试点。",
             "key_signals": ["建立安全评估和人工复核机制。", "优先在政策咨询和公文起草场景试点。"],
             "agencies": [{"id": "cn-gov-office", "name": "国务院办公厅", "jurisdiction": "CN"}]}),
    ]),
    ("GovTech Singapore opens Pair assistant to all public officers", [
        ("straits-times", "pair-all-officers", "All 150,000 public officers to get GovTech's Pair AI assistant",
         "2026-06-06T04:00:00Z", {
             "summary": "GovTech says its Pair assistant, built on commercial large language "
                        "models, is now available to every public officer, with new guardrails "
                        "for handling restricted data.",
             "key_signals": ["Available to about 150,000 public officers.",
                             "New guardrails for restricted data."],
             "agencies": [{"id": "sg-govtech", "name": "GovTech", "jurisdiction": "SG"}]}),
    ]),
    ("i.AI publishes guidance on buying AI for the public sector", [
        ("gov-uk-ai", "ai-procurement-guidance", "Guidance: buying AI in the public sector",
         "2026-06-03T10:00:00Z", {
             "summary": "The Incubator for AI and the Crown Commercial Service set out how "
                        "departments should evaluate and contract for AI systems, including "
                        "model evaluations before award.",
             "key_signals": ["Model evaluations required before contract award."],
             "agencies": [{"id": "gb-iai", "name": "Incubator for AI", "jurisdiction": "GB"},
                          {"id": "gb-ccs", "name": "Crown Commercial Service", "jurisdiction": "GB"}]}),
    ]),
    ("GSA adds three AI vendors to OneGov agreements", [
        ("fedscoop", "gsa-onegov-ai", "GSA inks OneGov deals with three more AI companies",
         "2026-06-07T15:00:00Z", {
             "summary": "The General Services Administration added three AI providers to its "
                        "OneGov programme, offering agencies discounted enterprise licences "
                        "through the end of fiscal 2027.",
             "agencies": [{"id": "us-gsa", "name": "General Services Administration",
                           "jurisdiction": "US"}],
             "vendors": [{"id": "anthropic", "name": "Anthropic"}, {"id": "openai", "name": "OpenAI"},
                         {"id": "google", "name": "Google"}]}),
        ("nextgov", "gsa-onegov", "GSA expands OneGov AI offerings", "2026-06-07T18:30:00Z", {}),
    ]),
    (None, [
        ("news-gov-hk", "lands-ai-tender", "Lands Department invites tenders for AI map updates",
         "2026-06-03T08:00:00Z", {
             "summary": "The Lands Department has invited tenders for an AI system that spots new "
                        "buildings in aerial photographs. It has set aside about HK$18 million "
                        "for the four-year contract. The tender closes on 26 June.",
             "agencies": [{"id": "hk-landsd", "name": "Lands Department", "jurisdiction": "HK"}]}),
    ]),
    (None, [
        ("xinhua-cn", "shenzhen-12345-award", "深圳12345热线大模型项目中标结果公布",
         "2026-06-06T02:00:00Z", {
             "language": "zh-Hans",
             "summary": "深圳市政务服务数据管理局公布中标结果，一家本地企业以人民币2,380万元中标热线大模型"
                        "升级项目，系统将于10月1日起分阶段上线。"}),
    ]),
    (None, [
        ("nextgov", "va-ai-scribes", "VA expands ambient AI scribes to 40 medical centers",
         "2026-06-01T14:00:00Z", {
             "summary": "The Department of Veterans Affairs will extend ambient AI note-taking "
                        "to 40 medical centers after a pilot cut documentation time.",
             "agencies": [{"id": "us-va", "name": "Department of Veterans Affairs",
                           "jurisdiction": "US"}]}),
    ]),
    (None, [
        ("ec-digital", "ai-act-gpai", "Commission publishes guidelines for general-purpose AI models",
         "2026-06-02T12:00:00Z", {
             "summary": "The guidelines clarify which providers of general-purpose AI models "
                        "fall under the AI Act's obligations and how the AI Office will supervise them.",
             "agencies": [{"id": "eu-ai-office", "name": "European AI Office", "jurisdiction": "EU"}]}),
    ]),
]


class _Source:
    def __init__(self, sid: str, name: str, jurisdiction: str, language: str) -> None:
        self.id, self.name, self.jurisdiction, self.language = sid, name, jurisdiction, language
        self.kind = "feed"


def build_sample(path: Path) -> None:
    """Write the sample database at ``path`` (replacing any file there)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = dbm.open_db(path)
    signal_config = load_signal_config(DEFAULT_CONFIG_DIR / "signals.toml")
    dbm.sync_sources(db, [_Source(*s) for s in SOURCES])
    jurisdiction = {s[0]: s[2] for s in SOURCES}
    db.executescript(  # the stories schema planned by the dedup stage (issue #4)
        """CREATE TABLE IF NOT EXISTS stories (id INTEGER PRIMARY KEY, title TEXT,
               first_seen_at TEXT, last_seen_at TEXT);
           CREATE TABLE IF NOT EXISTS story_mentions (story_id INTEGER, article_id INTEGER,
               source_id TEXT, url TEXT, title TEXT, published_at TEXT);""")
    with dbm.transaction(db):
        for number, (story_title, mentions) in enumerate(STORIES, start=1):
            ids = []
            for source, slug, title, published, extra in mentions:
                url = f"https://{source}.example/{slug}"
                record = {"url": url, "source_id": source, "title": title,
                          "published_at": published, "fetched_at": published,
                          "text": extra.get("summary", title), "language": "en",
                          "content_hash": hashlib.sha256(url.encode()).hexdigest(),
                          "relevant": True, "relevance_score": 0.9 if extra else 0.6,
                          "topic": "public-sector-ai", "jurisdictions": [jurisdiction[source]],
                          "source_jurisdiction": jurisdiction[source], **extra}
                # the signals stage, as a crawl would run it (badges, amounts, dates)
                found = detect(title, record["text"], signal_config, jurisdiction[source],
                               published)
                record.update(signal_types=found.signal_types, amounts=found.amounts,
                              signal_evidence=found.signal_evidence, deadlines=found.deadlines)
                ids.append((dbm.insert_article(db, record), source, url, title, published))
            if story_title:
                times = [m[4] for m in ids]
                db.execute("INSERT INTO stories (id, title, first_seen_at, last_seen_at) "
                           "VALUES (?, ?, ?, ?)",
                           (number, story_title, min(times), max(times)))
                for article_id, source, url, title, published in ids:
                    db.execute("INSERT INTO story_mentions (story_id, article_id, source_id, "
                               "url, title, published_at) VALUES (?, ?, ?, ?, ?, ?)",
                               (number, article_id, source, url, title, published))
                    db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (number, article_id))
        run = db.execute("INSERT INTO runs (started_at, finished_at, finish_reason, exit_code) "
                         "VALUES ('2026-06-07T06:00:00Z', '2026-06-07T06:05:00Z', 'finished', 1)"
                         ).lastrowid
        db.execute("INSERT INTO run_sources (run_id, source_id, status) VALUES (?, 'hk01', 'failed')",
                   (run,))
        db.execute("INSERT INTO fetch_errors (run_id, source_id, url, error, http_status, at) "
                   "VALUES (?, 'hk01', 'https://hk01.example/rss', 'HTTP 503 Service Unavailable', "
                   "503, '2026-06-07T06:01:00Z')", (run,))
        db.execute("UPDATE sources SET last_fetched_at = '2026-06-07T06:00:00Z', "
                   "last_success_at = '2026-06-07T06:00:00Z'")
        db.execute("UPDATE sources SET last_success_at = '2026-06-04T06:00:00Z', "
                   "consecutive_failures = 3 WHERE id = 'hk01'")
        db.execute("INSERT INTO sources (id, name, jurisdiction, last_fetched_at, last_status) "
                   "VALUES ('mo-gov', 'Macao SAR Government Portal', 'MO', "
                   "'2026-06-07T06:00:00Z', 'not_modified')")
    db.conn.close()


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("screenshot_digest: chromium not found (apt-get install -y chromium)")


def screenshot(browser: str, html: Path, png: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
             f"--screenshot={png}", f"--window-size={width},{height}", html.as_uri()],
            check=True, capture_output=True, timeout=120)


_GMAIL_DROPS = re.compile(r"<svg\b.*?</svg>|<style\b.*?</style>|<script\b.*?</script>",
                         re.IGNORECASE | re.DOTALL)


def gmail_like(page: str) -> str:
    """The HTML as Gmail keeps it, roughly: no <svg>, <style> or <script> elements
    (inline style attributes stay). A chart that survives this survives Gmail."""
    return _GMAIL_DROPS.sub("", page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img",
                        help="folder for the PNGs (default: docs/img)")
    parser.add_argument("--keep", action="store_true", help="keep the sample DB and HTML in --out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="govwatch-digest-"))
    try:
        db_path, html = work / "sample.db", work / "digest.html"
        build_sample(db_path)
        subprocess.run([sys.executable, "-m", "crawler.cli", "digest", "--db", str(db_path),
                        "--since", PERIOD[0], "--until", PERIOD[1], "--format", "html",
                        "--output", str(html)], check=True, cwd=ROOT)
        browser = chromium()
        for label, (width, height) in SIZES.items():
            png = args.out / f"digest-{label}.png"
            screenshot(browser, html, png, width, height)
            print(f"wrote {png}")
        # The email version as Gmail would show it: SVG, <style> and scripts removed. The
        # charts are tables, so this shot must show them just as the browser one does.
        email = work / "digest-email.html"
        email.write_text(gmail_like(html.read_text(encoding="utf-8")), encoding="utf-8")
        png = args.out / "digest-email-nosvg.png"
        screenshot(browser, email, png, *SIZES["desktop"])
        print(f"wrote {png}")
        if args.keep:
            shutil.copy(db_path, args.out / "sample.db")
            shutil.copy(html, args.out / "digest-sample.html")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
