"""Run one pure function on the second core while the caller goes on with other work.

A 100,000-comment page spends a quarter of its parse in the thread rules, which read
only authors, ages and texts, while comment ids, timestamps and `Comment` objects need
no threads. Python runs one thread at a time, so the rules go to a child process made
with `fork`: it starts with every column already in memory (shared copy-on-write,
nothing is sent), and only the result comes back, `marshal`led through a pipe.

`Pending.result()` is always the function's result: where forking is not worth it or
not safe (one core, no `fork`, other threads running, whose locks a child could
inherit mid-use) or the child fails in any way, the function simply runs in this
process. So a caller's output never depends on whether a child was used.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import struct
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any, Generic, NoReturn, TypeVar

R = TypeVar("R")

_READ_SIZE = 1 << 20
_LENGTH = struct.Struct("<Q")  # the result's length, sent ahead of it


def fork_is_useful() -> bool:
    """Whether a child can run beside this process: `fork` exists, this process may
    use two cores, and no other thread runs (a forked child inherits only the calling
    thread, so a lock another thread held would stay locked in the child)."""
    if not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    threading = sys.modules.get("threading")  # never imported: no thread was started
    return cores >= 2 and (threading is None or threading.active_count() == 1)


class Pending(Generic[R]):
    """`function(*args)`, computed in a forked child when `fork` is true, else on demand.

    The result must be `marshal`-able (tuples, lists, str, int, bool, None). Use as a
    context manager, so a child whose result is never asked for is stopped and reaped.
    """

    def __init__(self, function: Callable[..., R], *args: Any, fork: bool) -> None:
        self._function = function
        self._args = args
        self._pid: int | None = None
        self._read_end: int | None = None
        if fork:
            self._start()

    @property
    def forked(self) -> bool:
        """Whether a child process is computing the result."""
        return self._pid is not None

    def _start(self) -> None:
        try:
            read_end, write_end = os.pipe()
        except OSError:  # no file descriptors left: compute here later
            return
        # Signals that come meanwhile are handled once each process is ready for them:
        # a handler's exception (Ctrl+C) just after `fork` would otherwise run the
        # caller's code in the child, or leave the parent without the child's pid.
        unblocked = signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
        try:
            pid = os.fork()
        except OSError:  # no memory or process slots for a child: compute here later
            os.close(read_end)
            os.close(write_end)
            signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)
            return
        if pid == 0:  # the child: compute, send, and leave without running any cleanup
            _send_and_exit(read_end, write_end, unblocked, self._function, self._args)
        os.close(write_end)
        self._pid, self._read_end = pid, read_end
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)  # handlers run here
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def result(self) -> R:
        """The function's result: the child's, or (without one, or if it failed) our own."""
        if self._pid is not None:
            received = self._collect()
            if received is not None:
                return received[0]  # type: ignore[no-any-return]
            self._reap()
        return self._function(*self._args)

    def _collect(self) -> tuple[Any] | None:
        """(the child's unmarshalled result,), or None if it failed.

        The child closes its end once the result is written, so the result is here
        before the child has finished exiting (unmapping a copy of a big parse takes a
        few milliseconds): it is reaped on leaving the with block. Its exit status is
        not needed: the length sent ahead of the result says whether all of it came.
        """
        chunks = []
        if self._read_end is None:
            return None
        try:
            while chunk := os.read(self._read_end, _READ_SIZE):
                chunks.append(chunk)
        finally:
            self._close_read_end()
        data = b"".join(chunks)
        if len(data) < _LENGTH.size or _LENGTH.unpack_from(data)[0] != len(data) - _LENGTH.size:
            return None
        try:
            return (marshal.loads(memoryview(data)[_LENGTH.size :]),)
        except (EOFError, ValueError, TypeError):
            return None

    def _reap(self) -> None:
        """Close our end of the pipe and wait for the child to be gone."""
        self._close_read_end()
        if self._pid is None:
            return
        try:
            self._wait()
        except KeyboardInterrupt:
            self._wait()  # Ctrl+C stops our waiting, not the child: no zombie left
            raise

    def _close_read_end(self) -> None:
        # Forgotten before it is closed: a Ctrl+C in between must not close it twice.
        read_end, self._read_end = self._read_end, None
        if read_end is not None:
            os.close(read_end)

    def _wait(self) -> None:
        if self._pid is not None:
            with contextlib.suppress(ChildProcessError):  # reaped by the system (SIGCHLD ignored)
                os.waitpid(self._pid, 0)
            self._pid = None

    def __enter__(self) -> Pending[R]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        # A child whose result was never asked for (the caller failed, or was
        # interrupted) is stopped, not waited for: its work may take seconds, and a
        # closed pipe need not stop it (a later child may hold a copy of our end).
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):  # already gone and reaped
                os.kill(self._pid, signal.SIGKILL)
        self._reap()


def _send_and_exit(
    read_end: int,
    write_end: int,
    unblocked: set[signal.Signals],
    function: Callable[..., Any],
    args: tuple[Any, ...],
) -> NoReturn:
    """In the child: write marshal(function(*args)) to `write_end`, then `os._exit`.

    `os._exit` skips atexit handlers and buffered output inherited from the parent,
    which must run (and be flushed) once, in the parent. Any failure, even Ctrl+C
    (signals are let in only once inside the `try`), exits with 1 and the parent
    computes the result itself."""
    code = 1
    try:
        os.close(read_end)
        signal.pthread_sigmask(signal.SIG_SETMASK, unblocked)
        result = marshal.dumps(function(*args))
        view = memoryview(_LENGTH.pack(len(result)) + result)
        while view:
            view = view[os.write(write_end, view) :]
        os.close(write_end)  # the parent has it all now, before this process is gone
        code = 0
    finally:
        os._exit(code)
