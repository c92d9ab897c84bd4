"""Per-source advisory locks, so crawls started by cron, by hand and by the scheduler coexist.

One lock file per source next to the database (``govwatch.db.locks/SOURCE.lock``), held
with ``fcntl.flock`` for the life of the crawl process. The kernel drops the lock when the
process ends, however it ends (even SIGKILL), so a crash never leaves a stale lock. Two
crawls of *different* sources run in parallel (the store's BEGIN IMMEDIATE transactions
serialise their writes); a second crawl of the *same* source skips it and says who holds it.
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

# The lock of `govwatch schedule` itself (not a valid source id: ids start with [a-z0-9]).
SCHEDULER = "_scheduler"


def lock_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".locks")


@dataclass
class SourceLocks:
    """Locks taken for one crawl: ``held`` source ids, and ``busy`` ones (id → holder pid)."""

    held: list[str] = field(default_factory=list)
    busy: dict[str, int | None] = field(default_factory=dict)
    _files: list[IO[str]] = field(default_factory=list, repr=False)

    def release(self) -> None:
        for fh in self._files:
            fh.close()  # closing the file drops the flock
        self._files.clear()
        self.held.clear()


def acquire(db_path: Path, source_ids: list[str]) -> SourceLocks:
    """Try to lock each source without waiting; locked ones go to ``busy``."""
    directory = lock_dir(Path(db_path))
    directory.mkdir(parents=True, exist_ok=True)
    locks = SourceLocks()
    for source_id in source_ids:
        fh = open(directory / f"{source_id}.lock", "a+", encoding="ascii")  # noqa: SIM115
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            text = fh.read().strip()
            fh.close()
            locks.busy[source_id] = int(text) if text.isdigit() else None
            continue
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        locks._files.append(fh)
        locks.held.append(source_id)
    return locks


def is_locked(db_path: Path, source_id: str) -> bool:
    """True when a running process holds ``source_id``'s lock."""
    path = lock_dir(Path(db_path)) / f"{source_id}.lock"
    if not path.exists():
        return False
    with open(path, encoding="ascii") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
    return False
