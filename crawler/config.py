"""The only reader of ``config/``: load TOML data, validate it, freeze it into dataclasses.

Every error is a :class:`ConfigError` whose message is one line naming the file, the
entry, the key and the bad value, e.g.::

    config/sources.toml: source 'gov-uk': key 'kind': unknown value 'rss' (expected feed, html, sitemap)
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.urls import NotAWebUrl, web_url

if TYPE_CHECKING:
    from crawler.bodies import BodyRules
    from crawler.offices import Office

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG_DIR = PROJECT_ROOT / "config"

SOURCE_KINDS = ("feed", "html", "sitemap")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_JURISDICTION = re.compile(r"^([A-Z]{2}|EU)$")


class ConfigError(Exception):
    """Invalid configuration; ``str(err)`` is a one-line message for the user."""

    def __init__(self, file: str | Path, message: str, entry: str = "", key: str = "") -> None:
        parts = [str(file)]
        if entry:
            parts.append(entry)
        if key:
            parts.append(f"key '{key}'")
        super().__init__(": ".join(parts + [message]))
        self.file = str(file)
        self.entry = entry
        self.key = key


def config_dir(explicit: str | Path | None = None) -> Path:
    """The config directory: ``explicit``, else ``$GOVWATCH_CONFIG``, else the project's."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("GOVWATCH_CONFIG")
    return Path(env) if env else DEFAULT_CONFIG_DIR


def crawl_config_dir(settings: Any) -> Path:
    """The config directory a crawl runs with: its GOVWATCH_CONFIG_DIR setting, else
    :func:`config_dir`. The one place Scrapy components resolve it."""
    return config_dir(settings.get("GOVWATCH_CONFIG_DIR") or None)


