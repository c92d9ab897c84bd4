"""Golden files for the signals stage: tests/fixtures/signals/*.txt → *.json.

Each ``.txt`` fixture starts with ``key: value`` header lines (title, language,
source_jurisdiction, published_at), a blank line, then the article text. The matching
``.json`` holds what pipelines/signals.py (types, evidence, amounts, deadlines) and the
summary stage with config/signals.toml's noise screen (summary, key signals) produce with
the shipped config/. After a deliberate change to the rules or to signals.toml,
regenerate and review the diff::

    .venv/bin/python -m tests.regen_signals        # from the repository root
    git diff tests/fixtures/signals/
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests import regen_golden as golden

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "signals"
CONFIG = ROOT / "config"


def read_fixture(path: Path) -> dict[str, str]:
    """The tagging fixtures' format (tests.regen_golden), plus ``published_at``."""
    return {"published_at": "", **golden.read_fixture(path)}


def expected_for(fixture: dict[str, str]) -> dict[str, Any]:
    from crawler.config import load_signal_config
    from pipelines.noise import noise_of
    from pipelines.signals import detect
    from pipelines.summary import summary_and_signals

    config = load_signal_config(CONFIG / "signals.toml")
    found = detect(fixture["title"], fixture["text"], config, fixture["source_jurisdiction"],
                   fixture["published_at"])
    summary, key_signals = summary_and_signals(fixture["title"], fixture["text"],
                                               fixture["language"], None, noise_of(config))
    return {"signal_types": found.signal_types, "signal_evidence": found.signal_evidence,
            "amounts": found.amounts, "deadlines": found.deadlines, "dropped": found.dropped,
            "summary": summary, "key_signals": key_signals}


def main() -> None:
    for path in sorted(FIXTURES.glob("*.txt")):
        out = path.with_suffix(".json")
        out.write_text(json.dumps(expected_for(read_fixture(path)), ensure_ascii=False,
                                  indent=2) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
