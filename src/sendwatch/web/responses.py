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
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from typing import Any

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

_request: contextvars.ContextVar[Scope | None] = contextvars.ContextVar(
    "sendwatch_request", default=None
)

_SECURITY = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


@dataclass
class Rendered:
    """A response body with its type, ETag, time of building and gzip-compressed form."""

    body: bytes
    media_type: str
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    last_modified: float = 0.0
    gzipped: bytes | None = None
    #: The headers every answer with it carries, encoded once.
    raw_headers: list[tuple[bytes, bytes]] = field(default_factory=list)

    @classmethod
    def of(cls, body: bytes | str, media_type: str, **headers: str) -> Rendered:
        data = body.encode() if isinstance(body, str) else body
        etag = '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"'
        packed = gzip.compress(data, 6, mtime=0) if len(data) >= COMPRESS_FROM else None
        rendered = cls(data, media_type, dict(headers), etag, time.time(), packed)
        common = {
            "etag": etag,
            "last-modified": formatdate(rendered.last_modified, usegmt=True),
            "cache-control": "no-cache",
            "vary": "Accept-Encoding",
            **headers,
        }
        rendered.raw_headers = [(k.lower().encode(), v.encode()) for k, v in common.items()]
        return rendered

    @property
    def nbytes(self) -> int:
        """What it costs the cache."""
        return len(self.body) + len(self.gzipped or b"") + 300

    def answer(self, request: Headers, status: int = 200) -> tuple[int, list, bytes]:
        """(status, headers, body) for a request: 304 if the client has it, gzip if it
        takes it."""
        headers = list(self.raw_headers)
        if status == 200 and not_modified(request, self):
            return 304, headers, b""
        body = self.body
        if self.gzipped is not None and accepts_gzip(request.get("accept-encoding", "")):
            body = self.gzipped
            headers.append((b"content-encoding", b"gzip"))
        headers.append((b"content-type", self.media_type.encode()))
        return status, headers, body


def request_headers() -> Headers:
    """The current request's headers (empty outside a request)."""
    scope = _request.get()
    return Headers(scope=scope) if scope is not None else Headers()


def respond(rendered: Rendered, status: int = 200) -> Response:
    """The response for the current request: 304 if the client has it, gzip if it takes it."""
    status, headers, body = rendered.answer(request_headers(), status)
    response = Response(body, status_code=status)
    response.raw_headers = [*headers, (b"content-length", str(len(body)).encode())]
    return response


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
    """The outermost layer: security headers on every HTTP response, no header naming the
    server, HEAD answered as GET without the body, and cached pages served straight from
    the cache (``lookup``: a request's path and query to its cached :class:`Rendered`, or
    None to go through the app)."""

    def __init__(self, app: ASGIApp, lookup: Callable[[str, bytes], Rendered | None] | None = None):
        self.app = app
        self.lookup = lookup

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        if self.lookup is not None and scope["method"] == "GET":
            rendered = self.lookup(scope["path"], scope["query_string"])
            if rendered is not None:
                status, headers, body = rendered.answer(Headers(scope=scope))
                headers += [(b"content-length", str(len(body)).encode()), *_SECURITY]
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": b"" if head else body})
                return
        token = _request.set(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if "server" in headers:
                    del headers["server"]
            elif head and message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            _request.reset(token)


class Routes:
    """Which cache key answers each path and query (learnt as the app answers them),
    bounded in count."""

    def __init__(self, limit: int = 4096):
        self.limit = limit
        self._keys: OrderedDict[tuple[str, bytes], Any] = OrderedDict()

    def remember(self, key: Any) -> None:
        """Note that the current request is answered by the cached value ``key``."""
        scope = _request.get()
        if scope is None:
            return
        where = (scope["path"], scope["query_string"])
        self._keys[where] = key
        self._keys.move_to_end(where)
        while len(self._keys) > self.limit:
            self._keys.popitem(last=False)

    def key(self, path: str, query: bytes) -> Any:
        return self._keys.get((path, query))
