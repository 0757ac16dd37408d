"""`import-official --file/--url`: a new release of Ofsted's statistics into the record."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from sendwatch import settings
from sendwatch.cli.app import console, err, fail, open_store
from sendwatch.official import Change, import_official
from sendwatch.releases import ReleaseError, read_release
from sendwatch.spreadsheets import SpreadsheetError
from sendwatch.sync import Fetcher, FetchError


def import_release(file: Path | None, url: str | None, sheet: str | None) -> None:
    """Read a release from a file or URL, import it and print what it added and changed."""
    if file is not None and url is not None:
        raise fail("Give --file or --url, not both.")
    with tempfile.TemporaryDirectory(prefix="sendwatch-release-") as folder:
        if url is not None:
            name = Path(urlsplit(url).path).name or "release.ods"
            file = Path(folder) / name
            try:
                # One file a person asked for by its address: not crawling, so robots.txt
                # (which governs crawlers) is not consulted.
                timeout = float(settings.get("sync_timeout"))
                with Fetcher(delay=0, timeout=timeout, obey_robots=False) as fetcher:
                    file.write_bytes(fetcher.get(url).content)
            except FetchError as e:
                raise fail(f"Could not fetch the release: {e}") from None
        assert file is not None
        try:
            release = read_release(file, sheet, source_url=url)
        except (SpreadsheetError, ReleaseError) as e:
            raise fail(str(e)) from None
    if release.problems:
        for problem in release.problems:
            err.print(f"[red]not read[/red] {problem}", highlight=False)
        # A release replaces its dataset: with rows missing it would remove their claims.
        raise fail("Some rows could not be read (above); nothing was imported.", 1)
    report = import_official(open_store(), release.rows)
    colours = {"added": "green", "changed": "yellow", "removed": "red"}
    for change in report.changes:
        line = f"[{colours[change.what]}]{change.what}[/{colours[change.what]}] {_what(change)}"
        if change.fields:
            line += ": " + "; ".join(f"{k}: {a} -> {b}" for k, (a, b) in change.fields.items())
        console.print(line, highlight=False)
    count = {what: sum(1 for c in report.changes if c.what == what) for what in colours}
    unchanged = len(release.rows) - count["added"] - count["changed"]
    console.print(
        f"{release.framework}-framework release, {len(release.rows)} events read: "
        f"{count['added']} added, {count['changed']} changed, {unchanged} unchanged, "
        f"{count['removed']} removed (not in this release).",
        highlight=False,
    )


def _what(change: Change) -> str:
    kind = change.kind.replace("_", " ")
    return f"{change.area} {change.framework or ''} {kind} ({change.visit_start or 'no date'})"
