"""Measure `mechanics-tui PAGE --dump json` against the floor for any Python tool.

The yardstick is a one-liner that reads the same file, splits it into lines and
prints them as a JSON list: no Python tool that parses the page can do less. Both
run as separate processes, side by side in one run, alternating repetitions so
that machine noise hits both alike; wall time and peak RSS (from `os.wait4`, per
child) are reported as medians, with the ratios against the targets of issue 2:
time <= 3x and peak RSS <= 2x the yardstick's, and cost linear in the page size
(the 10k/100k time ratio should be close to 0.1).

    python benchmarks/bench_parse.py                      # generates 10k and 100k pages
    python benchmarks/bench_parse.py --reps 3 --sizes 10000
    python benchmarks/bench_parse.py --page /tmp/p100k.txt
    git archive HEAD~3 src | tar -x -C /tmp/before   # an older parser, side by side:
    python benchmarks/bench_parse.py --before /tmp/before/src
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATOR = HERE / "generate_page.py"
YARDSTICK = (
    "import json,sys; "
    "print(json.dumps(open(sys.argv[1],encoding='utf-8').read().splitlines()))"
)
TIME_TARGET = 3.0
RSS_TARGET = 2.0


@dataclass
class Samples:
    """Wall seconds, CPU seconds and peak RSS (MiB) of repeated runs of one command."""

    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    rss_mib: list[float] = field(default_factory=list)

    @property
    def time(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpu_seconds)

    @property
    def rss(self) -> float:
        return statistics.median(self.rss_mib)


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run argv with stdout to /dev/null; (wall s, CPU s, peak RSS MiB) of that child.

    CPU time (user + system) is shown next to wall time because on a shared machine
    the wall clock also counts time spent waiting for a core.
    """
    with tempfile.TemporaryFile() as err:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            detail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise SystemExit(f"command failed ({code}): {' '.join(argv)}\n" + "\n".join(detail))
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def child_environment(bytecode_dir: str) -> dict[str, str]:
    """This environment, with bytecode cached in `bytecode_dir` for every child.

    With PYTHONDONTWRITEBYTECODE set (as in some sandboxes), each run would compile
    every module edited since its last `.pyc` again, a cost no installed copy pays
    (pip compiles at install). A private PYTHONPYCACHEPREFIX, filled by the untimed
    warm-up, keeps the source tree untouched and both commands on equal terms.
    """
    env = {**os.environ, "PYTHONPYCACHEPREFIX": bytecode_dir}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def commands(python: str, page: Path) -> dict[str, list[str]]:
    return {
        "yardstick": [python, "-c", YARDSTICK, str(page)],
        "dump json": [python, "-m", "tui_reader", str(page), "--dump", "json"],
    }


def fill_cache(python: str, page: Path, env: dict[str, str]) -> None:
    """Let a `--search` put the parsed page in the cache, as a reader's earlier run would."""
    subprocess.run([python, "-m", "tui_reader", str(page), "--search", "x"], env=env,
                   stdout=subprocess.DEVNULL, check=False)


def measure(python: str, page: Path, reps: int, envs: dict[str, dict[str, str]]
            ) -> dict[str, Samples]:
    """Alternate the commands rep by rep after one untimed warm-up of each.

    "dump json" runs once per environment in `envs` (an empty parse cache, and one
    holding this page), named "dump json" and "dump json (<env>)".
    """
    cmds: dict[str, tuple[list[str], dict[str, str]]] = {}
    default_env = next(iter(envs.values()))
    for name, argv in commands(python, page).items():
        if name == "yardstick":
            cmds[name] = (argv, default_env)
            continue
        for env_name, env in envs.items():
            cmds[name if env is default_env else f"{name} ({env_name})"] = (argv, env)
    results = {name: Samples() for name in cmds}
    for argv, env in cmds.values():
        run_once(argv, env)  # warm the page cache and the bytecode cache
    for _ in range(reps):
        for name, (argv, env) in cmds.items():
            seconds, cpu, rss = run_once(argv, env)
            results[name].seconds.append(seconds)
            results[name].cpu_seconds.append(cpu)
            results[name].rss_mib.append(rss)
    return results


