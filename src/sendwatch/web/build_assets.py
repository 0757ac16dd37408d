"""Copy GOV.UK Frontend's built CSS, JavaScript and assets from node_modules into static/govuk,
and GOV.UK's accessible-autocomplete (the area finder's suggestions) into static/vendor.

Run by ``make setup`` after ``npm ci``. The copied folders are git-ignored: the repository
holds no copies of either package, only the pinned versions in package.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "static" / "govuk"
FILES = ("govuk-frontend.min.css", "govuk-frontend.min.js")
VENDOR = HERE / "static" / "vendor"
AUTOCOMPLETE = ("accessible-autocomplete.min.js", "accessible-autocomplete.min.css")


def find_root(start: Path = HERE) -> Path | None:
    """The nearest folder above ``start`` holding node_modules/govuk-frontend."""
    for folder in (start, *start.parents):
        if (folder / "node_modules" / "govuk-frontend" / "package.json").is_file():
            return folder
    return None


def build(root: Path, target: Path = TARGET) -> str:
    """Copy the assets from ``root``/node_modules into ``target``; returns the version copied."""
    package = root / "node_modules" / "govuk-frontend"
    source = package / "dist" / "govuk"
    version = json.loads((package / "package.json").read_text())["version"]
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in FILES:
        shutil.copy2(source / name, target / name)
    shutil.copytree(source / "assets", target / "assets")
    (target / "VERSION").write_text(version + "\n")
    build_vendor(root)
    return version


def build_vendor(root: Path, target: Path = VENDOR) -> None:
    """Copy accessible-autocomplete's built script and styles into ``target``."""
    source = root / "node_modules" / "accessible-autocomplete" / "dist"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in AUTOCOMPLETE:
        shutil.copy2(source / name, target / name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="The folder holding node_modules.")
    args = parser.parse_args(argv)
    root = args.root or find_root() or find_root(Path.cwd())
    if root is None:
        print(
            "node_modules/govuk-frontend was not found: run `npm ci` in the repository first.",
            file=sys.stderr,
        )
        return 1
    version = build(root)
    print(f"govuk-frontend {version} copied into {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