def load_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file; a missing file or a syntax error becomes a ConfigError."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise ConfigError(path, "file not found") from None
    except IsADirectoryError:
        raise ConfigError(path, "a directory, not a file") from None
    except OSError as exc:
        raise ConfigError(path, f"cannot read: {exc.strerror}") from None
    try:
        return tomllib.loads(decode_config_text(data))
    except UnicodeDecodeError as exc:
        raise ConfigError(path, _decoding_problem(data, exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(path, "invalid TOML: nested too deeply") from None


def decode_config_text(data: bytes) -> str:
    """Config files are UTF-8 (a leading UTF-8 byte-order mark is allowed)."""
    return data.decode("utf-8-sig")


def _decoding_problem(data: bytes, exc: UnicodeDecodeError) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16 text, not UTF-8: save the file as UTF-8"
    line = data.count(b"\n", 0, exc.start) + 1
    return (f"line {line}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); is it a binary file? Save it as UTF-8")


class Fields:
    """Typed access to one TOML table that reports errors with file, entry and key."""

    def __init__(self, file: Path, entry: str, table: Mapping[str, Any], allowed: set[str]):
        self.file, self.entry, self.table = file, entry, table
        unknown = sorted(set(table) - allowed)
        if unknown:
            self.fail(unknown[0], f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def fail(self, key: str, message: str) -> None:
        raise ConfigError(self.file, message, self.entry, key)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., *, required=False):
        if key not in self.table:
            if required or default is ...:
                self.fail(key, "missing")
            return default
        value = self.table[key]
        # bool is an int subclass: refuse True where a number is wanted.
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _as_tuple(kind)):
            self.fail(key, f"expected {_type_name(kind)}, got {value!r}")
        return value

    def str_list(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.get(key, (list, str), list(default))
        if isinstance(value, str):
            value = [value]
        if not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(key, f"expected a list of non-empty strings, got {value!r}")
        return tuple(v.strip() for v in value)


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", bool: "true or false", int: "an integer", float: "a number",
             list: "a list", dict: "a table"}
    return " or ".join(names.get(k, k.__name__) for k in _as_tuple(kind))


# --------------------------------------------------------------------------------------
# sources.toml
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    kind: str
    urls: tuple[str, ...]
    language: str
    jurisdiction: str = ""
    enabled: bool = True
    schedule: str = ""
    fetch_articles: bool = True
    follow: tuple[str, ...] = ()
    next: str = ""
    max_pages: int = 3
    max_articles: int = 100
    notes: str = ""
    # The frontier (issue #11): first retry of a failed article after ``retry_backoff``
    # seconds, doubling up to a day; given up after ``max_attempts``; entries whose listing
    # date is older than ``max_age`` seconds are not fetched (None: no limit).
    retry_backoff: float = 900.0
    max_attempts: int = 5
    max_age: float | None = None


@dataclass(frozen=True)
class SourcesConfig:
    path: Path
    sources: tuple[Source, ...]
    default_schedule: str

    def by_id(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        known = ", ".join(s.id for s in self.sources)
        raise ConfigError(self.path, f"unknown source id {source_id!r} (known: {known})")

    def enabled(self) -> tuple[Source, ...]:
        return tuple(s for s in self.sources if s.enabled)


_SOURCE_KEYS = {
    "id", "name", "kind", "url", "urls", "language", "jurisdiction", "enabled", "schedule",
    "fetch_articles", "follow", "next", "max_pages", "max_articles", "notes",
    "retry_backoff", "max_attempts", "max_age",
}
# max_age by kind: a feed or a listing page shows only its latest items, so whatever it
# lists is worth fetching; a sitemap may list years of history, and adding one must not
# start a months-long backfill.
DEFAULT_MAX_AGE = {"feed": None, "html": None, "sitemap": 30 * 86400.0}
RETRY_BACKOFF_MAX_S = 86400.0


def _check_url(fields: Fields, key: str, url: str) -> None:
    try:
        web_url(url)
    except NotAWebUrl as exc:
        fields.fail(key, f"{exc}: {url!r}")


def _check_regex(fields: Fields, key: str, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        fields.fail(key, f"invalid regular expression {pattern!r}: {exc}")


def _check_schedule(fields: Fields, key: str, value: str) -> None:
    # An interval ("1h", the default) needs no APScheduler, whose import is ~60 ms of
    # every crawl's start (issue #14); crawler.schedule.parse_schedule accepts the same.
    from crawler.dates import parse_duration

    interval = parse_duration(value)
    if interval is not None and interval.total_seconds() >= 1:
        return
    from crawler.schedule import parse_schedule

    try:
        parse_schedule(value)
    except ValueError as exc:
        fields.fail(key, f"bad schedule {value!r}: {exc}")


def parse_source(path: Path, index: int, table: Mapping[str, Any]) -> Source:
    label = f"source {table.get('id')!r}" if isinstance(table.get("id"), str) else f"source #{index + 1}"
    f = Fields(path, label, table, _SOURCE_KEYS)
    sid = f.get("id", str, required=True)
    if not _SLUG.match(sid):
        f.fail("id", f"not a lowercase slug: {sid!r}")
    kind = f.get("kind", str, required=True)
    if kind not in SOURCE_KINDS:
        f.fail("kind", f"unknown value {kind!r} (expected {', '.join(SOURCE_KINDS)})")
    if "url" in table and "urls" in table:
        f.fail("urls", "give either 'url' or 'urls', not both")
    if "url" in table:
        urls: tuple[str, ...] = (f.get("url", str),)
    elif "urls" in table:
        urls = f.str_list("urls")
    else:
        f.fail("url", "missing")
    if not urls:
        f.fail("urls", "empty list")
    for url in urls:
        _check_url(f, "url" if "url" in table else "urls", url)
    language = f.get("language", str, required=True)
    if not _LANG.match(language):
        f.fail("language", f"not a BCP 47 language tag: {language!r}")
    jurisdiction = f.get("jurisdiction", str, "")
    if jurisdiction and not _JURISDICTION.match(jurisdiction):
        f.fail("jurisdiction", f"not an ISO 3166 code or EU: {jurisdiction!r}")
    schedule = f.get("schedule", str, "")
    if schedule:
        _check_schedule(f, "schedule", schedule)
    follow = f.str_list("follow")
    for pattern in follow:
        _check_regex(f, "follow", pattern)
    next_pattern = f.get("next", str, "")
    if next_pattern:
        _check_regex(f, "next", next_pattern)
    if kind != "html" and (follow or next_pattern):
        f.fail("follow" if follow else "next", f"only for kind 'html', not {kind!r}")
    max_pages = f.get("max_pages", int, 3)
    max_articles = f.get("max_articles", int, 100)
    max_attempts = f.get("max_attempts", int, 5)
    for key, value in (("max_pages", max_pages), ("max_articles", max_articles),
                       ("max_attempts", max_attempts)):
        if value < 1:
            f.fail(key, f"must be at least 1, got {value}")
    retry_backoff = _duration(f, "retry_backoff", 900.0)
    if retry_backoff > RETRY_BACKOFF_MAX_S:
        f.fail("retry_backoff", f"must be at most 1d, got {f.table['retry_backoff']!r}")
    max_age: float | None = DEFAULT_MAX_AGE[kind]
    if f.table.get("max_age") == "none":
        max_age = None
    elif "max_age" in table:
        max_age = _duration(f, "max_age", 0.0)
    return Source(
        id=sid,
        name=f.get("name", str, sid),
        kind=kind,
        urls=urls,
        language=language,
        jurisdiction=jurisdiction,
        enabled=f.get("enabled", bool, True),
        schedule=schedule,
        fetch_articles=f.get("fetch_articles", bool, True),
        follow=follow,
        next=next_pattern,
        max_pages=max_pages,
        max_articles=max_articles,
        notes=f.get("notes", str, ""),
        retry_backoff=retry_backoff,
        max_attempts=max_attempts,
        max_age=max_age,
    )


def load_sources(path: str | Path) -> SourcesConfig:
    """Load and validate ``sources.toml``; raise ConfigError on the first problem."""
    path = Path(path)
    data = load_toml(path)
    top = Fields(path, "", data, {"source", "defaults"})
    defaults = Fields(path, "[defaults]", top.get("defaults", dict, {}), {"schedule"})
    default_schedule = defaults.get("schedule", str, "1h")
    _check_schedule(defaults, "schedule", default_schedule)
    tables = top.get("source", list, [])
    sources: list[Source] = []
    seen: set[str] = set()
    for index, table in enumerate(tables):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[source]] tables", f"source #{index + 1}")
        source = parse_source(path, index, table)
        if source.id in seen:
            raise ConfigError(path, f"duplicate id {source.id!r}", f"source {source.id!r}", "id")
        seen.add(source.id)
        sources.append(source)
    return SourcesConfig(path=path, sources=tuple(sources), default_schedule=default_schedule)


# --------------------------------------------------------------------------------------
# digest.toml (email delivery of the digest)
# --------------------------------------------------------------------------------------

SMTP_SECURITY = ("starttls", "ssl", "none")
SUBJECT_FIELDS = {"start": "2026-06-01", "end": "2026-06-02", "count": 3, "date": "2026-06-02"}
_EMAIL_KEYS = {"host", "port", "security", "user", "password_env", "from", "to", "subject",
               "timeout"}
_ADDRESS = re.compile(r"[^@\s<>]+@[^@\s<>]+")


@dataclass(frozen=True)
class EmailSettings:
    host: str
    port: int
    security: str
    user: str
    password_env: str
    sender: str
    to: tuple[str, ...]
    subject: str
    timeout: float

    def password(self) -> str:
        """The SMTP password from the environment variable named by ``password_env``."""
        return os.environ.get(self.password_env, "") if self.password_env else ""


def load_digest_config(path: str | Path) -> EmailSettings:
    """Load and validate the ``[email]`` table of ``digest.toml``."""
    path = Path(path)
    data = load_toml(path)
    top = Fields(path, "", data, {"email"})
    f = Fields(path, "[email]", top.get("email", dict, required=True), _EMAIL_KEYS)
    host = f.get("host", str, required=True).strip()
    if not host:
        f.fail("host", "empty")
    security = f.get("security", str, "starttls")
    if security not in SMTP_SECURITY:
        f.fail("security", f"unknown value {security!r} (expected {', '.join(SMTP_SECURITY)})")
    port = f.get("port", int, {"starttls": 587, "ssl": 465, "none": 25}[security])
    if not 0 < port < 65536:
        f.fail("port", f"not a TCP port: {port}")
    password_env = f.get("password_env", str, "")
    if password_env and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", password_env):
        f.fail("password_env", f"not an environment variable name: {password_env!r}")
    sender = f.get("from", str, required=True)
    to = f.str_list("to")
    if not to:
        f.fail("to", "no recipients")
    for key, addresses in (("from", (sender,)), ("to", to)):
        for address in addresses:
            if not _ADDRESS.search(address):
                f.fail(key, f"not an email address: {address!r}")
    subject = f.get("subject", str, "govwatch digest {date}: {count} stories")
    try:
        subject.format(**SUBJECT_FIELDS)
    except (KeyError, IndexError, ValueError) as exc:
        f.fail("subject", f"bad template {subject!r} (fields: {', '.join(SUBJECT_FIELDS)}): {exc}")
    timeout = f.get("timeout", (int, float), 30)
    if timeout <= 0:
        f.fail("timeout", f"must be positive, got {timeout}")
    return EmailSettings(host=host, port=port, security=security, user=f.get("user", str, ""),
                         password_env=password_env, sender=sender, to=to, subject=subject,
                         timeout=float(timeout))
# schedule.toml: the scheduler, the digest job and source-health thresholds
# --------------------------------------------------------------------------------------

HOUR = 3600.0


@dataclass(frozen=True)
class DigestJob:
    """The digest the scheduler runs: ``govwatch digest ARGS...`` on ``schedule``."""

    enabled: bool = False
    schedule: str = "0 7 * * *"
    args: tuple[str, ...] = ("--since", "last", "--email")
    timeout_s: float = 600.0


@dataclass(frozen=True)
class HealthSettings:
    """Thresholds of crawler.health; the shipped config/schedule.toml explains each."""

    unhealthy_after: int = 3
    backoff_after: int = 2
    backoff_factor: float = 2.0
    backoff_max_s: float = 12 * HOUR
    pause_after: int = 8
    silent_factor: float = 4.0
    silent_min_s: float = 72 * HOUR
    silent_min_articles: int = 5
    volume_days: int = 28
    volume_recent_days: int = 7
    volume_std_factor: float = 1.5
    volume_min_history_days: int = 14
    failing_articles: int = 5


@dataclass(frozen=True)
class ScheduleConfig:
    path: Path | None = None
    crawl_timeout_s: float = 900.0
    stop_timeout_s: float = 20.0
    max_parallel: int = 4
    digest: DigestJob = DigestJob()
    health: HealthSettings = HealthSettings()


def _duration(f: Fields, key: str, default: float, minimum: float = 1.0) -> float:
    """A duration key written like a schedule interval: "90s", "15m", "12h", "1d"."""
    from crawler.dates import DURATION_EXAMPLES, parse_duration

    value = f.get(key, str, "")
    if not value:
        return default
    interval = parse_duration(value)
    if interval is None:
        raise ConfigError(f.file, f"expected a duration such as {DURATION_EXAMPLES}, "
                          f"got {value!r}", f.entry, key)
    seconds = interval.total_seconds()
    if seconds < minimum:
        f.fail(key, f"must be at least {minimum:g}s, got {value!r}")
    return seconds



# --------------------------------------------------------------------------------------
# topics.toml and gazetteers
# --------------------------------------------------------------------------------------

TOPICS_FILE = "topics.toml"
GAZETTEER_DIR = "gazetteers"
AGENCY_KINDS = (
    "executive office", "government bureau", "government department", "legislature", "court",
    "regulator", "statutory body", "public company", "public research body",
)
LOCATION_KINDS = ("district", "venue", "zone", "city", "province")


@dataclass(frozen=True)
class Concept:
    """One concept of a topic (e.g. "ai"): a weighted list of terms, see topics.toml."""

    id: str
    weight: float
    required: bool
    terms: tuple[str, ...]
    min_hits: float = 1.0  # evidence needed (a title mention counts title_hits times)
    cap: float = 2.5  # the concept adds at most weight * cap to the score
    agencies: bool = False  # names from gazetteers/agencies.toml were added to terms
    # phrases that contain a term but are not evidence ("AI-related demand"): matched, ignored
    false_friends: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    concepts: tuple[Concept, ...]
    threshold: float
    title_hits: float = 2.0
    proximity_bonus: float = 2.0
    max_proximity_passages: int = 3
    together: tuple[str, ...] = ()
    passage_chars: int = 600
    lead_chars: int = 400
    description: str = ""


_TOPIC_KEYS = {
    "id", "name", "description", "threshold", "title_hits", "proximity_bonus",
    "max_proximity_passages", "together", "passage_chars", "lead_chars", "concept",
}
_CONCEPT_KEYS = {"id", "weight", "required", "min_hits", "cap", "agencies", "terms_en",
                 "terms_zh", "terms", "false_friends"}


def _number(f: Fields, key: str, default: Any = ..., minimum: float = 0.0) -> float:
    value = float(f.get(key, (int, float), default))
    if value < minimum:
        f.fail(key, f"must be at least {minimum:g}, got {value:g}")
    return value


def _count(f: Fields, key: str, default: int, minimum: int = 1) -> int:
    value = f.get(key, int, default)
    if value < minimum:
        f.fail(key, f"must be at least {minimum}, got {value}")
    return int(value)


def load_schedule_config(path: str | Path, *, missing_ok: bool = True) -> ScheduleConfig:
    """Load ``schedule.toml``; built-in defaults when it is missing and ``missing_ok``."""
    path = Path(path)
    if missing_ok and not path.exists():
        return ScheduleConfig()
    data = load_toml(path)
    top = Fields(path, "", data, {"scheduler", "digest", "health"})
    s = Fields(path, "[scheduler]", top.get("scheduler", dict, {}),
               {"crawl_timeout", "stop_timeout", "max_parallel"})
    d = Fields(path, "[digest]", top.get("digest", dict, {}),
               {"enabled", "schedule", "args", "timeout"})
    h = Fields(path, "[health]", top.get("health", dict, {}),
               {"unhealthy_after", "backoff_after", "backoff_factor", "backoff_max", "pause_after",
                "silent_factor", "silent_min", "silent_min_articles", "volume_days",
                "volume_recent_days", "volume_std_factor", "volume_min_history_days",
                "failing_articles"})
    dd, hd = DigestJob(), HealthSettings()
    digest_schedule = d.get("schedule", str, dd.schedule)
    _check_schedule(d, "schedule", digest_schedule)
    digest = DigestJob(
        enabled=d.get("enabled", bool, dd.enabled),
        schedule=digest_schedule,
        args=d.str_list("args", dd.args),
        timeout_s=_duration(d, "timeout", dd.timeout_s),
    )
    health = HealthSettings(
        unhealthy_after=_count(h, "unhealthy_after", hd.unhealthy_after),
        backoff_after=_count(h, "backoff_after", hd.backoff_after),
        backoff_factor=_number(h, "backoff_factor", hd.backoff_factor, 1.0),
        backoff_max_s=_duration(h, "backoff_max", hd.backoff_max_s),
        pause_after=_count(h, "pause_after", hd.pause_after),
        silent_factor=_number(h, "silent_factor", hd.silent_factor, 1.0),
        silent_min_s=_duration(h, "silent_min", hd.silent_min_s),
        silent_min_articles=_count(h, "silent_min_articles", hd.silent_min_articles, 2),
        volume_days=_count(h, "volume_days", hd.volume_days, 2),
        volume_recent_days=_count(h, "volume_recent_days", hd.volume_recent_days),
        volume_std_factor=_number(h, "volume_std_factor", hd.volume_std_factor, 0.0),
        volume_min_history_days=_count(h, "volume_min_history_days",
                                       hd.volume_min_history_days, 0),
        failing_articles=_count(h, "failing_articles", hd.failing_articles),
    )
    if health.volume_recent_days >= health.volume_days:
        h.fail("volume_recent_days", f"must be less than volume_days ({health.volume_days})")
    if health.pause_after < health.backoff_after:
        h.fail("pause_after", f"must be at least backoff_after ({health.backoff_after})")
    defaults = ScheduleConfig()
    return ScheduleConfig(
        path=path,
        crawl_timeout_s=_duration(s, "crawl_timeout", defaults.crawl_timeout_s),
        stop_timeout_s=_duration(s, "stop_timeout", defaults.stop_timeout_s),
        max_parallel=_count(s, "max_parallel", defaults.max_parallel),
        digest=digest,
        health=health,
    )


def _slug(f: Fields, key: str = "id") -> str:
    value = f.get(key, str, required=True)
    if not _SLUG.match(value):
        f.fail(key, f"not a lowercase slug: {value!r}")
    return value


def _parse_concept(path: Path, topic: str, index: int, table: Any) -> Concept:
    label = f"topic {topic!r} concept #{index + 1}"
    if not isinstance(table, dict):
        raise ConfigError(path, "expected a [[topic.concept]] table", label)
    if isinstance(table.get("id"), str):
        label = f"topic {topic!r} concept {table['id']!r}"
    f = Fields(path, label, table, _CONCEPT_KEYS)
    cid = _slug(f)
    terms = f.str_list("terms") + f.str_list("terms_en") + f.str_list("terms_zh")
    agencies = f.get("agencies", bool, False)
    if not terms and not agencies:
        f.fail("terms_en", "no terms (give terms_en and/or terms_zh)")
    false_friends = f.str_list("false_friends")
    return Concept(id=cid, weight=_number(f, "weight", 1.0), required=f.get("required", bool, True),
                   terms=tuple(dict.fromkeys(terms)), min_hits=_number(f, "min_hits", 1.0),
                   cap=_number(f, "cap", 2.5, minimum=1.0), agencies=agencies,
                   false_friends=false_friends)


def _parse_topic(path: Path, index: int, table: Any) -> Topic:
    if not isinstance(table, dict):
        raise ConfigError(path, "expected [[topic]] tables", f"topic #{index + 1}")
    label = f"topic {table.get('id')!r}" if isinstance(table.get("id"), str) else f"topic #{index + 1}"
    f = Fields(path, label, table, _TOPIC_KEYS)
    tid = _slug(f)
    concept_tables = f.get("concept", list, required=True)
    concepts = tuple(_parse_concept(path, tid, i, t) for i, t in enumerate(concept_tables))
    if not concepts:
        f.fail("concept", "a topic needs at least one [[topic.concept]]")
    ids = [c.id for c in concepts]
    for cid in ids:
        if ids.count(cid) > 1:
            raise ConfigError(path, f"duplicate concept id {cid!r}", label, "concept")
    together = f.str_list("together")
    for cid in together:
        if cid not in ids:
            f.fail("together", f"unknown concept {cid!r} (known: {', '.join(ids)})")
    return Topic(
        id=tid,
        name=f.get("name", str, tid),
        description=f.get("description", str, ""),
        concepts=concepts,
        threshold=_number(f, "threshold"),
        title_hits=_number(f, "title_hits", 2.0),
        proximity_bonus=_number(f, "proximity_bonus", 2.0),
        max_proximity_passages=int(_number(f, "max_proximity_passages", 3)),
        together=together,
        passage_chars=int(_number(f, "passage_chars", 600, minimum=50)),
        lead_chars=int(_number(f, "lead_chars", 400)),
    )


def load_topics(path: str | Path) -> dict[str, Topic]:
    """Load and validate ``topics.toml``: topic id → Topic, in file order."""
    path = Path(path)
    data = load_toml(path)
    top = Fields(path, "", data, {"topic"})
    topics: dict[str, Topic] = {}
    for index, table in enumerate(top.get("topic", list, required=True)):
        topic = _parse_topic(path, index, table)
        if topic.id in topics:
            raise ConfigError(path, f"duplicate id {topic.id!r}", f"topic {topic.id!r}", "id")
        topics[topic.id] = topic
    if not topics:
        raise ConfigError(path, "no [[topic]] defined")
    if any(c.agencies for t in topics.values() for c in t.concepts):
        from dataclasses import replace

        names = agency_terms(load_gazetteer(path.parent / GAZETTEER_DIR))
        topics = {tid: replace(t, concepts=tuple(
            replace(c, terms=tuple(dict.fromkeys((*c.terms, *names)))) if c.agencies else c
            for c in t.concepts)) for tid, t in topics.items()}
    return topics


def and_spellings(name: str) -> tuple[str, ...]:
    """An English name as written and with "and" / "&" swapped ("Housing & Development
    Board" is the Housing and Development Board)."""
    if " and " in name:
        return name, name.replace(" and ", " & ")
    if " & " in name:
        return name, name.replace(" & ", " and ")
    return (name,)


_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_PUBLIC_WORD = re.compile(r"\b(Ministry|Department|Bureau|Agency|Authority|Commission|Council|"
                          r"Parliament|Court|Administration|Office of)\b")


def agency_terms(gazetteer: Gazetteer) -> tuple[str, ...]:
    """Agency names usable as topic terms: plain (not marked ambiguous) for at least one
    agency, or a full name several agencies share; not all-lowercase ASCII (which the
    topic rule would match in any case); also with "&" for "and".
    Offices made of place + office (offices.toml) count by their administrative form
    (市数据局, 省科技厅), whatever the place; in English their "bureau", "department" or
    "commission" is a topic term already."""
    owners: dict[str, int] = {}
    plain: set[str] = set()  # not ambiguous for at least one agency
    abbreviations: set[str] = set()
    for agency in gazetteer.agencies:
        if agency.place:
            continue
        abbreviations.update(agency.abbreviations)
        for name in agency.names:
            owners[name] = owners.get(name, 0) + 1
            if name not in agency.ambiguous:
                plain.add(name)
    names: dict[str, None] = {}
    for name, count in owners.items():
        # ambiguous for every owner: still public when several public bodies share the
        # full name (教育部, "Ministry of Education": whichever ministry it is), or when it
        # reads as a public body whichever it is (a Chinese name: 衞生局, 統計處, 國會; an
        # English one with "Ministry", "Department" …); not an abbreviation (HA, DPO)
        if name in plain or (name not in abbreviations and (
                count > 1 or _HAS_CJK.search(name) or _PUBLIC_WORD.search(name))):
            names.update(dict.fromkeys(and_spellings(name)))
    offices = [suffix + name for office in gazetteer.offices for name in office.names_zh
               for suffix in ("省", "市", "自治区")]
    # A name only one agency has and marks ambiguous (DPO, HA) is not evidence.
    return (*(name for name in names if not (name.isascii() and name.islower())), *offices)


def load_topic(directory: str | Path, topic_id: str) -> Topic:
    """The topic ``topic_id`` from ``<directory>/topics.toml``; unknown ids are a ConfigError."""
    path = Path(directory) / TOPICS_FILE
    topics = load_topics(path)
    if topic_id not in topics:
        raise ConfigError(path, f"unknown topic {topic_id!r} (known: {', '.join(topics)})")
    return topics[topic_id]


# --------------------------------------------------------------------------------------
# signals.toml: signal types, money, dates and key-signal noise (pipelines/signals.py)
# --------------------------------------------------------------------------------------

SIGNALS_FILE = "signals.toml"
SIGNAL_SECTIONS = ("", "tenders")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class SignalType:
    """One kind of event (procurement, contract_award …) and its cue terms."""

    id: str
    label: str
    label_zh: str
    terms: tuple[str, ...]
    min_hits: float = 1.0
    false_friends: tuple[str, ...] = ()
    section: str = ""  # "tenders": the digest's first section
    weak_terms: tuple[str, ...] = ()  # count weak_weight each (generic words)
    description: str = ""
    yields: bool = False  # its weak terms say nothing just before another type's term
    hedged: bool = True  # a hedged sentence ([context] hedges) counts hedge_weight
    money: bool = False  # a weak term just before an amount counts weak_with_amount


@dataclass(frozen=True)
class AmountRules:
    """How money is read: the ceiling and the currency of a bare $, ¥ or 元 by jurisdiction."""

    max_value: float = 1e13
    default_dollar: str = "USD"
    default_yuan: str = "CNY"
    default_yen: str = "JPY"
    dollar: tuple[tuple[str, str], ...] = ()
    yuan: tuple[tuple[str, str], ...] = ()
    yen: tuple[tuple[str, str], ...] = ()

    def currency(self, kind: str, jurisdiction: str) -> str:
        table = {"dollar": self.dollar, "yuan": self.yuan, "yen": self.yen}[kind]
        default = {"dollar": self.default_dollar, "yuan": self.default_yuan,
                   "yen": self.default_yen}[kind]
        return dict(table).get(jurisdiction.upper(), default) if jurisdiction else default


@dataclass(frozen=True)
class SignalConfig:
    path: Path
    types: tuple[SignalType, ...]
    amounts: AmountRules
    deadline_cues: tuple[str, ...]
    start_cues: tuple[str, ...]
    weak_cues: tuple[str, ...] = ()
    noise_strip: tuple[str, ...] = ()
    noise_drop: tuple[str, ...] = ()
    title_hits: float = 2.0
    lead_hits: float = 1.0
    lead_sentences: int = 0
    weak_weight: float = 0.5
    evidence_sentences: int = 2
    hedges: tuple[str, ...] = ()
    hedge_weight: float = 1.0
    weak_with_amount: float = 0.5
    weak_with_date: float = 0.5

    def type(self, type_id: str) -> SignalType | None:
        return next((t for t in self.types if t.id == type_id), None)


def _regexes(f: Fields, key: str) -> tuple[str, ...]:
    patterns = f.str_list(key)
    for pattern in patterns:
        _check_regex(f, key, pattern)
    return patterns


def _currency_table(f: Fields, key: str) -> tuple[tuple[str, str], ...]:
    table = f.get(key, dict, {})
    out = []
    for code, currency in table.items():
        if not _JURISDICTION.match(code):
            f.fail(f"{key}.{code}", "not a jurisdiction code (HK, CN, SG … or EU)")
        if not isinstance(currency, str) or not _CURRENCY.match(currency):
            f.fail(f"{key}.{code}", f"expected an ISO 4217 code such as HKD, got {currency!r}")
        out.append((code, currency))
    return tuple(out)


def _parse_signal_type(path: Path, index: int, table: Any) -> SignalType:
    if not isinstance(table, dict):
        raise ConfigError(path, "expected [[type]] tables", f"type #{index + 1}")
    label = f"type {table.get('id')!r}" if isinstance(table.get("id"), str) else f"type #{index + 1}"
    f = Fields(path, label, table, {"id", "label", "label_zh", "section", "description",
                                    "min_hits", "terms_en", "terms_zh", "weak_en", "weak_zh",
                                    "false_friends", "yields", "hedged", "money"})
    tid = f.get("id", str, required=True)
    if not re.match(r"^[a-z][a-z0-9_]*$", tid):
        f.fail("id", f"not a lowercase identifier (letters, digits, _): {tid!r}")
    terms = f.str_list("terms_en") + f.str_list("terms_zh")
    if not terms:
        f.fail("terms_en", "no terms (give terms_en and/or terms_zh)")
    weak = f.str_list("weak_en") + f.str_list("weak_zh")
    for term in weak:
        if term in terms:
            f.fail("weak_en" if term.isascii() else "weak_zh",
                   f"{term!r} is also in terms_en/terms_zh")
    section = f.get("section", str, "")
    if section not in SIGNAL_SECTIONS:
        f.fail("section", f"unknown value {section!r} (expected \"tenders\" or none)")
    return SignalType(id=tid, label=f.get("label", str, tid), label_zh=f.get("label_zh", str, ""),
                      terms=tuple(dict.fromkeys(terms)), min_hits=_number(f, "min_hits", 1.0, 0.5),
                      false_friends=f.str_list("false_friends"), section=section,
                      description=f.get("description", str, ""),
                      weak_terms=tuple(dict.fromkeys(weak)),
                      yields=f.get("yields", bool, False), hedged=f.get("hedged", bool, True),
                      money=f.get("money", bool, False))


def signal_config_path(directory: str | Path) -> Path:
    """``directory``/signals.toml, else the shipped one (a config folder made before
    signals.toml existed keeps working with the default taxonomy)."""
    path = Path(directory) / SIGNALS_FILE
    return path if path.exists() else DEFAULT_CONFIG_DIR / SIGNALS_FILE


def load_signal_config(path: str | Path) -> SignalConfig:
    """Load and validate ``signals.toml`` (see its comments for every key)."""
    path = Path(path)
    data = load_toml(path)
    top = Fields(path, "", data, {"type", "amounts", "dates", "noise", "title_hits",
                                  "lead_hits", "lead_sentences", "weak_weight",
                                  "evidence_sentences", "context"})
    types: list[SignalType] = []
    for index, table in enumerate(top.get("type", list, required=True)):
        entry = _parse_signal_type(path, index, table)
        if any(t.id == entry.id for t in types):
            raise ConfigError(path, f"duplicate id {entry.id!r}", f"type {entry.id!r}", "id")
        types.append(entry)
    if not types:
        raise ConfigError(path, "no [[type]] defined")
    a = Fields(path, "[amounts]", top.get("amounts", dict, {}),
               {"max_value", "default_dollar", "default_yuan", "default_yen", "dollar", "yuan",
                "yen"})
    defaults = AmountRules()
    currencies = {}
    for key in ("default_dollar", "default_yuan", "default_yen"):
        currencies[key] = a.get(key, str, getattr(defaults, key))
        if not _CURRENCY.match(currencies[key]):
            a.fail(key, f"expected an ISO 4217 code such as USD, got {currencies[key]!r}")
    amounts = AmountRules(max_value=_number(a, "max_value", defaults.max_value, 1.0),
                          dollar=_currency_table(a, "dollar"), yuan=_currency_table(a, "yuan"),
                          yen=_currency_table(a, "yen"), **currencies)
    d = Fields(path, "[dates]", top.get("dates", dict, {}),
               {"deadline_en", "deadline_zh", "start_en", "start_zh", "weak"})
    n = Fields(path, "[noise]", top.get("noise", dict, {}), {"strip", "drop"})
    c = Fields(path, "[context]", top.get("context", dict, {}),
               {"hedges_en", "hedges_zh", "hedge_weight", "weak_with_amount",
                "weak_with_date"})
    weak_weight = _number(top, "weak_weight", 0.5)
    return SignalConfig(
        path=path, types=tuple(types), amounts=amounts,
        deadline_cues=d.str_list("deadline_en") + d.str_list("deadline_zh"),
        start_cues=d.str_list("start_en") + d.str_list("start_zh"),
        weak_cues=d.str_list("weak"),
        noise_strip=_regexes(n, "strip"), noise_drop=_regexes(n, "drop"),
        title_hits=_number(top, "title_hits", 2.0),
        lead_hits=_number(top, "lead_hits", 1.0),
        lead_sentences=_count(top, "lead_sentences", 0, 0),
        weak_weight=weak_weight,
        evidence_sentences=_count(top, "evidence_sentences", 2),
        hedges=c.str_list("hedges_en") + c.str_list("hedges_zh"),
        hedge_weight=_number(c, "hedge_weight", 1.0),
        weak_with_amount=_number(c, "weak_with_amount", weak_weight),
        weak_with_date=_number(c, "weak_with_date", weak_weight),
    )


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    names_zh: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    source: str = ""
    false_friends: tuple[str, ...] = ()  # phrases containing a name that mean something else
    display: str = ""  # the name readers see (digest headings); defaults to ``name``

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.names_zh)))

    @property
    def label(self) -> str:
        return self.display or self.name


