"""Responses built once and served many times, and the headers every response carries.

A :class:`Rendered` body is encoded, hashed (its ETag) and compressed once, when it is
built; serving it copies bytes, or answers 304 Not Modified to a client that has it.
:class:`Hardening` is the outermost middleware: it adds the security headers to every
response (errors and static files included) and lets the response helpers see the
request's headers without being handed the request.
"""

from __future__ import annotations

import base64
import contextvars
import gzip
import hashlib
import time
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: GOV.UK Frontend's page template adds this one inline script to <body> (it marks the page
#: as running JavaScript); the Content-Security-Policy allows it by its hash, nothing else.
GOVUK_INLINE_SCRIPT = (
    "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype "
    "? ' govuk-frontend-supported' : '');"
)


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        f"script-src 'self' {script_hash(GOVUK_INLINE_SCRIPT)}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), geolocation=(), microphone=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
}

#: Bodies smaller than this are not worth compressing.
COMPRESS_FROM = 1024

_request_headers: contextvars.ContextVar[Headers | None] = contextvars.ContextVar(
    "sendwatch_request_headers", default=None
)


@dataclass
class Rendered:
    """A response body with its type, ETag, time of building and gzip-compressed form."""

    body: bytes
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    last_modified: float = 0.0
    gzipped: bytes | None = None

    @classmethod
    def of(cls, body: bytes | str, media_type: str, **headers: str) -> Rendered:
        data = body.encode() if isinstance(body, str) else body
        etag = '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"'
        packed = gzip.compress(data, 6, mtime=0) if len(data) >= COMPRESS_FROM else None
        return cls(data, media_type, dict(headers), etag, time.time(), packed)

    @property
    def nbytes(self) -> int:
        """What it costs the cache."""
        return len(self.body) + len(self.gzipped or b"") + 300


def respond(rendered: Rendered, status: int = 200) -> Response:
    """The response for the current request: 304 if the client has it, gzip if it takes it."""
    request = _request_headers.get() or Headers()
    headers = {
        "etag": rendered.etag,
        "last-modified": formatdate(rendered.last_modified, usegmt=True),
        "cache-control": "no-cache",
        "vary": "Accept-Encoding",
        **rendered.headers,
    }
    if status == 200 and not_modified(request, rendered):
        return Response(status_code=304, headers=headers)
    body = rendered.body
    if rendered.gzipped is not None and accepts_gzip(request.get("accept-encoding", "")):
        body = rendered.gzipped
        headers["content-encoding"] = "gzip"
    return Response(body, status_code=status, media_type=rendered.media_type, headers=headers)


def not_modified(request: Headers, rendered: Rendered) -> bool:
    """Whether the client's copy is current (If-None-Match first, else If-Modified-Since)."""
    match = request.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return "*" in tags or rendered.etag in tags
    since = request.get("if-modified-since")
    if since:
        try:
            return parsedate_to_datetime(since).timestamp() >= int(rendered.last_modified)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
    return False


def accepts_gzip(value: str) -> bool:
    for part in value.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class Hardening:
    """Security headers on every HTTP response, and no header naming the server."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = _request_headers.set(Headers(scope=scope))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if "server" in headers:
                    del headers["server"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            _request_headers.reset(token)
