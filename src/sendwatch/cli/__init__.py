"""sendwatch's command line: a thin layer over the core library.

Each module here adds its commands to :data:`app`.
"""

from __future__ import annotations

from sendwatch.cli import documents, record  # noqa: F401  (they register their commands)
from sendwatch.cli.app import app


def main() -> None:
    app()