@dataclass(frozen=True)
class Agency:
    """A public body; also the shape of vendors and locations (see their TOML files)."""

    id: str
    name: str
    jurisdiction: str = ""
    kind: str = ""
    names_zh_hant: tuple[str, ...] = ()
    names_zh_hans: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    source: str = ""
    false_friends: tuple[str, ...] = ()  # phrases containing a name that mean something else
    place: str = ""  # location id of an office composed by offices.toml (crawler/offices.py)
    titles: tuple[str, ...] = ()  # office-holders' titles (titles.toml, crawler/bodies.py)
    ambiguous_titles: tuple[str, ...] = ()  # titles that count only with context

    @property
    def listed(self) -> bool:
        """False for an office composed from a place and an office kind (offices.toml):
        no list names that body, the place and the office template make it."""
        return not self.place

    @property
    def names(self) -> tuple[str, ...]:
        """Every name that identifies the entry (official name first)."""
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.names_zh_hant,
                                    *self.names_zh_hans, *self.abbreviations)))


@dataclass(frozen=True)
class Vendor(Agency):
    country: str = ""
    agency: str = ""  # id in agencies.toml when the vendor is also a public body


@dataclass(frozen=True)
class Location(Agency):
    pass


@dataclass(frozen=True)
class Gazetteer:
    directory: Path
    jurisdictions: tuple[Jurisdiction, ...]
    agencies: tuple[Agency, ...]
    vendors: tuple[Vendor, ...]
    locations: tuple[Location, ...]
    offices: tuple[Office, ...] = ()  # offices.toml: local offices made of place + office
    bodies: BodyRules | None = None  # bodies.toml: patterns for bodies no list names

    def agency(self, agency_id: str) -> Agency | None:
        return next((a for a in self.agencies if a.id == agency_id), None)


