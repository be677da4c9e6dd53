"""`forked.Pending` always gives the function's result, whether a child computed it or
not, and leaves no child behind; the parser's output does not depend on the fork."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import tui_reader.parse as parse
from tui_reader.forked import Pending, fork_is_useful
from tui_reader.parse import parse_text

FIXTURES = Path(__file__).parent / "fixtures"
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


def _pid_and(value: object) -> tuple[int, object]:
    return os.getpid(), value


def _no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@needs_fork
def test_a_forked_call_runs_in_a_child_and_returns_its_result() -> None:
    with Pending(_pid_and, ["text", 3, None, (True, "é")], fork=True) as pending:
        assert pending.forked
        pid, value = pending.result()
    assert pid != os.getpid(), "computed in the child"
    assert value == ["text", 3, None, (True, "é")]
    assert _no_child_left()


def test_without_fork_the_call_runs_here_when_asked() -> None:
    calls = []
    with Pending(lambda: calls.append(1) or "done", fork=False) as pending:
        assert not pending.forked and not calls, "nothing runs before result()"
        assert pending.result() == "done"
    assert calls == [1]


def _exit_in_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)
    return "computed here"


def _raise_in_child(parent: int) -> str:
    if os.getpid() != parent:
        raise RuntimeError("child failed")
    return "computed here"


def _unmarshallable_in_child(parent: int) -> object:
    return object() if os.getpid() != parent else "computed here"


@needs_fork
@pytest.mark.parametrize("function", [_exit_in_child, _raise_in_child, _unmarshallable_in_child])
def test_a_failed_child_means_the_call_runs_here(function) -> None:
    with Pending(function, os.getpid(), fork=True) as pending:
        assert pending.forked
        assert pending.result() == "computed here"
    assert _no_child_left()


@needs_fork
def test_without_a_pipe_the_call_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_descriptors_left() -> tuple[int, int]:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(os, "pipe", no_descriptors_left)
    with Pending(str.upper, "x", fork=True) as pending:
        assert not pending.forked
        assert pending.result() == "X"


@needs_fork
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc/self/fd")
def test_ctrl_c_during_a_failed_fork_leaks_no_descriptor(monkeypatch: pytest.MonkeyPatch) -> None:
    def failed_fork() -> int:
        os.kill(os.getpid(), signal.SIGINT)
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", failed_fork)
    before = sorted(os.listdir("/proc/self/fd"))
    with pytest.raises(KeyboardInterrupt):
        Pending(str.upper, "x", fork=True)
    assert sorted(os.listdir("/proc/self/fd")) == before


@needs_fork
def test_a_child_whose_result_is_never_asked_for_is_reaped() -> None:
    big = "x" * (1 << 20)  # more than a pipe holds: the child blocks writing it
    with Pending(str.upper, big, fork=True) as pending:
        assert pending.forked
    assert _no_child_left()


def _wait_on(read_end: int, write_end: int, parent: int) -> bytes:
    if os.getpid() != parent:
        os.close(write_end)  # its copy: else the read below could never see the end
    return os.read(read_end, 1)


@contextmanager
def _hang_fails_after(seconds: int) -> Iterator[None]:
    """A hang in the block becomes a TimeoutError (a failed test), not a stuck suite."""

    def give_up(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"still waiting after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@needs_fork
def test_leaving_early_stops_a_child_that_is_still_computing() -> None:
    """The caller fails before asking: its error must not wait for the child's work
    (here endless: the child waits on a pipe only this test could write to)."""
    never_read, never_written = os.pipe()
    try:
        with (
            _hang_fails_after(5),
            pytest.raises(RuntimeError, match="caller failed"),
            Pending(_wait_on, never_read, never_written, os.getpid(), fork=True) as pending,
        ):
            assert pending.forked
            raise RuntimeError("caller failed")
    finally:
        os.close(never_written)  # without the fix, lets the child finish
        os.close(never_read)
    assert _no_child_left()


@needs_fork
def test_a_child_is_reaped_even_when_the_first_wait_is_interrupted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl+C while waiting for the child: the with block's exit still reaps it."""
    wait = os.waitpid
    interrupts = [KeyboardInterrupt()]

    def interrupted_once(pid: int, options: int) -> tuple[int, int]:
        if interrupts:
            raise interrupts.pop()
        return wait(pid, options)

    monkeypatch.setattr(os, "waitpid", interrupted_once)
    with pytest.raises(KeyboardInterrupt), Pending(str.upper, "x", fork=True) as pending:
        pending.result()
    monkeypatch.undo()
    assert _no_child_left()


@needs_fork
def test_a_child_reaped_elsewhere_means_the_call_runs_here() -> None:
    """With SIGCHLD ignored the system reaps children itself: nothing to wait for."""
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        with Pending(_exit_in_child, os.getpid(), fork=True) as pending:
            assert pending.result() == "computed here"
    finally:
        signal.signal(signal.SIGCHLD, previous)


@needs_fork
def test_ctrl_c_just_after_the_fork_leaves_no_child_running_our_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A signal that comes as `fork` returns is handled where each process is ready:
    the child inside `_send_and_exit`, the parent once it knows its child."""
    fork = os.fork

    def fork_then_ctrl_c() -> int:
        pid = fork()
        try:
            os.kill(os.getpid(), signal.SIGINT)  # each process gets one, as from a terminal
        except KeyboardInterrupt:
            if pid == 0:
                os._exit(99)  # the child would run the caller's code from here on
            raise
        return pid

    monkeypatch.setattr(os, "fork", fork_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt), Pending(str.upper, "x", fork=True):
        pass
    monkeypatch.undo()
    assert _no_child_left()


@needs_fork
def test_no_fork_while_other_threads_run() -> None:
    import threading

    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not fork_is_useful()
    finally:
        release.set()
        worker.join()


PAGES = sorted((FIXTURES / "pages").glob("*.txt")) + sorted((FIXTURES / "holdout").glob("*.txt"))


@needs_fork
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_parse_is_the_same_with_the_thread_rules_in_a_child(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = page.read_text(encoding="utf-8")
    alone = parse_text(text)
    forks = []
    monkeypatch.setattr(parse, "FORK_MIN_COMMENTS", 1)
    monkeypatch.setattr(parse, "fork_is_useful", lambda: forks.append(1) or True)
    assert parse_text(text) == alone
    assert forks or not alone.comments, "the forked path ran"
