"""The uvicorn server under ``govlint serve``, with bounds a hostile client cannot lift (issue 16).

uvicorn itself never times out a request that is still arriving: a client that sends its request
line or its body one byte at a time keeps the connection (and, during a body, an upload slot) for
ever. :class:`TimedH11Protocol` is uvicorn's h11 protocol with two deadlines:

* the request head (request line and headers) must be complete within ``HEAD_TIMEOUT`` seconds of
  the connection opening or of the previous response; else the client gets ``408`` and the
  connection is closed;
* a body must keep arriving (at most ``BODY_IDLE_TIMEOUT`` seconds between packets) and be complete
  within ``BODY_TIMEOUT`` seconds; else the connection is closed (the handler sees a disconnect).

The h11 protocol is named explicitly, so an installed ``httptools`` (uvicorn's "auto" choice) does
not bypass these deadlines. ``MAX_CONNECTIONS`` bounds open connections (uvicorn answers 503 beyond
it); the number of checks at once is bounded in ``app.py``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_TIMEOUT = 10.0
BODY_IDLE_TIMEOUT = 10.0
BODY_TIMEOUT = 120.0
MAX_CONNECTIONS = 64

_TIMEOUT_BODY = "请求超时：请求未在规定时间内发送完整，连接已关闭。".encode()


class TimedH11Protocol(H11Protocol):
    head_timeout = HEAD_TIMEOUT
    body_idle_timeout = BODY_IDLE_TIMEOUT
    body_timeout = BODY_TIMEOUT

    def connection_made(self, transport) -> None:
        self._read_timer: asyncio.TimerHandle | None = None
        self._body_deadline: float | None = None
        super().connection_made(transport)
        self._arm(self.head_timeout)

    def _arm(self, delay: float) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(max(0.0, delay), self._read_timed_out)

    def _disarm(self) -> None:
        timer = getattr(self, "_read_timer", None)
        if timer is not None:
            timer.cancel()
            self._read_timer = None

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow_state()

    def _follow_state(self) -> None:
        if self.transport.is_closing():
            self._disarm()
            return
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            now = self.loop.time()
            if self._body_deadline is None:
                self._body_deadline = now + self.body_timeout
            self._arm(min(self.body_idle_timeout, self._body_deadline - now))
        elif state is not h11.IDLE:  # the whole request is in: the handler's time is not bounded here
            self._disarm()
        # IDLE: a head still arriving keeps the head deadline it had

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._body_deadline = None
        if self.transport.is_closing():
            self._disarm()
            return
        self._arm(self.head_timeout)  # for the next request on this connection
        self._follow_state()  # a pipelined request may already be in

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _read_timed_out(self) -> None:
        self._read_timer = None
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.IDLE and self.conn.our_state is h11.IDLE:
            try:
                for event in (
                    h11.Response(
                        status_code=408,
                        reason=b"Request Timeout",
                        headers=[
                            (b"content-type", b"text/plain; charset=utf-8"),
                            (b"connection", b"close"),
                            (b"content-length", str(len(_TIMEOUT_BODY)).encode()),
                        ],
                    ),
                    h11.Data(data=_TIMEOUT_BODY),
                    h11.EndOfMessage(),
                ):
                    self.transport.write(self.conn.send(event))
            except h11.LocalProtocolError:  # pragma: no cover - state changed under us
                pass
            self.transport.close()
        elif state in (h11.IDLE, h11.SEND_BODY):
            self.transport.close()  # the handler reading the body sees a disconnect


def server_config(app, **overrides):
    """uvicorn's configuration for the review page: h11 with read deadlines, bounded connections."""
    import uvicorn

    options: dict[str, Any] = {
        "log_level": "warning",
        "access_log": False,
        "timeout_keep_alive": 5,
        "lifespan": "off",
        "http": TimedH11Protocol,
        "limit_concurrency": MAX_CONNECTIONS,
    }
    options.update(overrides)
    return uvicorn.Config(app, **options)