_ENTRY_KEYS = {"id", "name", "names_zh_hant", "names_zh_hans", "abbreviations", "aliases",
               "ambiguous", "false_friends", "jurisdiction", "kind", "source"}


def _sources_table(path: Path, data: Mapping[str, Any]) -> dict[str, str]:
    table = data.get("sources", {})
    if not isinstance(table, dict):
        raise ConfigError(path, "expected a [sources] table", "", "sources")
    for key, value in table.items():
        if not isinstance(value, str):
            raise ConfigError(path, f"expected a string, got {type(value).__name__} (is a list "
                              "of entries placed after [sources]? TOML puts it inside)",
                              "[sources]", key)
    return dict(table)


def _check_ambiguous(f: Fields, names: tuple[str, ...], ambiguous: tuple[str, ...]) -> None:
    for name in ambiguous:
        if name not in names:
            f.fail("ambiguous", f"{name!r} is not one of this entry's names")


def _check_false_friends(f: Fields, names: tuple[str, ...], phrases: tuple[str, ...]) -> None:
    """A false friend ("廣東話" for 廣東, "US$" for US) must contain one of the entry's
    names as written; otherwise it could never hide a mention and is a typo."""
    for phrase in phrases:
        if not any(name in phrase and name != phrase for name in names):
            f.fail("false_friends", f"{phrase!r} does not contain one of this entry's names")


