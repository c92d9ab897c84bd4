"""``govwatch serve``: browse the database with datasette, configured by config/datasette.yml.

datasette is an optional extra (``pip install "govwatch[datasette]"``); without it,
:func:`require_datasette` raises ServeError with the install command. The metadata file
names the database ``govwatch``; datasette names a database after its file, so
:func:`load_metadata` renames that entry to match the file being served.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

METADATA_FILE = "datasette.yml"


class ServeError(Exception):
    """datasette cannot be started; ``str(err)`` is one line for the user."""


def require_datasette() -> None:
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise ServeError('datasette is not installed; run: pip install "govwatch[datasette]"'
                         ) from None


def load_metadata(path: Path, db_path: Path) -> dict[str, Any]:
    """The datasette metadata in ``path``, its database entry renamed for ``db_path``."""
    import yaml

    try:
        metadata = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise ServeError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ServeError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    except yaml.YAMLError as exc:
        raise ServeError(f"{path}: not valid YAML ({' '.join(str(exc).split())})") from None
    databases = metadata.get("databases") or {} if isinstance(metadata, dict) else None
    if not isinstance(databases, dict) or len(databases) > 1:
        raise ServeError(f"{path}: expected one entry under 'databases'")
    if databases:
        (entry,) = databases.values()
        metadata["databases"] = {db_path.stem: entry}
    return metadata


def make_datasette(db_path: Path, metadata: dict[str, Any]) -> Any:
    """A datasette instance serving ``db_path`` with ``metadata`` (for tests and serve)."""
    require_datasette()
    from datasette.app import Datasette

    return Datasette([str(db_path)], metadata=metadata)


def serve(db_path: Path, metadata_path: Path, host: str, port: int) -> None:
    """Run datasette's own server until interrupted."""
    require_datasette()
    from datasette.cli import cli

    metadata = load_metadata(metadata_path, db_path)
    with tempfile.TemporaryDirectory(prefix="govwatch-serve-") as tmp:
        meta_file = Path(tmp) / "metadata.json"
        meta_file.write_text(json.dumps(metadata, ensure_ascii=False), encoding="utf-8")
        cli.main(["serve", str(db_path), "--metadata", str(meta_file), "--host", host,
                  "--port", str(port)], prog_name="govwatch serve", standalone_mode=False)
