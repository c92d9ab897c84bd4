"""The only reader of ``config/``: load TOML data, validate it, freeze it into dataclasses.

One module per file family, all through :mod:`crawler.config.loader` (the TOML loader and
:class:`ConfigError`, whose message is one line naming the file, entry, key and bad value):

- :mod:`~crawler.config.sources` — sources.toml
- :mod:`~crawler.config.topics` — topics.toml
- :mod:`~crawler.config.signals` — signals.toml
- :mod:`~crawler.config.entries`, :mod:`~crawler.config.gazetteer`,
  :mod:`~crawler.config.offices`, :mod:`~crawler.config.bodies` — gazetteers/
- :mod:`~crawler.config.dedup` — dedup.toml
- :mod:`~crawler.config.digest`, :mod:`~crawler.config.schedule` — digest.toml, schedule.toml

The names below are the package's public interface; import them from ``crawler.config``.
"""

from crawler.config.dedup import CrossLanguageRules, DedupRules, PairKey, load_dedup_rules
from crawler.config.digest import EmailSettings, load_digest_config
from crawler.config.entries import (
    GAZETTEER_DIR,
    Agency,
    Gazetteer,
    Jurisdiction,
    Location,
    Person,
    Vendor,
)
from crawler.config.gazetteer import jurisdiction_labels, load_gazetteer, load_people
from crawler.config.loader import DEFAULT_CONFIG_DIR, ConfigError, config_dir, crawl_config_dir
from crawler.config.schedule import HealthSettings, ScheduleConfig, load_schedule_config
from crawler.config.signals import (
    SIGNALS_FILE,
    AmountRules,
    SignalConfig,
    SignalType,
    load_signal_config,
    signal_config_path,
)
from crawler.config.sources import (
    RETRY_BACKOFF_MAX_S,
    Source,
    SourcesConfig,
    load_sources,
    parse_source,
)
from crawler.config.topics import (
    Concept,
    Topic,
    agency_terms,
    and_spellings,
    load_topic,
    load_topics,
)

__all__ = [
    "DEFAULT_CONFIG_DIR", "GAZETTEER_DIR", "RETRY_BACKOFF_MAX_S", "SIGNALS_FILE",
    "Agency", "AmountRules", "Concept", "ConfigError", "CrossLanguageRules", "DedupRules",
    "EmailSettings", "Gazetteer", "HealthSettings", "Jurisdiction", "Location", "PairKey",
    "Person", "ScheduleConfig", "SignalConfig", "SignalType", "Source", "SourcesConfig",
    "Topic", "Vendor", "agency_terms", "and_spellings", "config_dir", "crawl_config_dir",
    "jurisdiction_labels", "load_dedup_rules", "load_digest_config", "load_gazetteer",
    "load_people", "load_schedule_config", "load_signal_config", "load_sources",
    "load_topic", "load_topics", "parse_source", "signal_config_path",
]
