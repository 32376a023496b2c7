"""Worker processes that visiecheck starts, talks to and stops itself.

Why not ``multiprocessing``: its ``spawn`` and ``forkserver`` children import the
caller's ``__main__`` script again, so a user script without an ``if __name__ ==
"__main__":`` guard ran its own top level in every worker and died; and its fork server
cannot be stopped with public means. Here every child is a fresh interpreter started
with ``subprocess`` running only visiecheck code (``python -c`` → ``child_main``), and

- on platforms with ``fork`` (``platform.capabilities().fork_server``) one such child
  is a **fork server** (``ForkServer``): it imports the preload modules (spaCy, the
  readers) once and forks a ready worker for every request; the parent owns it and
  kills it when the process ends (``shutdown.at_exit``), even while it is importing;
- elsewhere (Windows) each worker is such a child itself (``spawn``).

Every worker connects back to a loopback socket of the parent (``_Listener``) and proves
who it is with a secret token it got on its standard input (or, forked, in memory);
from then on parent and worker exchange pickled messages over that socket
(``Channel``). Loopback TCP exists on every platform (Python's own ``socket.socketpair``
uses it on Windows) and leaves no file behind. When a worker dies its socket closes,
so the parent sees the end of its channel; exit codes come from ``subprocess`` or, for
forked workers, from the fork server that reaps them.
"""

from __future__ import annotations

import contextlib
import hmac
import importlib
import json
import os
import pickle
import secrets
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from . import shutdown

_HEADER = struct.Struct("!Q")  # length of the pickled message that follows
_TOKEN_BYTES = 32
_HANDSHAKE_TIMEOUT = 10.0  # seconds for a connected child to present its token
# The folder that holds the ``visiecheck`` package: a child finds it even when the
# parent imported it from a source tree that is not installed (benchmarks, tests).
_PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent.parent)
_CHILD_CODE = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from visiecheck.run.processes import child_main; child_main()"
)


class Channel:
    """Pickled messages in both directions over one connected socket."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    @classmethod
    def ended(cls) -> Channel:
        """A channel whose other end is already gone (for a child that never connected)."""
        ours, theirs = socket.socketpair()
        theirs.close()
        return cls(ours)

    def fileno(self) -> int:
        return self._sock.fileno()

    def send(self, message: Any) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self._sock.sendall(_HEADER.pack(len(data)))
        self._sock.sendall(data)

    def recv(self) -> Any:
        """The next message; ``EOFError`` when the other end has closed."""
        (size,) = _HEADER.unpack(self._read(_HEADER.size))
        return pickle.loads(self._read(size))

    def poll(self, timeout: float | None = 0.0) -> bool:
        """Whether a message (or the end) can be read within ``timeout`` seconds."""
        return bool(select.select([self._sock], [], [], timeout)[0])

    def close(self) -> None:
        self._sock.close()

    def _read(self, size: int) -> bytes:
        buffer = bytearray(size)
        view = memoryview(buffer)
        done = 0
        while done < size:
            count = self._sock.recv_into(view[done:])
            if not count:
                raise EOFError
            done += count
        return bytes(buffer)


def wait(channels: Sequence[Channel], timeout: float | None) -> list[Channel]:
    """The channels that have a message (or have ended), waiting up to ``timeout`` s."""
    if not channels:
        if timeout:
            time.sleep(timeout)
        return []
    return select.select(list(channels), [], [], timeout)[0]


class Process(Protocol):
    """What the parent needs of a child: ``subprocess.Popen`` or a forked worker."""

    pid: int
    returncode: int | None

    def poll(self) -> int | None: ...
    def wait(self, timeout: float | None = None) -> int: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...


# --- the parent side: where children connect to ----------------------------------------


class _Listener:
    """A loopback socket that children connect to, each presenting its secret token."""

    def __init__(self) -> None:
        try:
            self._sock = socket.create_server(("127.0.0.1", 0))
        except OSError:  # a machine without IPv4 loopback
            self._sock = socket.create_server(("::1", 0), family=socket.AF_INET6)
        self.address: tuple[str, int] = self._sock.getsockname()[:2]
        self._lock = threading.Lock()
        self._expected: set[bytes] = set()
        self._arrived: dict[bytes, socket.socket] = {}

    def expect(self, token: bytes) -> None:
        with self._lock:
            self._expected.add(token)

    def accept(self, token: bytes, alive: Callable[[], bool]) -> Channel:
        """The channel of the child with ``token``; an ended one if it dies first."""
        while True:
            with self._lock:
                if token in self._arrived:
                    self._expected.discard(token)
                    return Channel(self._arrived.pop(token))
                if select.select([self._sock], [], [], 0.05)[0]:
                    self._take_one()
                    continue
            if not alive():
                with self._lock:
                    self._expected.discard(token)
                return Channel.ended()

    def _take_one(self) -> None:
        connection, _ = self._sock.accept()
        try:
            connection.settimeout(_HANDSHAKE_TIMEOUT)
            token = b""
            while len(token) < _TOKEN_BYTES:
                chunk = connection.recv(_TOKEN_BYTES - len(token))
                if not chunk:
                    break
                token += chunk
            connection.settimeout(None)
        except OSError:
            connection.close()
            return
        # Only a child we started knows a token we expect: anything else is dropped.
        known = next((t for t in self._expected if hmac.compare_digest(t, token)), None)
        if known is None:
            connection.close()
            return
        self._arrived[known] = connection

    def close(self) -> None:
        self._sock.close()


_listener: _Listener | None = None
_listener_lock = threading.Lock()


def _get_listener() -> _Listener:
    global _listener
    with _listener_lock:
        if _listener is None:
            _listener = _Listener()
            shutdown.at_exit(_listener.close)
        return _listener


def _start_child(kind: str, settings: dict[str, Any]) -> subprocess.Popen[bytes]:
    """A fresh interpreter running ``child_main`` with ``settings`` on its standard input."""
    # -P: not the current folder first on the path (a json.py there must not shadow
    # the standard library); the parent's path is set from ``settings`` right after.
    process = subprocess.Popen(
        [sys.executable, "-P", "-c", _CHILD_CODE, _PACKAGE_ROOT, kind], stdin=subprocess.PIPE
    )
    assert process.stdin is not None
    with contextlib.suppress(OSError):  # it died at once: the accept notices
        process.stdin.write(json.dumps(settings).encode() + b"\n")
        process.stdin.close()
    return process


def _path() -> list[str]:
    """The parent's import path for a child (some tools put ``Path`` objects in it)."""
    entries = (os.fspath(entry) if isinstance(entry, os.PathLike) else entry for entry in sys.path)
    return [entry for entry in entries if isinstance(entry, str)]


