"""The wheel holds what the code reads: every Python package and every data file under
crawler/ and pipelines/ is named by pyproject.toml's [tool.setuptools] tables (a data
folder missed there is absent from a non-editable install, as the digest's templates
were)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_and_data_file_is_packaged() -> None:
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    packages = set(setup["packages"])
    data = setup.get("package-data", {})
    missing = []
    for top in ("crawler", "pipelines"):
        for path in sorted((ROOT / top).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            package = ".".join(path.parent.relative_to(ROOT).parts)
            if package not in packages:
                missing.append(f"{path.relative_to(ROOT)}: package {package} not listed")
            elif path.suffix != ".py" and not any(
                    fnmatch.fnmatch(path.name, pattern) for pattern in data.get(package, [])):
                missing.append(f"{path.relative_to(ROOT)}: no package-data pattern of {package}")
    assert missing == []
