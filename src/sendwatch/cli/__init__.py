"""sendwatch's command line: a thin layer over the core library.

Each module here adds its commands to :data:`app`; :data:`sendwatch.cli.app.COMMANDS` says
which module has which command, and a module is imported only when one of its commands runs.
"""

from __future__ import annotations

import os
import sys

from sendwatch.cli.app import app, err


def main() -> None:
    """Run the command line; an unexpected error is one line unless SENDWATCH_DEBUG is set."""
    try:
        app()
    except Exception as e:
        if os.environ.get("SENDWATCH_DEBUG"):
            raise
        err.print(
            f"[red]sendwatch failed unexpectedly:[/red] {type(e).__name__}: {e}\n"
            "Run again with SENDWATCH_DEBUG=1 for the details, and please report it."
        )
        sys.exit(1)
