"""Golden files for relevance, tagging and summary: tests/fixtures/tagging/*.txt → *.json.

Each ``.txt`` fixture starts with ``key: value`` header lines (title, language,
source_jurisdiction), a blank line, then the article text. The matching ``.json`` holds
what the stages produce with the shipped config/. After a deliberate change to the
rules, topics.toml or the gazetteers, regenerate and review the diff::

    .venv/bin/python -m tests.regen_golden        # from the repository root
    git diff tests/fixtures/tagging/
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "tagging"
CONFIG = ROOT / "config"


def read_fixture(path: Path) -> dict[str, str]:
    """Header fields plus ``text`` from a fixture file."""
    raw = path.read_text(encoding="utf-8")
    header, _, text = raw.partition("\n\n")
    fields = {"title": "", "language": "", "source_jurisdiction": ""}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    fields["text"] = text.strip("\n")
    return fields


def expected_for(fixture: dict[str, str]) -> dict[str, Any]:
    from crawler.config import load_gazetteer, load_topic
    from pipelines.relevance import score
    from pipelines.summary import key_signals, summarize
    from pipelines.tagging import tag

    topic = load_topic(CONFIG, "public-sector-ai")
    gazetteer = _gazetteer(load_gazetteer)
    title, text, language = fixture["title"], fixture["text"], fixture["language"]
    result = score(title, text, topic)
    tags = asdict(tag(title, text, gazetteer, fixture["source_jurisdiction"]))
    return {
        "relevance": {"relevant": result.relevant, "score": result.score,
                      "reasons": result.reasons},
        "tags": tags,
        "summary": summarize(title, text, language),
        "key_signals": key_signals(title, text, language, tags),
    }


_CACHE: dict[str, Any] = {}


def _gazetteer(loader: Any) -> Any:
    if "g" not in _CACHE:
        _CACHE["g"] = loader(CONFIG / "gazetteers")
    return _CACHE["g"]


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    for path in sorted(FIXTURES.glob("*.txt")):
        out = path.with_suffix(".json")
        out.write_text(dump(expected_for(read_fixture(path))), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
