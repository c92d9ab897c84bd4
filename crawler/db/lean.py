"""sqlite-utils without numpy (issue #14): imported first by ``crawler.db``.

sqlite-utils imports numpy, when it is installed, only to map numpy's scalar types to
column types when it creates a table or column from Python values. govwatch never does:
its schema is SQL (crawler/db/schema.py) and it writes with SQL. numpy is about 60 ms of
the 0.7 s a crawl with nothing new takes, so sqlite-utils is imported with numpy hidden;
numpy stays importable for what needs it (the dedup stage, at a crawl's first article).
"""

import sys

if "sqlite_utils" not in sys.modules and "numpy" not in sys.modules:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["numpy"]
