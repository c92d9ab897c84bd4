"""A disk cache for the compiled matchers (issue #14): built once, reused by every crawl.

Compiling the topic and gazetteer matchers (trie regexes over thousands of names, each
Chinese name converted to its other scripts with OpenCC) takes about 1.5 s of CPU; a
crawl started by cron every few minutes, and each of its extraction workers, would pay it
again. :func:`load_or_build` keeps the built object in a pickle in the user's cache folder
instead, under a key that covers everything the object is made from: the content of every
file in the config folder (and the signals.toml used, when it comes from elsewhere), the
source of govwatch's code, and the Python and OpenCC versions. Any change gives a new key,
so a stale cache is never read; old entries are removed when a new one is written.

Where: ``$GOVWATCH_CACHE_DIR`` (or the ``GOVWATCH_CACHE_DIR`` setting; ``off`` turns the
cache off), else ``$XDG_CACHE_HOME/govwatch``, else ``~/.cache/govwatch``. Never inside the
config folder, which holds data only: a cache folder there is refused (nothing is
written). A file that does not read back whole (truncated, corrupt, another format) is
rebuilt, not trusted: each file carries a SHA-256 of its payload, checked before the
payload is unpickled. Failing to write the cache (read-only home, full disk) only costs
the time it would have saved. Regular expressions are stored with their compiled code
(crawler.shared.patterns), so reading the cache back compiles none of them again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from crawler import __version__
from crawler.shared import patterns

logger = logging.getLogger(__name__)

T = TypeVar("T")
MAGIC = b"govwatch-matchcache-1\n"
_CODE_ROOTS = ("crawler", "pipelines")  # packages whose source is part of every key
_OFF = ("off", "none", "0", "false", "no")


def cache_dir(setting: str | os.PathLike[str] | None = None) -> Path | None:
    """The cache folder: ``setting``, else $GOVWATCH_CACHE_DIR, else $XDG_CACHE_HOME/govwatch,
    else ~/.cache/govwatch; None when set to ``off``."""
    chosen = str(setting or "") or os.environ.get("GOVWATCH_CACHE_DIR", "")
    if chosen:
        return None if chosen.strip().lower() in _OFF else Path(chosen).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "govwatch"


@functools.cache
def _code_digest() -> bytes:
    """SHA-256 over the source of govwatch's packages: a code change is a new key. Once per
    process: the code running is the code that was imported."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[2]
    for package in _CODE_ROOTS:
        for path in sorted((root / package).rglob("*.py")):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _opencc_version() -> str:
    try:
        from importlib.metadata import version

        return version("opencc")
    except Exception:  # noqa: BLE001 - not installed the usual way: the key still works
        return "?"


def config_key(config_dir: str | Path, *extra_files: str | Path, kind: str = "") -> str:
    """The cache key for an object built from ``config_dir`` (every file in it, recursively,
    by relative path and content) plus ``extra_files`` (by path and content)."""
    digest = hashlib.sha256()
    for part in (kind, __version__, sys.version, _opencc_version()):
        digest.update(part.encode() + b"\0")
    digest.update(_code_digest())
    folder = Path(config_dir).resolve()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    for extra in extra_files:
        path = Path(extra).resolve()
        if not path.is_relative_to(folder):
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def usable_dir(folder: Path | None, config_dir: str | Path) -> Path | None:
    """``folder`` unless it is off or inside (or is) the config folder."""
    if folder is None:
        return None
    resolved, config = folder.resolve(), Path(config_dir).resolve()
    if resolved == config or resolved.is_relative_to(config):
        logger.warning("matcher cache folder %s is inside the config folder %s: not used",
                       folder, config)
        return None
    return folder


def read(path: Path) -> Any:
    """The object stored at ``path``; raises ValueError when the file is not whole."""
    data = path.read_bytes()
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 32:
        raise ValueError("not a govwatch matcher cache")
    checksum = data[len(MAGIC):len(MAGIC) + 32]
    payload = data[len(MAGIC) + 32:]
    if hashlib.sha256(payload).digest() != checksum:
        raise ValueError("checksum mismatch")
    return patterns.loads(payload)


def write(path: Path, obj: Any) -> None:
    """Store ``obj`` at ``path`` atomically (a reader never sees half a file)."""
    payload = patterns.dumps(obj)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# Entries kept per kind: a few config folders (or checkouts) used in turn each keep theirs
# instead of rebuilding one another's (~2 s each); older ones are removed.
KEEP = 4


def load_or_build(kind: str, key: str, folder: Path | None, build: Callable[[], T]) -> T:
    """The object cached as ``kind`` under ``key`` in ``folder``, else ``build()`` (then
    cached; of ``kind``, only the KEEP most recently used entries stay). ``folder`` None:
    always build."""
    if folder is None:
        return build()
    path = folder / f"{kind}-{key[:32]}.pickle"
    if path.exists():
        try:
            obj: T = read(path)
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: kept longest
            return obj
        except Exception as exc:  # noqa: BLE001 - whatever is wrong with it, rebuild
            logger.warning("matcher cache %s unreadable (%s): rebuilding", path, exc)
    obj = build()
    try:
        write(path, obj)
        others = [p for p in folder.glob(f"{kind}-*.pickle") if p != path]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP - 1:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        logger.info("matcher cache not written to %s: %s", folder, exc)
    return obj
