"""The `serve` command: the public site, API and feeds on the store --db names."""

from __future__ import annotations

import typer

from sendwatch.cli.app import app, console, open_store


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on."),
    port: int = typer.Option(8000, "--port", help="The port to listen on."),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        max=64,
        help="Processes serving requests, sharing one socket: about one per core.",
    ),
    base_url: str | None = typer.Option(
        None,
        "--base-url",
        envvar="SENDWATCH_BASE_URL",
        help="The site's public address, for links in feeds (e.g. https://sendwatch.example."
        "org). Default: the address it listens on. Never taken from a request's Host header.",
    ),
) -> None:
    """Start the website, the API (/api/v1) and the Atom feeds on this machine."""
    from sendwatch.web.app import STATIC
    from sendwatch.web.server import serve

    store = open_store()
    if not (STATIC / "govuk" / "govuk-frontend.min.css").is_file():
        console.print(
            "[yellow]The GOV.UK Frontend assets are not built: pages will be unstyled. "
            "Run `make setup` (npm ci, then python -m sendwatch.web.build_assets).[/yellow]"
        )
    shown = f"[{host}]" if ":" in host else host
    base = (base_url or f"http://{shown}:{port}").rstrip("/")
    many = f" with {workers} workers" if workers > 1 else ""
    console.print(
        f"sendwatch is serving {store.url.split('://')[0]} at http://{shown}:{port}/{many}"
        + (f" (public address {base})" if base_url else "")
    )
    console.print("Press Ctrl+C to stop.")
    serve(store, host, port, workers, base)
