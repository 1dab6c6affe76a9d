"""A TCP proxy on 127.0.0.1 in front of a test server that can cut a connection at a chosen
moment: when the server starts answering a FETCH, or just before the client would read the
server's OK to an APPEND (the draft stored, the answer lost)."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable

# Decides, from what the client sent and the next chunk the server sends, whether to cut now.
Cutter = Callable[[bytes, bytes], bool]


def mid_fetch(sent: bytes, chunk: bytes) -> bool:
    return b"FETCH" in sent and b" FETCH (" in chunk


def before_append_ok(sent: bytes, chunk: bytes) -> bool:
    return b"APPEND" in sent and b"OK [APPENDUID" in chunk


class CuttingProxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.cutter: Cutter | None = None
        self.cuts = 0
        self.connections = 0
        self._lock = threading.Lock()
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def cut_once(self, cutter: Cutter) -> None:
        """Cut the next connection on which ``cutter`` says so, once."""
        with self._lock:
            self.cutter = cutter

    def _take(self, sent: bytes, chunk: bytes) -> bool:
        with self._lock:
            if self.cutter is not None and self.cutter(sent, chunk):
                self.cutter = None
                self.cuts += 1
                return True
        return False

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            try:
                server = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            sent = bytearray()
            threading.Thread(target=self._up, args=(client, server, sent), daemon=True).start()
            threading.Thread(target=self._down, args=(server, client, sent), daemon=True).start()

    @staticmethod
    def _up(client: socket.socket, server: socket.socket, sent: bytearray) -> None:
        with contextlib.suppress(OSError):
            while chunk := client.recv(65536):
                sent.extend(chunk)
                del sent[:-4096]  # the latest command (or APPEND literal) is what matters
                server.sendall(chunk)
        _close(client, server)

    def _down(self, server: socket.socket, client: socket.socket, sent: bytearray) -> None:
        with contextlib.suppress(OSError):
            while chunk := server.recv(65536):
                if self._take(bytes(sent), chunk):
                    break
                client.sendall(chunk)
        _close(client, server)

    def close(self) -> None:
        self._stop = True
        self.listener.close()


def _close(*sockets: socket.socket) -> None:
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            sock.close()