def _parse_entry(path: Path, what: str, index: int, table: Any, defaults: Mapping[str, Any],
                 sources: Mapping[str, str], codes: set[str], extra: frozenset[str] = frozenset()
                 ) -> tuple[Fields, dict[str, Any]]:
    if not isinstance(table, dict):
        raise ConfigError(path, f"expected a table for each {what}", f"{what} #{index + 1}")
    label = f"{what} {table['id']!r}" if isinstance(table.get("id"), str) else f"{what} #{index + 1}"
    f = Fields(path, label, {**defaults, **table}, _ENTRY_KEYS | set(extra))
    values: dict[str, Any] = {"id": _slug(f), "name": f.get("name", str, required=True).strip()}
    for key in ("names_zh_hant", "names_zh_hans", "abbreviations", "aliases", "ambiguous",
                "false_friends"):
        values[key] = f.str_list(key)
    jurisdiction = f.get("jurisdiction", str, "")
    if jurisdiction and jurisdiction not in codes:
        f.fail("jurisdiction", f"unknown code {jurisdiction!r} (not in jurisdictions.toml)")
    values["jurisdiction"] = jurisdiction
    source = f.get("source", str, required=True)
    if source not in sources:
        f.fail("source", f"unknown source {source!r} (define it under [sources])")
    values["source"] = source
    values["kind"] = f.get("kind", str, "")
    names = Agency(**values).names
    _check_ambiguous(f, names, values["ambiguous"])
    _check_false_friends(f, names, values["false_friends"])
    return f, values


