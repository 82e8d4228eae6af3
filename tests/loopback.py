"""A real HTTP server on 127.0.0.1 for the fetch tests: routes per path, and a request log."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = b"<html><head><title>Report</title></head><body><h1>Report</h1><p>Text.</p></body></html>"


@dataclass
class Hit:
    at: float
    path: str
    headers: dict[str, str]


Route = Callable[["_Handler", int], None]  # the handler, and how often this path was hit before


@dataclass
class Server:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Hit]:
        return [hit for hit in self.log if hit.path == path]


class _Handler(BaseHTTPRequestHandler):
    server_state: Server

    def do_GET(self) -> None:
        state = self.server_state
        count = len(state.hits(self.path))
        state.log.append(
            Hit(time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()})
        )
        route = state.routes.get(self.path)
        if route is None:
            self.reply(404, b"not found", "text/plain")
        else:
            route(self, count)

    def reply(
        self,
        status: int,
        body: bytes = PAGE,
        content_type: str = "text/html; charset=utf-8",
        **headers: str,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve() -> Iterator[Server]:
    state = Server()
    handler = type("Handler", (_Handler,), {"server_state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def page(body: bytes = PAGE, **headers: str) -> Route:
    return lambda h, n: h.reply(200, body, **headers)