def _new_token(listener: _Listener) -> bytes:
    token = secrets.token_bytes(_TOKEN_BYTES)
    listener.expect(token)
    return token


def spawn_worker() -> tuple[subprocess.Popen[bytes], Channel]:
    """A fresh interpreter as a worker, connected (or ended if it died while starting)."""
    listener = _get_listener()
    token = _new_token(listener)
    process = _start_child(
        "worker", {"address": listener.address, "token": token.hex(), "path": _path()}
    )
    return process, listener.accept(token, lambda: process.poll() is None)


class ForkedProcess:
    """A worker forked by the fork server: signals go to it, its exit code comes from there."""

    def __init__(self, pid: int, server: ForkServer) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._server = server

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self._server.exit_code(self.pid, 0.0)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = self._server.exit_code(self.pid, timeout)
        if self.returncode is None:
            raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout or 0.0)
        return self.returncode

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def kill(self) -> None:
        self._signal(signal.SIGKILL)

    def _signal(self, number: int) -> None:
        if self.poll() is None:  # never signal a pid that has been reaped (and reused)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, number)


class ForkServer:
    """The parent's end of a fork server: ask for workers, learn their exit codes, stop it."""

    def __init__(self, preload_modules: Sequence[str]) -> None:
        self._listener = _get_listener()
        self._token = _new_token(self._listener)
        self.preload_modules = tuple(preload_modules)
        self.process = _start_child(
            "forkserver",
            {
                "address": self._listener.address,
                "token": self._token.hex(),
                "path": _path(),
                "modules": list(self.preload_modules),
            },
        )
        self._channel: Channel | None = None
        self._lock = threading.Lock()
        self._exits: dict[int, int] = {}
        self._ended = False

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return not self._ended and self.process.poll() is None

    def _connected(self) -> Channel:
        # Accepted on first use: starting the server returns at once (a head start).
        if self._channel is None:
            self._channel = self._listener.accept(self._token, lambda: self.alive())
        return self._channel

    def fork(self) -> tuple[ForkedProcess, Channel]:
        """A new worker forked from the server, connected (or ended if it died at once)."""
        token = _new_token(self._listener)
        with self._lock:
            channel = self._connected()
            try:
                channel.send(("fork", token, _path()))
                while True:
                    message = channel.recv()
                    if message[0] == "forked":
                        pid = message[1]
                        break
                    self._exits[message[1]] = message[2]
            except (EOFError, OSError):
                self._ended = True
                raise OSError("the worker fork server has stopped") from None
        worker = ForkedProcess(pid, self)
        return worker, self._listener.accept(token, lambda: worker.poll() is None)

    def exit_code(self, pid: int, timeout: float | None) -> int | None:
        """The exit code of forked worker ``pid``, waiting up to ``timeout`` s; else None."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            while pid not in self._exits:
                if self._ended or self._channel is None:
                    return self._orphan_exit_code(pid)
                left = None if deadline is None else max(0.0, deadline - time.monotonic())
                if not self._channel.poll(left):
                    return None
                try:
                    _, child, code = self._channel.recv()
                except (EOFError, OSError):
                    self._ended = True
                    continue
                self._exits[child] = code
            return self._exits[pid]

    @staticmethod
    def _orphan_exit_code(pid: int) -> int | None:
        # The server is gone, so nobody reports this worker's exit: alive or "code 1".
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return 1
        except PermissionError:
            pass
        return None

    def stop(self) -> None:
        """Kill the server now, wherever it is (also halfway its imports) and reap it."""
        self._ended = True
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self._channel is not None:
            with contextlib.suppress(OSError):
                self._channel.close()


_server: ForkServer | None = None
_server_lock = threading.Lock()


def fork_server(preload_modules: Sequence[str]) -> ForkServer:
    """This process's fork server, started (importing ``preload_modules``) if none runs.

    The modules of the first start count: a running server keeps what it imported.
    """
    global _server
    with _server_lock:
        if _server is None or not _server.alive():
            _server = ForkServer(preload_modules)
            shutdown.at_exit(_server.stop)
        return _server


def running_fork_server() -> ForkServer | None:
    """The fork server of this process if one is running (for tests and tools)."""
    return _server if _server is not None and _server.alive() else None


# --- the child side ----------------------------------------------------------------------


def _connect(address: Sequence[Any], token: bytes) -> Channel:
    sock = socket.create_connection((address[0], address[1]))
    sock.sendall(token)
    return Channel(sock)


def _run_worker(channel: Channel) -> None:
    """Be a worker: the parent's first message says what to run with this channel."""
    try:
        target, args = channel.recv()
        target(channel, *args)
    except EOFError:  # the parent went away before saying anything
        pass
    except BaseException:
        traceback.print_exc()
        os._exit(1)
    os._exit(0)