def _entries(path: Path, data: Mapping[str, Any], key: str) -> list[tuple[int, Any, dict[str, Any]]]:
    """Entries of ``key`` at top level and inside [[group]]s (with the group's defaults)."""
    out: list[tuple[int, Any, dict[str, Any]]] = []
    top = data.get(key, [])
    if not isinstance(top, list):
        raise ConfigError(path, f"expected a list of {key} tables", "", key)
    out.extend((i, t, {}) for i, t in enumerate(top))
    groups = data.get("group", [])
    if not isinstance(groups, list):
        raise ConfigError(path, "expected [[group]] tables", "", "group")
    for g_index, group in enumerate(groups):
        if not isinstance(group, dict):
            raise ConfigError(path, "expected a table", f"group #{g_index + 1}")
        g = Fields(path, f"group #{g_index + 1}", group, {"jurisdiction", "kind", "source", key})
        defaults = {k: group[k] for k in ("jurisdiction", "kind", "source") if k in group}
        entries = g.get(key, list, required=True)
        out.extend((len(out), t, defaults) for t in entries)
    return out


def gazetteer_files(directory: Path, stem: str) -> list[Path]:
    """The files of one gazetteer list: ``<stem>.toml`` and then ``<stem>/*.toml`` in name
    order (e.g. agencies/cn.toml, agencies/us.toml), so each region can keep its own file.
    At least one must exist."""
    files = [directory / f"{stem}.toml"] if (directory / f"{stem}.toml").is_file() else []
    folder = directory / stem
    if folder.is_dir():
        files.extend(sorted(p for p in folder.glob("*.toml") if p.is_file()))
    if not files:
        raise ConfigError(directory / f"{stem}.toml",
                          f"file not found (nor any {stem}/*.toml beside it)")
    return files


