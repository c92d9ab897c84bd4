"""The TOML loader every config file goes through, and the one error type.

Every error is a :class:`ConfigError` whose message is one line naming the file, the
entry, the key and the bad value, e.g.::

    config/sources.toml: source 'gov-uk': key 'kind': unknown value 'rss' (expected feed, html, sitemap)
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crawler.shared.urls import NotAWebUrl, web_url

PROJECT_ROOT = Path(__file__).resolve().parents[2]


DEFAULT_CONFIG_DIR = PROJECT_ROOT / "config"


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


JURISDICTION_CODE = re.compile(r"^([A-Z]{2}|EU)$")


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


def check_url(fields: Fields, key: str, url: str) -> None:
    try:
        web_url(url)
    except NotAWebUrl as exc:
        fields.fail(key, f"{exc}: {url!r}")


def check_regex(fields: Fields, key: str, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        fields.fail(key, f"invalid regular expression {pattern!r}: {exc}")


def check_schedule(fields: Fields, key: str, value: str) -> None:
    # An interval ("1h", the default) needs no APScheduler, whose import is ~60 ms of
    # every crawl's start (issue #14); crawler.shared.cadence accepts the same.
    from crawler.shared.dates import parse_duration

    interval = parse_duration(value)
    if interval is not None and interval.total_seconds() >= 1:
        return
    from crawler.shared.cadence import parse_schedule

    try:
        parse_schedule(value)
    except ValueError as exc:
        fields.fail(key, f"bad schedule {value!r}: {exc}")


def duration_field(f: Fields, key: str, default: float, minimum: float = 1.0) -> float:
    """A duration key written like a schedule interval: "90s", "15m", "12h", "1d"."""
    from crawler.shared.dates import DURATION_EXAMPLES, parse_duration

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


def number_field(f: Fields, key: str, default: Any = ..., minimum: float = 0.0) -> float:
    value = float(f.get(key, (int, float), default))
    if value < minimum:
        f.fail(key, f"must be at least {minimum:g}, got {value:g}")
    return value


def count_field(f: Fields, key: str, default: int, minimum: int = 1) -> int:
    value = f.get(key, int, default)
    if value < minimum:
        f.fail(key, f"must be at least {minimum}, got {value}")
    return int(value)


def slug_field(f: Fields, key: str = "id") -> str:
    value = f.get(key, str, required=True)
    if not SLUG.match(value):
        f.fail(key, f"not a lowercase slug: {value!r}")
    return value
