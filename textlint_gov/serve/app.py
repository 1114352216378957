"""The review page's web application (Starlette, ASGI).

Why Starlette + uvicorn: both are small, widely used and actively maintained (Encode), pure Python on
the paths we use (uvicorn's h11 protocol), and need no compiler. A sync lint runs in Starlette's
thread pool, so one long draft never blocks the event loop and several clerks are served at once;
the engine (configuration, compiled dictionaries, segmenter) is created once per server.

Uploads are read into memory with a hard byte cap and never written to disk: the request body is
posted raw (``POST /api/check?name=稿件.docx``), so there is no multipart spooling to temp files.
Nothing is kept after the response; to download the Word copy with comments, the page posts the
same file again to ``/api/review``.

Endpoints:
    GET  /                   the page
    GET  /static/<file>      its script, style and icon (served from the package, no network)
    GET  /api/info           limits, accepted types, title width, whether Word comments are available
    POST /api/check?name=N   raw file bytes -> findings laid out for the page
    POST /api/check          JSON {"text": "..."} (pasted text) -> the same, plus "source"
    POST /api/review?name=N  raw .docx bytes -> the reviewed .docx with Word comments
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
from importlib import resources
from urllib.parse import quote

import anyio
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from textlint_gov import __version__
from textlint_gov.config import Config, load_config
from textlint_gov.findings import CATEGORIES
from textlint_gov.loaders import SUFFIXES
from textlint_gov.review import review_docx_bytes
from textlint_gov.serve.analysis import PASTE_NAME, Engine, InputError, check_suffix, result_json

DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024
DEFAULT_MAX_ACTIVE = 4  # checks and reviews at once, uploads included: memory is about this × the upload cap
DEFAULT_MAX_WAITING = 32  # requests waiting for a slot, their bodies not yet read (so they hold no memory)
QUEUE_WAIT = 30.0  # seconds a request waits for a slot before it gets 503
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1"]
log = logging.getLogger("govlint.serve")

_STATIC = {
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
_SECURITY_HEADERS = {
    # Everything comes from govlint itself: no CDN, no inline script, no framing.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class TooLarge(Exception):
    pass


def _drop_frames(exc: BaseException | None) -> None:
    """Cut an exception (and its context) loose from the frames it was raised through: they hold the
    upload, and a traceback in a reference cycle would keep megabytes alive until the next garbage
    collection, past the limit on uploads at once."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        exc.__traceback__ = None
        exc = exc.__context__ or exc.__cause__


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=_SECURITY_HEADERS)


def host_name(header: str) -> str:
    """The name in a Host header, without the port: ``[::1]:8000`` → ``::1``, ``Localhost.:80`` → ``localhost``."""
    h = header.strip().lower()
    if h.startswith("["):
        end = h.find("]")
        return h[1:end] if end > 0 else ""
    if h.count(":") == 1:
        h = h.split(":", 1)[0]
    elif h.count(":") > 1:
        return ""  # a bare IPv6 address must be bracketed in a Host header
    return h.rstrip(".")


