"""Start-up: time to first paint of the reader vs a minimal Textual app, in one run.

Both run as fresh processes in a pseudo-terminal (120x35), alternating, and exit right
after their first paint (`MECHANICS_TUI_EXIT_AFTER_PAINT=1` for the reader; the minimal
app calls `call_after_refresh(self.exit)` in `on_mount`). Wall time runs from spawning the
process to its exit, so interpreter start-up, imports, parsing the page, mounting and the
first paint all count, for both. Target: the reader's median within 1.3x the minimal app's.

    python benchmarks/bench_startup.py [PAGE] [--runs 7]

PAGE defaults to the shared page when /work/shared/pages exists, else the demo page.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

SHARED_PAGE = Path("/work/shared/pages/000_f766a070b5e69cd3.txt")
SIZE = (120, 35)

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hello")

    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run()
"""


def run_in_pty(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds from spawn to exit of `argv` attached to a fresh pseudo-terminal.

    CPU time (user + system, from the child's rusage) is reported too because on a shared,
    loaded machine wall time mostly measures the scheduler; CPU time measures the work.
    """
    master, slave = pty.openpty()
    columns, rows = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    while True:  # drain the output so the app never blocks on a full terminal buffer
        try:
            if not os.read(master, 65536):
                break
        except OSError:
            break
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    os.close(master)
    if process.returncode != 0:
        raise SystemExit(f"{argv!r} exited with {process.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", help="saved page (default: shared page or demo)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    page_args = [args.page] if args.page else [str(SHARED_PAGE)] if SHARED_PAGE.exists() else []
    env = {**os.environ, "MECHANICS_TUI_EXIT_AFTER_PAINT": "1", "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    # Installed users get cached bytecode; without it our own modules would be compiled
    # from source on every run (this sandbox sets PYTHONDONTWRITEBYTECODE).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    reader = [sys.executable, "-m", "tui_reader", *page_args]
    minimal = [sys.executable, "-c", MINIMAL_APP]

    run_in_pty(minimal, env)  # warm the file cache for both before measuring
    run_in_pty(reader, env)
    wall: dict[str, list[float]] = {"minimal": [], "reader": []}
    cpu: dict[str, list[float]] = {"minimal": [], "reader": []}
    for _ in range(args.runs):
        for name, argv in (("minimal", minimal), ("reader", reader)):
            elapsed, used = run_in_pty(argv, env)
            wall[name].append(elapsed)
            cpu[name].append(used)

    page_name = page_args[0] if page_args else "demo page"
    print(f"first paint, {args.runs} runs each, alternating, {SIZE[0]}x{SIZE[1]} pty")
    print(f"page: {page_name}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for label, table in (("wall", wall), ("cpu", cpu)):
        for name, values in table.items():
            runs = " ".join(f"{value * 1000:.0f}" for value in values)
            print(
                f"{label:>4} {name:>8}: median {statistics.median(values) * 1000:5.0f} ms, "
                f"min {min(values) * 1000:5.0f} ms  (runs: {runs})"
            )
        ratio = statistics.median(table["reader"]) / statistics.median(table["minimal"])
        verdict = "OK" if ratio <= 1.3 else "OVER TARGET"
        print(f"{label:>4}    ratio: {ratio:.2f}x the minimal app (target <= 1.30x): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
