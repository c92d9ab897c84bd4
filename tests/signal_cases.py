"""What the signals tests share: the shipped taxonomy as a fixture and the signal types of
one article (title, text, the source's jurisdiction), published on PUBLISHED."""

from __future__ import annotations

import pytest

from crawler.config import SignalConfig, load_signal_config
from pipelines.signals import detect
from tests.regen_signals import CONFIG

PUBLISHED = "2028-01-01"


@pytest.fixture(scope="module")
def config() -> SignalConfig:
    return load_signal_config(CONFIG / "signals.toml")


def types(config: SignalConfig, title: str, text: str, jurisdiction: str = "HK") -> list[str]:
    return detect(title, text, config, jurisdiction, PUBLISHED).signal_types