def ensure_page(size: int, out_dir: Path, seed: int) -> Path:
    """A generated page of `size` comments, reused if already there."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"page_{size}_seed{seed}.txt"
    if not path.exists():
        subprocess.run(
            [sys.executable, str(GENERATOR), "--comments", str(size), "--seed", str(seed),
             "-o", str(path)],
            check=True,
        )
    return path


def _verdict(ratio: float, target: float) -> str:
    return "ok" if ratio <= target else "MISS"


def report(rows: list[tuple[str, Path, dict[str, Samples]]]) -> list[dict]:
    """One line per page and command: medians, and ratios against that page's yardstick."""
    header = (f"{'page':<14}{'MB':>6}  {'command':<22}{'wall s':>8}{'time x':>8}  {'(<=3x)':<7}"
              f"{'cpu s':>7}{'cpu x':>7}{'MiB':>8}{'RSS x':>7}  (<=2x)")
    print(header)
    print("-" * len(header))
    summary = []
    for label, page, res in rows:
        yard = res["yardstick"]
        size_mb = page.stat().st_size / 1e6
        for name, sample in res.items():
            time_ratio, cpu_ratio = sample.time / yard.time, sample.cpu / yard.cpu
            rss_ratio = sample.rss / yard.rss
            verdicts = ("", "") if name == "yardstick" else (
                _verdict(time_ratio, TIME_TARGET), _verdict(rss_ratio, RSS_TARGET))
            print(f"{label:<14}{size_mb:>6.1f}  {name:<22}{sample.time:>8.3f}{time_ratio:>8.2f}  "
                  f"{verdicts[0]:<7}{sample.cpu:>7.3f}{cpu_ratio:>7.2f}{sample.rss:>8.1f}"
                  f"{rss_ratio:>7.2f}  {verdicts[1]}")
            summary.append({
                "page": label, "path": str(page), "megabytes": round(size_mb, 2),
                "command": name, "seconds": sample.seconds, "cpu_seconds": sample.cpu_seconds,
                "rss_mib": sample.rss_mib, "time_ratio": round(time_ratio, 3),
                "cpu_ratio": round(cpu_ratio, 3), "rss_ratio": round(rss_ratio, 3),
            })
    return summary


def report_linearity(rows: list[tuple[str, Path, dict[str, Samples]]]) -> None:
    """Small/large time ratios, against the ratio of the page sizes."""
    if len(rows) < 2:
        return
    (small_label, small_page, small), (large_label, large_page, large) = rows[0], rows[-1]
    size_ratio = small_page.stat().st_size / large_page.stat().st_size
    print(f"\nlinearity {small_label}/{large_label} (size ratio {size_ratio:.3f}):")
    for name in ("yardstick", "dump json"):
        print(f"  {name:<10} time ratio {small[name].time / large[name].time:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="comment counts of the generated pages (default: 10000 100000)")
    parser.add_argument("--page", type=Path, action="append", default=[],
                        help="measure this page instead of generated ones (repeatable)")
    parser.add_argument("--reps", type=int, default=5, help="timed runs of each command")
    parser.add_argument("--seed", type=int, default=1, help="generator seed")
    parser.add_argument("--out", type=Path, default=HERE / "out",
                        help="where generated pages are kept (default: benchmarks/out)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--no-warm", dest="warm", action="store_false",
                        help="skip the extra row for a page already in the parse cache")
    parser.add_argument("--before", type=Path, metavar="SRC",
                        help="also run a cold --dump json importing tui_reader from SRC (a "
                             "copy of an older src/), alternating with the others")
    args = parser.parse_args(argv)

    if args.page:
        pages = [(p.name, p) for p in args.page]
    else:
        pages = [(f"{n // 1000}k comments", ensure_page(n, args.out, args.seed))
                 for n in sorted(args.sizes)]
    load = ", load " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus{load}; {args.reps} runs each, "
          "medians of wall time, CPU time and peak RSS per child process\n")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-bytecode-") as bytecode:
        base = child_environment(bytecode)
        for label, page in pages:
            with (tempfile.TemporaryDirectory(prefix="bench-cold-") as cold,
                  tempfile.TemporaryDirectory(prefix="bench-warm-") as warm,
                  tempfile.TemporaryDirectory(prefix="bench-before-") as before):
                # cold: an empty cache folder, so every run parses the page (the target);
                # warm: the page was seen before, as when a reader dumps a page they opened.
                envs = {"cold": {**base, "MECHANICS_TUI_CACHE_DIR": cold}}
                if args.warm:
                    envs["warm cache"] = {**base, "MECHANICS_TUI_CACHE_DIR": warm}
                    fill_cache(sys.executable, page, envs["warm cache"])
                if args.before:  # PYTHONPATH comes before the editable install's path
                    envs["before"] = {**base, "MECHANICS_TUI_CACHE_DIR": before,
                                      "PYTHONPATH": str(args.before.resolve())}
                rows.append((label, page, measure(sys.executable, page, args.reps, envs)))
    summary = report(rows)
    report_linearity(rows)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