def _is_ip(name: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostCheck:
    """Refuse a request whose Host names another site (DNS rebinding): only the given names, and IP
    addresses (a page reached by its IP cannot be a rebound name), whatever address the server is on."""

    def __init__(self, app, allowed_hosts) -> None:
        self.app = app
        self.allowed = {host_name(h) or h.lower() for h in allowed_hosts}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in ("http", "websocket"):
            raw = dict(scope.get("headers") or ()).get(b"host", b"")
            name = host_name(raw.decode("latin-1"))
            if not name or not (name in self.allowed or _is_ip(name)):
                response = _error("请求的主机名不对：请用启动时显示的地址打开校对页面", 400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def allowed_hosts_for(host: str, extra=()) -> list[str]:
    """Names the page answers to when bound to ``host``: loopback names, the bound name, and for a
    non-loopback address this computer's names and ``extra`` (``--allow-host``)."""
    import socket

    names = list(LOOPBACK_HOSTS)
    if host not in LOOPBACK_HOSTS:
        names.append(host)
        for fn in (socket.gethostname, socket.getfqdn):
            with contextlib.suppress(OSError):
                names.append(fn())
    names.extend(extra)
    return [n for n in dict.fromkeys(n.lower() for n in names) if n and n not in ("0.0.0.0", "::")]


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB"


class ReviewPage:
    """The page's endpoints around one shared, warmed :class:`Engine`. At most ``max_active`` checks,
    fixes or reviews run at once, their uploads included; up to ``max_waiting`` more wait (bodies
    unread) for at most ``queue_wait`` seconds, and any other gets 503 with a Chinese message."""

    def __init__(
        self, engine: Engine, *, max_upload: int, max_active: int, max_waiting: int, queue_wait: float
    ) -> None:
        self.engine = engine
        self.max_upload, self.max_active = max_upload, max_active
        self.max_waiting, self.queue_wait = max_waiting, queue_wait
        self.static = {
            name: resources.files("textlint_gov.serve").joinpath("static").joinpath(name).read_bytes()
            for name in ("index.html", *_STATIC)
        }
        # checks running, requests waiting, most ever running; one event loop thread, so exact
        self.running = self.waiting = self.peak = 0

    def routes(self) -> list[Route]:
        return [
            Route("/", self.page),
            Route("/static/{name}", self.asset),
            Route("/api/info", self.info),
            Route("/api/check", self.check, methods=["POST"]),
            Route("/api/review", self.review, methods=["POST"]),
            Route("/api/fix", self.fix, methods=["POST"]),
        ]

    # ---- reading requests

    async def read_body(self, request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_upload:
            raise TooLarge
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_upload:
                raise TooLarge
            chunks.append(chunk)
        return b"".join(chunks)

    async def payload(self, request: Request) -> tuple[bytes, str, bool]:
        """(bytes, file name, pasted?) of a check or review request."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        name = (request.query_params.get("name") or "").strip().replace("\\", "/").rsplit("/", 1)[-1]
        if ctype != "application/json" and name:
            check_suffix(name)  # a .pdf is refused before its 20 MB are read
        body = await self.read_body(request)
        if ctype == "application/json":
            try:
                data = json.loads(body.decode("utf-8"))
                text = data["text"]
                if not isinstance(text, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError, RecursionError):
                raise InputError("请求格式不对：粘贴的文字应放在 JSON 的 text 字段中", 400) from None
            text = text.lstrip("\ufeff")
            if not text.strip():
                raise InputError("没有可检查的文字：请先粘贴稿件内容", 400)
            return text.encode("utf-8"), PASTE_NAME, True
        if not name:
            raise InputError("缺少文件名（name 参数），无法判断文件类型", 400)
        if len(name) > 255:
            name = name[:120] + "…" + name[-120:]  # shown back to the clerk; the suffix is kept
        if not body:
            raise InputError(f"“{name}”是空文件", 400)
        return body, name, False

    async def fix_request(self, request: Request) -> tuple[str, list[int] | None]:
        """(pasted text, finding numbers or None for all) of a fix request."""
        try:
            data = json.loads((await self.read_body(request)).decode("utf-8"))
            text, ids = data["text"], data.get("ids")
            if not isinstance(text, str) or not (
                ids is None or (isinstance(ids, list) and all(type(i) is int for i in ids))
            ):
                raise TypeError
        except (ValueError, KeyError, TypeError, RecursionError, AttributeError):
            raise InputError(
                '请求格式不对：应为 {"text": 粘贴的文字, "ids": [问题编号] 或 null}', 400
            ) from None
        return text, ids

    # ---- bounded work

    async def guarded(self, request: Request, work) -> Response:
        deadline = time.monotonic() + self.queue_wait
        while self.running >= self.max_active:
            if self.waiting >= self.max_waiting or time.monotonic() >= deadline:
                response = _error(f"服务器正忙：已有 {self.max_active} 份稿件正在检查，请稍等片刻再试", 503)
                response.headers["Retry-After"] = "5"
                response.headers["Connection"] = "close"  # its body is not read; do not keep the connection
                return response
            self.waiting += 1
            try:
                await anyio.sleep(
                    0.05
                )  # polling keeps this free of any one event loop (test clients make several)
            finally:
                self.waiting -= 1
        self.running += 1
        self.peak = max(self.peak, self.running)
        try:
            return await work(request)
        except TooLarge as e:
            _drop_frames(e)
            return _error(f"文件过大：超过 {_mb(self.max_upload)} 的上限，请压缩图片或拆分后再上传", 413)
        except InputError as e:
            _drop_frames(e)
            return _error(str(e), e.status)
        except ClientDisconnect as e:
            _drop_frames(e)
            return Response(status_code=400)
        except Exception as e:  # never a traceback on the page; one line for whoever runs the server
            log.error("未预料的错误：%s: %s", type(e).__name__, e)
            _drop_frames(e)
            return _error("服务器内部错误，未能完成检查。请把这份文稿交给管理员排查。", 500)
        finally:
            self.running -= 1

    def _result(self, doc, findings, name: str, pasted: bool) -> dict:
        engine = self.engine
        return result_json(doc, findings, name, engine.title_limit, pasted=pasted, hints=engine.hints)

    # ---- endpoints

    async def check(self, request: Request) -> Response:
        async def work(request):
            data, name, pasted = await self.payload(request)
            doc, findings = await run_in_threadpool(self.engine.check, data, name)
            result = await run_in_threadpool(self._result, doc, findings, name, pasted)
            result["review_available"] = doc.meta.get("format") == "docx"
            return JSONResponse(result, headers=_SECURITY_HEADERS)

        return await self.guarded(request, work)

    async def fix(self, request: Request) -> Response:
        """Apply the safe fixes to pasted text (all, or those of the findings named by ``ids``)
        and return the new text checked again: the server decides which fixes apply, as --fix does."""

        async def work(request):
            text, ids = await self.fix_request(request)
            doc, findings, applied = await run_in_threadpool(self.engine.fix, text, ids)
            result = await run_in_threadpool(self._result, doc, findings, PASTE_NAME, True)
            result["applied"] = applied
            result["review_available"] = False
            return JSONResponse(result, headers=_SECURITY_HEADERS)

        return await self.guarded(request, work)

    async def review(self, request: Request) -> Response:
        async def work(request):
            data, name, pasted = await self.payload(request)
            if pasted or not name.lower().endswith(".docx"):
                raise InputError("只有 Word 文稿（.docx）可以生成带批注的审阅稿", 415)
            _doc, findings = await run_in_threadpool(self.engine.check, data, name)
            try:
                out = await run_in_threadpool(review_docx_bytes, data, findings)
            except Exception as e:
                log.error("生成审阅稿失败：%s: %s", type(e).__name__, e)
                raise InputError("生成带批注的审阅稿失败，请改用问题清单（JSON）", 500) from None
            filename = f"{name[: -len('.docx')] or '稿件'}.govlint.docx"
            headers = dict(_SECURITY_HEADERS)
            headers["Content-Disposition"] = (
                f"attachment; filename=\"review.govlint.docx\"; filename*=UTF-8''{quote(filename)}"
            )
            return Response(
                out,
                media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                headers=headers,
            )

        return await self.guarded(request, work)

    async def info(self, request: Request) -> Response:
        engine = self.engine
        return JSONResponse(
            {
                "version": __version__,
                "max_upload": self.max_upload,
                "max_upload_text": _mb(self.max_upload),
                "suffixes": list(SUFFIXES),
                "title_limit": engine.title_limit,
                "categories": CATEGORIES,
                "review_available": True,
                "config": str(engine.config.path) if engine.config.path else None,
            },
            headers=_SECURITY_HEADERS,
        )

    async def page(self, request: Request) -> Response:
        return Response(
            self.static["index.html"], media_type="text/html; charset=utf-8", headers=_SECURITY_HEADERS
        )

    async def asset(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in _STATIC:
            return _error("没有这个文件", 404)
        return Response(self.static[name], media_type=_STATIC[name], headers=_SECURITY_HEADERS)


async def _not_found(request: Request, exc) -> Response:
    return _error("没有这个页面", getattr(exc, "status_code", 404))


async def _server_error(request: Request, exc) -> Response:
    log.error("未预料的错误：%s: %s", type(exc).__name__, exc)
    return _error("服务器内部错误", 500)


def create_app(
    config: Config | None = None,
    *,
    max_upload: int = DEFAULT_MAX_UPLOAD,
    allowed_hosts: list[str] | None = None,
    max_active: int = DEFAULT_MAX_ACTIVE,
    max_waiting: int = DEFAULT_MAX_WAITING,
    queue_wait: float = QUEUE_WAIT,
) -> Starlette:
    """The application with one shared, warmed engine (:class:`ReviewPage`). ``allowed_hosts=None``
    accepts any Host (tests only; ``govlint serve`` always passes a list)."""
    engine = Engine.create(config if config is not None else load_config())
    site = ReviewPage(
        engine, max_upload=max_upload, max_active=max_active, max_waiting=max_waiting, queue_wait=queue_wait
    )
    middleware = []
    if allowed_hosts is not None:
        # A page on the loopback interface answers only to its own name (no DNS rebinding).
        middleware.append(Middleware(HostCheck, allowed_hosts=allowed_hosts))
    app = Starlette(
        routes=site.routes(),
        middleware=middleware,
        exception_handlers={404: _not_found, 405: _not_found, 500: _server_error},
    )
    app.state.engine = engine
    app.state.max_upload = max_upload
    app.state.active = lambda: site.running
    app.state.peak_active = lambda: site.peak
    return app


def _log_to_stderr() -> None:
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("govlint serve: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