def _load_entries(directory: Path, stem: str, key: str, codes: set[str],
                  extra: frozenset[str] = frozenset()) -> list[tuple[Fields, dict[str, Any]]]:
    """Every entry of ``key`` across the gazetteer's files; ids are unique across them."""
    parsed = []
    seen: dict[str, Path] = {}
    for path in gazetteer_files(directory, stem):
        data = load_toml(path)
        Fields(path, "", data, {"sources", "group", key})
        sources = _sources_table(path, data)
        for index, table, defaults in _entries(path, data, key):
            f, values = _parse_entry(path, key, index, table, defaults, sources, codes, extra)
            if values["id"] in seen:
                where = "" if seen[values["id"]] == path else f" (also in {seen[values['id']]})"
                f.fail("id", f"duplicate id {values['id']!r}{where}")
            seen[values["id"]] = path
            parsed.append((f, values))
    return parsed


def _load_jurisdictions(path: Path) -> tuple[Jurisdiction, ...]:
    data = load_toml(path)
    Fields(path, "", data, {"sources", "jurisdiction"})
    sources = _sources_table(path, data)
    out: list[Jurisdiction] = []
    for index, table in enumerate(Fields(path, "", data, {"sources", "jurisdiction"})
                                  .get("jurisdiction", list, required=True)):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[jurisdiction]] tables", f"jurisdiction #{index + 1}")
        label = (f"jurisdiction {table['code']!r}" if isinstance(table.get("code"), str)
                 else f"jurisdiction #{index + 1}")
        f = Fields(path, label, table, {"code", "name", "names_zh", "aliases", "ambiguous",
                                        "false_friends", "source", "display"})
        code = f.get("code", str, required=True)
        if not _JURISDICTION.match(code):
            f.fail("code", f"not an ISO 3166 code or EU: {code!r}")
        if any(j.code == code for j in out):
            f.fail("code", f"duplicate code {code!r}")
        source = f.get("source", str, required=True)
        if source not in sources:
            f.fail("source", f"unknown source {source!r} (define it under [sources])")
        j = Jurisdiction(code=code, name=f.get("name", str, required=True),
                         names_zh=f.str_list("names_zh"), aliases=f.str_list("aliases"),
                         ambiguous=f.str_list("ambiguous"), source=source,
                         false_friends=f.str_list("false_friends"),
                         display=f.get("display", str, ""))
        _check_ambiguous(f, j.names, j.ambiguous)
        _check_false_friends(f, j.names, j.false_friends)
        out.append(j)
    return tuple(out)


def jurisdiction_labels(directory: str | Path) -> dict[str, str]:
    """Code -> the name readers see ("CN" -> "Mainland China"), from jurisdictions.toml in
    the gazetteer ``directory``; a bad file is a ConfigError."""
    return {j.code: j.label for j in _load_jurisdictions(Path(directory) / "jurisdictions.toml")}


def load_gazetteer(directory: str | Path) -> Gazetteer:
    """Load ``jurisdictions``, ``agencies``, ``vendors`` and ``locations`` .toml from
    ``directory`` (normally ``config/gazetteers``); agencies, vendors and locations may also
    be split into ``agencies/*.toml`` etc. Raise ConfigError on the first problem."""
    directory = Path(directory)
    jurisdictions = _load_jurisdictions(directory / "jurisdictions.toml")
    codes = {j.code for j in jurisdictions}
    agencies: list[Agency] = []
    for f, values in _load_entries(directory, "agencies", "agency", codes):
        if values["kind"] not in AGENCY_KINDS:
            f.fail("kind", f"unknown value {values['kind']!r} (expected {', '.join(AGENCY_KINDS)})")
        if not values["jurisdiction"]:
            f.fail("jurisdiction", "missing")
        agencies.append(Agency(**values))
    agency_ids = {a.id for a in agencies}
    vendors: list[Vendor] = []
    for f, values in _load_entries(directory, "vendors", "vendor", codes,
                                   frozenset({"country", "agency"})):
        country = f.get("country", str, "")
        if country and country not in codes and not _JURISDICTION.match(country):
            f.fail("country", f"not an ISO 3166 code: {country!r}")
        agency = f.get("agency", str, "")
        if agency and agency not in agency_ids:
            f.fail("agency", f"unknown agency id {agency!r} (not in agencies.toml)")
        if agency:  # a public body that supplies solutions: it shares the agency's names
            body = next(a for a in agencies if a.id == agency)
            for key in ("names_zh_hant", "names_zh_hans", "abbreviations", "aliases", "ambiguous"):
                values[key] = tuple(dict.fromkeys((*values[key], *getattr(body, key))))
            if body.name != values["name"]:
                values["aliases"] = tuple(dict.fromkeys((*values["aliases"], body.name)))
        vendors.append(Vendor(**values, country=country, agency=agency))
    locations: list[Location] = []
    for f, values in _load_entries(directory, "locations", "location", codes):
        if values["kind"] not in LOCATION_KINDS:
            f.fail("kind", f"unknown value {values['kind']!r} (expected {', '.join(LOCATION_KINDS)})")
        locations.append(Location(**values))
    from dataclasses import replace

    from crawler.bodies import load_body_rules, load_titles
    from crawler.offices import compose, load_offices  # they build on this module's types

    offices = load_offices(directory, codes, AGENCY_KINDS, locations)
    agencies.extend(compose(offices, locations, agencies))
    titles = load_titles(directory, (a.id for a in agencies))
    agencies = [replace(a, titles=titles[a.id].names, ambiguous_titles=titles[a.id].ambiguous)
                if a.id in titles else a for a in agencies]
    return Gazetteer(directory=directory, jurisdictions=jurisdictions, agencies=tuple(agencies),
                     offices=offices, bodies=load_body_rules(directory, codes),
                     vendors=tuple(vendors), locations=tuple(locations))


# --------------------------------------------------------------------------------------
# dedup.toml
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairKey:
    """A publisher's shared identifier of the language versions of one item (dedup.toml
    [[pair_key]]): ``pattern`` matches an article URL and its ``key`` group is the id."""

    id: str
    pattern: str
    sources: tuple[str, ...] = ()  # only these source ids; empty: any source


# The kinds of cross-language evidence (pipelines/crosslang.py), each weighted in dedup.toml.
EVIDENCE_KINDS = ("pair", "agency", "vendor", "location", "person", "number", "percentage",
                  "date", "jurisdiction")


