"""Shared helpers of the tagging tests: the agencies a tag run finds, by id."""

from __future__ import annotations

from typing import Any

from pipelines.tagging import Tagger


def agencies(tagger: Tagger, text: str, title: str = "") -> dict[str, dict[str, Any]]:
    """The agencies ``tagger`` finds in ``title`` and ``text``, by id."""
    return {a["id"]: a for a in tagger.tag(title, text).agencies}
