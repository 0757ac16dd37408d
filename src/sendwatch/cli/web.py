"""The `serve` command: the public site, API and feeds on the store --db names."""

from __future__ import annotations

import typer

from sendwatch.cli.app import app, console, open_store


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on."),
    port: int = typer.Option(8000, "--port", help="The port to listen on."),
) -> None:
    """Start the website, the API (/api/v1) and the Atom feeds on this machine."""
    import uvicorn

    from sendwatch.web.app import STATIC, create_app

    store = open_store()
    if not (STATIC / "govuk" / "govuk-frontend.min.css").is_file():
        console.print(
            "[yellow]The GOV.UK Frontend assets are not built: pages will be unstyled. "
            "Run `make setup` (npm ci, then python -m sendwatch.web.build_assets).[/yellow]"
        )
    shown = f"[{host}]" if ":" in host else host
    console.print(f"sendwatch is serving {store.url.split('://')[0]} at http://{shown}:{port}/")
    console.print("Press Ctrl+C to stop.")
    uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