@dataclass(frozen=True)
class CrossLanguageRules:
    """When an article in one language is the same story as one in another (issue #17)."""

    enabled: bool = True
    window_hours: float = 72.0
    max_candidates: int = 20
    threshold: float = 3.0
    max_per_kind: int = 3
    weights: tuple[tuple[str, float], ...] = (
        ("pair", 10.0), ("agency", 1.0), ("vendor", 1.0), ("location", 0.5), ("person", 1.5),
        ("number", 1.5), ("percentage", 1.5), ("date", 1.0), ("jurisdiction", 0.25))
    time_weight: float = 1.0  # full weight at the same minute, nothing at window_hours
    unmatched_numbers: float = 0.0  # subtracted when both state numbers and share none

    def weight(self, kind: str) -> float:
        return dict(self.weights).get(kind, 0.0)


@dataclass(frozen=True)
class DedupRules:
    """Titles that say nothing about the story, and the title-merge window (dedup.toml)."""

    generic_exact: tuple[str, ...] = ()
    generic_prefixes: tuple[str, ...] = ()
    max_generic_words: int = 1
    max_generic_cjk_chars: int = 2
    common_title_after: int = 3
    title_window_days: int = 7
    cross_language: CrossLanguageRules = CrossLanguageRules()
    pair_keys: tuple[PairKey, ...] = ()


def _cross_language(path: Path, table: Mapping[str, Any]) -> CrossLanguageRules:
    f = Fields(path, "[cross_language]", table,
               {"enabled", "window_hours", "max_candidates", "threshold", "max_per_kind",
                "weights", "time_weight", "unmatched_numbers"})
    default = CrossLanguageRules()
    w = Fields(path, "[cross_language.weights]", f.get("weights", dict, {}), set(EVIDENCE_KINDS))
    weights = []
    for kind, value in default.weights:
        number = w.get(kind, (int, float), value)
        if number < 0:
            w.fail(kind, f"expected a non-negative number, got {number!r}")
        weights.append((kind, float(number)))
    numbers: dict[str, float] = {}
    for key, value, minimum in (("window_hours", default.window_hours, 0.0),
                                ("threshold", default.threshold, 0.0),
                                ("time_weight", default.time_weight, 0.0),
                                ("unmatched_numbers", default.unmatched_numbers, 0.0)):
        number = f.get(key, (int, float), value)
        if number < minimum:
            f.fail(key, f"expected a number >= {minimum}, got {number!r}")
        numbers[key] = float(number)
    counts: dict[str, int] = {}
    for key, value in (("max_candidates", default.max_candidates),
                       ("max_per_kind", default.max_per_kind)):
        count = f.get(key, int, value)
        if count < 1:
            f.fail(key, f"must be at least 1, got {count}")
        counts[key] = count
    return CrossLanguageRules(
        enabled=f.get("enabled", bool, True), weights=tuple(weights),
        max_candidates=counts["max_candidates"], max_per_kind=counts["max_per_kind"],
        window_hours=numbers["window_hours"], threshold=numbers["threshold"],
        time_weight=numbers["time_weight"], unmatched_numbers=numbers["unmatched_numbers"])


def _pair_keys(path: Path, tables: Any) -> tuple[PairKey, ...]:
    if not isinstance(tables, list):
        raise ConfigError(path, "expected [[pair_key]] tables", "", "pair_key")
    out: list[PairKey] = []
    for index, table in enumerate(tables):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected a table", f"pair_key #{index + 1}")
        label = (f"pair_key {table['id']!r}" if isinstance(table.get("id"), str)
                 else f"pair_key #{index + 1}")
        f = Fields(path, label, table, {"id", "url", "sources"})
        key_id = _slug(f)
        pattern = f.get("url", str, required=True)
        _check_regex(f, "url", pattern)
        if "key" not in re.compile(pattern).groupindex:
            f.fail("url", f"the pattern needs a (?P<key>...) group: {pattern!r}")
        if any(p.id == key_id for p in out):
            f.fail("id", f"duplicate id {key_id!r}")
        out.append(PairKey(id=key_id, pattern=pattern, sources=f.str_list("sources")))
    return tuple(out)


def load_dedup_rules(path: str | Path) -> DedupRules:
    """Load ``dedup.toml``; a bad one is a ConfigError. A config directory without one
    uses the project's own (config/dedup.toml), else the built-in defaults."""
    path = Path(path)
    if not path.exists():
        path = DEFAULT_CONFIG_DIR / "dedup.toml"
        if not path.exists():
            return DedupRules()
    data = load_toml(path)
    top = Fields(path, "", data, {"generic_titles", "title_merge", "cross_language", "pair_key"})
    titles = Fields(path, "[generic_titles]", top.get("generic_titles", dict, {}),
                    {"exact", "prefixes", "max_words", "max_cjk_chars", "common_after"})
    merge = Fields(path, "[title_merge]", top.get("title_merge", dict, {}), {"window_days"})
    numbers = {}
    for fields, key, default in ((titles, "max_words", 1), (titles, "max_cjk_chars", 2),
                                 (titles, "common_after", 3), (merge, "window_days", 7)):
        value = fields.get(key, int, default)
        if value < 0:
            fields.fail(key, f"expected a non-negative integer, got {value!r}")
        numbers[key] = value
    return DedupRules(
        generic_exact=titles.str_list("exact"),
        generic_prefixes=titles.str_list("prefixes"),
        max_generic_words=numbers["max_words"],
        max_generic_cjk_chars=numbers["max_cjk_chars"],
        common_title_after=numbers["common_after"],
        title_window_days=numbers["window_days"],
        cross_language=_cross_language(path, top.get("cross_language", dict, {})),
        pair_keys=_pair_keys(path, top.get("pair_key", list, [])),
    )


# --------------------------------------------------------------------------------------
# gazetteers/people.toml
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A named person whose English and Chinese names are both known (people.toml)."""

    id: str
    name: str
    names_zh: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.names_zh)))


def load_people(directory: str | Path) -> tuple[Person, ...]:
    """``people.toml`` in the gazetteer ``directory``; none when the file is absent (a
    person is evidence only when both names are known, so an empty list is valid)."""
    path = Path(directory) / "people.toml"
    if not path.exists():
        return ()
    data = load_toml(path)
    top = Fields(path, "", data, {"sources", "person"})
    sources = _sources_table(path, data)
    out: list[Person] = []
    for index, table in enumerate(top.get("person", list, [])):
        if not isinstance(table, dict):
            raise ConfigError(path, "expected [[person]] tables", f"person #{index + 1}")
        label = (f"person {table['id']!r}" if isinstance(table.get("id"), str)
                 else f"person #{index + 1}")
        f = Fields(path, label, table, {"id", "name", "names_zh", "aliases", "source"})
        person_id = _slug(f)
        source = f.get("source", str, required=True)
        if source not in sources:
            f.fail("source", f"unknown source {source!r} (define it under [sources])")
        names_zh = f.str_list("names_zh")
        if not names_zh:
            f.fail("names_zh", "missing: a person is cross-language evidence only with both names")
        if any(p.id == person_id for p in out):
            f.fail("id", f"duplicate id {person_id!r}")
        out.append(Person(id=person_id, name=f.get("name", str, required=True).strip(),
                          names_zh=names_zh, aliases=f.str_list("aliases")))
    return tuple(out)
