"""sqlite-utils without numpy and without its slowest pattern (issue #14): imported first by
``crawler.db``.

sqlite-utils imports numpy, when it is installed, only to map numpy's scalar types to
column types when it creates a table or column from Python values. govwatch never does:
its schema is SQL (crawler/db/schema.py) and it writes with SQL. numpy is about 60 ms of
the 0.7 s a crawl with nothing new takes, so sqlite-utils is imported with numpy hidden;
numpy stays importable for what needs it (the dedup stage, at a crawl's first article).

It also compiles, when imported, a pattern that reads a virtual table's ``USING`` clause
(``Table.virtual_table_using``), case-insensitive over a character class up to U+FFFF:
about 12 ms, in a crawl that never asks for it. Patterns sqlite-utils' own module
compiles while it loads are compiled at their first use instead (:class:`Deferred`).
"""

import re
import sys
from typing import Any

_MODULE = "sqlite_utils.db"


class Deferred:
    """A regular expression compiled the first time it is used; otherwise the same."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = _compile(*self._args)
        return getattr(self._compiled, name)


_compile = re.compile


def _deferring(pattern: Any, flags: int = 0) -> Any:
    """``re.compile`` while sqlite-utils loads: deferred for its own module's patterns."""
    if sys._getframe(1).f_globals.get("__name__") == _MODULE:
        return Deferred(pattern, flags)
    return _compile(pattern, flags)


if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError
    re.compile = _deferring
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]
        re.compile = _compile