def child_main() -> None:
    """Entry of every child (``python -c``): a worker or the fork server."""
    # Ctrl-C reaches the whole process group; the parent decides what to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    kind = sys.argv[2]
    settings = json.loads(sys.stdin.readline())
    sys.path[:] = settings["path"]
    channel = _connect(settings["address"], bytes.fromhex(settings["token"]))
    if kind == "forkserver":
        _serve_forks(channel, settings["address"], settings["modules"])
    _run_worker(channel)


def _serve_forks(channel: Channel, address: Sequence[Any], modules: Sequence[str]) -> None:
    """The fork server's loop: import once, then fork a worker per request; report exits."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # the workers import it again and report what goes wrong
            traceback.print_exc()
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # a handler, so that it wakes select
    while True:
        readable, _, _ = select.select([channel, wake_read], [], [])
        if wake_read in readable:
            with contextlib.suppress(BlockingIOError):
                os.read(wake_read, 4096)
            while True:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                channel.send(("exit", pid, os.waitstatus_to_exitcode(status)))
        if channel in readable:
            try:
                _, token, path = channel.recv()
            except EOFError:  # the parent has gone: so do we (workers notice by themselves)
                os._exit(0)
            pid = os.fork()
            if pid == 0:
                signal.set_wakeup_fd(-1)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                os.close(wake_read)
                os.close(wake_write)
                channel.close()
                sys.path[:] = path
                try:
                    worker_channel = _connect(address, token)
                except OSError:
                    os._exit(1)
                _run_worker(worker_channel)
            channel.send(("forked", pid))
