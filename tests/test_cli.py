"""The `mechanics-tui` command: one-line errors with exit 2, schema-valid dumps, inert text.

Most cases run `main(argv)` in-process; a few run `python -m tui_reader` as a real
process to prove that no traceback escapes and that the exit status is right.
"""

from __future__ import annotations

import gc
import io
import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import ClassVar

import pytest

from test_dump import UNSAFE, assert_schema_v1
from tui_reader import __version__, paths
from tui_reader.cli import main

ROOT = Path(__file__).resolve().parent.parent

# A page of our own words in the saved-page format (English interface).
PAGE_TEXT = """\
Backyard weather station | Sensors, solar and a tiny database

12,345 views

Quiet Bench Labs

Quiet Bench Labs

2 weeks ago

We wire a wind vane, a rain gauge and a thermometer to a small board.
00:00 - Intro
01:30 - Sensors
04:10 - Solar power
07:45 - Storing readings
#weather #diy

Comments: 6
@QuietBenchLabs
@QuietBenchLabs 2 weeks ago
Parts list and wiring notes are in the description.
@marta_k
@marta_k 10 days ago
The rain gauge trick at 4:12 saved my weekend.
@QuietBenchLabs
@QuietBenchLabs 9 days ago
Glad it helped, thanks for watching!
@otto.v
@otto.v 8 days ago
Which solar panel wattage did you use for the winter months?
@lina-r
@lina-r 7 days ago
@@otto.v about ten watts was plenty for mine.
@otto.v
@otto.v 6 days ago
@@lina-r thanks, ordering one now.
Soldering for absolute beginners
12:01
Flux Corner
3.4K views
Why rain gauges tip
5:37
"""

HOSTILE_COMMENT = (
    "colour \x1b[31mred\x1b[0m link \x1b]8;;http://e.test\x07here\x1b]8;;\x07 "
    "c1 \x9b2J bidi \u202eevil\u202c bell \x07 done"
)


def hostile_page_text() -> str:
    return PAGE_TEXT.replace("Glad it helped, thanks for watching!", HOSTILE_COMMENT).replace(
        "Backyard weather station", "Backyard \x1b[2J weather station"
    )


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache, state and config of every command go to this test's own folder."""
    for variable in (paths.CACHE_DIR_ENV, paths.STATE_DIR_ENV, paths.CONFIG_DIR_ENV):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(PAGE_TEXT, encoding="utf-8")
    return path


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(code: int, out: str, err: str) -> None:
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("mechanics-tui: "), err
    assert "Traceback" not in err


def run_module(
    *argv: str, stdin: bytes | None = None, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "tui_reader", *argv],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """`python -c code` with this checkout's package, as run_module runs the command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60, check=False)


# --- bad input: one line on stderr, exit 2 -----------------------------------


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n \n\t\n")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "prose.txt").write_text(
        "The kettle whistled twice before anyone noticed.\n"
        "Outside, the gulls argued over a crust of bread,\n"
        "and the tide went out without asking permission.\n",
        encoding="utf-8",
    )
    (tmp_path / "folder").mkdir()
    return {
        "missing": tmp_path / "nope.txt",
        "directory": tmp_path / "folder",
        "empty": tmp_path / "empty.txt",
        "blank": tmp_path / "blank.txt",
        "binary": tmp_path / "binary.bin",
        "prose": tmp_path / "prose.txt",
    }


@pytest.mark.parametrize("kind", ["missing", "directory", "empty", "blank", "binary", "prose"])
@pytest.mark.parametrize("mode", [[], ["--dump", "json"], ["--dump", "text"]])
def test_bad_input_gives_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, mode: list[str]
) -> None:
    path = _bad_inputs(tmp_path)[kind]
    code, out, err = run_main(capsys, str(path), *mode)
    assert_one_line_error(code, out, err)
    assert "not available" not in err  # the parser itself judged the input


def test_unreadable_file_gives_one_line_and_exit_2(
    page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page_file.chmod(0)
    try:
        if os.access(page_file, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        assert_one_line_error(*run_main(capsys, str(page_file), "--dump", "json"))
    finally:
        page_file.chmod(0o644)


def test_unknown_at_id_gives_one_line_and_exit_2(
    page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(capsys, str(page_file), "--at", "c00000000")
    assert_one_line_error(code, out, err)
    assert "c00000000" in err


@pytest.mark.parametrize("kind", ["missing", "binary", "directory"])
def test_real_process_has_no_traceback(tmp_path: Path, kind: str) -> None:
    path = _bad_inputs(tmp_path)[kind]
    result = run_module(str(path), "--dump", "json")
    assert result.returncode == 2
    assert result.stdout == b""
    err = result.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("mechanics-tui: "), err


@pytest.mark.parametrize(
    "argv",
    [["--json"], ["--limit", "5"], ["--search", "x", "--limit", "0"], ["--dump", "xml"],
     ["--dump", "json", "--stats"], ["--dump", "json", "--at", "c1"]],
)
def test_usage_errors_exit_2(
    page_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run_main(capsys, str(page_file), *argv)
    assert_one_line_error(code, out, err)
    assert err.endswith("; see --help\n"), err


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["--dump", "yaml"], "--dump: invalid choice 'yaml' (choose json or text)"),
        (["--search", "x", "--limit", "0"], "--limit: must be at least 1: 0"),
        (["--search", "x", "--limit", "many"], "--limit: not a whole number: 'many'"),
        (["--dump", "json", "--stats"], "--stats: not allowed with --dump"),
        (["--dump"], "--dump: expected one argument"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--json"], "--json only applies to --search or --stats"),
        (["--stats", "--limit", "3"], "--limit only applies to --search"),
    ],
)
def test_a_usage_error_is_one_clear_line(
    page_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    """The README's promise: one line on stderr (no usage block), exit status 2."""
    code, out, err = run_main(capsys, str(page_file), *argv)
    assert (code, out, err) == (2, "", f"mechanics-tui: {line}; see --help\n")


def test_a_usage_error_shows_control_characters_inert(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "page.txt", "--dump", "json", "\x1b[2J\nmore.txt")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "\x1b" not in err and "␛[2J" in err


def test_a_usage_error_in_a_real_process_is_one_line(page_file: Path) -> None:
    result = run_module(str(page_file), "--dump", "yaml")
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == (
        "mechanics-tui: --dump: invalid choice 'yaml' (choose json or text); see --help\n"
    )


# --- dumps -------------------------------------------------------------------


def test_dump_json_validates_against_schema_1(
    page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(capsys, str(page_file), "--dump", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert_schema_v1(doc)
    assert doc["title"].startswith("Backyard weather station")
    assert [c["author"] for c in doc["comments"]][:2] == ["QuietBenchLabs", "marta_k"]


def test_dump_text_of_a_hostile_page_is_inert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(hostile_page_text(), encoding="utf-8")
    code, out, err = run_main(capsys, str(path), "--dump", "text")
    assert code == 0, err
    assert not UNSAFE.search(out), repr(UNSAFE.search(out))
    assert "␛[31mred" in out  # made visible, not silently dropped


def test_dump_text_in_a_real_process_writes_no_escape_bytes(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(hostile_page_text(), encoding="utf-8")
    result = run_module(str(path), "--dump", "text")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert not UNSAFE.search(out)


def test_stdin_dash_reads_the_page(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE_TEXT.encode())))
    code, out, err = run_main(capsys, "-", "--dump", "json")
    assert code == 0, err
    assert_schema_v1(json.loads(out))


def test_stdin_dash_in_a_real_process() -> None:
    result = run_module("-", "--dump", "json", stdin=PAGE_TEXT.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["channel"] == "Quiet Bench Labs"


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`--dump text | head`: the reader goes away early; no traceback, no noise."""
    blocks = [f"@fan{i}\n@fan{i} {i % 20 + 1} days ago\nNote number {i} about the vane.\n"
              for i in range(3000)]
    path = tmp_path / "big.txt"
    path.write_text(PAGE_TEXT.replace("Soldering", "".join(blocks) + "Soldering"), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", str(path), "--dump", "text"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == ""
    assert proc.returncode != 0


def test_the_console_command_flushes_everything_before_its_quick_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`run` ends one-shot commands with `os._exit`: no byte of stdout or stderr is lost."""
    blocks = [f"@fan{i}\n@fan{i} {i % 20 + 1} days ago\nNote {i} \xe9\n" for i in range(3000)]
    path = tmp_path / "big.txt"
    data = PAGE_TEXT.replace("Soldering", "".join(blocks) + "Soldering").encode("utf-8")
    path.write_bytes(data.replace("\xe9".encode(), b"\xff", 1))  # one bad byte: a warning
    result = run_module(str(path), "--dump", "json")
    assert result.returncode == 0
    assert result.stderr.decode().startswith("mechanics-tui: warning: invalid UTF-8")
    code, out, _ = run_main(capsys, str(path), "--dump", "json")
    assert code == 0 and result.stdout.decode() == out
    assert len(json.loads(out)["comments"]) >= 3000


def test_closed_pipe_after_search_is_quiet(tmp_path: Path) -> None:
    """`--search a --limit 3000 | head -1`: not "cannot read: Broken pipe", exit 141."""
    blocks = [f"@fan{i}\n@fan{i} {i % 20 + 1} days ago\nVane note {i}: " + "a lot " * 12 + "\n"
              for i in range(3000)]
    path = tmp_path / "big.txt"
    path.write_text(PAGE_TEXT.replace("Soldering", "".join(blocks) + "Soldering"), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui_reader", str(path), "--search", "a", "--limit", "3000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == ""
    assert proc.returncode == 141


def test_keyboard_interrupt_is_quiet(
    page_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    def interrupted(args, built):
        raise KeyboardInterrupt

    monkeypatch.setattr("tui_reader.cli._dispatch", interrupted)
    code, out, err = run_main(capsys, str(page_file), "--dump", "json")
    assert code == 130 and out == "" and err == ""


# --- other commands, version, help, import cost ------------------------------


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "--version")
    assert code == 0 and out.strip() == f"mechanics-tui {__version__}"
    code, out, _ = run_main(capsys, "--help")
    assert code == 0 and "examples:" in out and "--dump" in out and "--search" in out


@pytest.mark.parametrize(
    ("module", "argv"),
    [("tui_reader.search_cli", ["--search", "solar"]), ("tui_reader.stats", ["--stats"]),
     ("tui_reader.app", [])],
)
def test_missing_part_is_reported_in_one_line(
    page_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch, module: str,
    argv: list[str],
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes the import fail
    code, out, err = run_main(capsys, str(page_file), *argv)
    assert_one_line_error(code, out, err)
    assert "not available yet" in err


class FakeReaderApp:
    """Stands in for the Textual app: records how the CLI opened it."""

    opened: ClassVar[list[tuple[object, str | None]]] = []
    cache_keys: ClassVar[list[str | None]] = []
    return_code = None

    def __init__(self, page, *, at=None, cache_key=None) -> None:
        FakeReaderApp.opened.append((page, at))
        FakeReaderApp.cache_keys.append(cache_key)

    def run(self) -> None:
        pass


@pytest.fixture
def fake_app(monkeypatch) -> type[FakeReaderApp]:
    FakeReaderApp.opened = []
    FakeReaderApp.cache_keys = []
    module = types.ModuleType("tui_reader.app")
    module.ReaderApp = FakeReaderApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui_reader.app", module)
    monkeypatch.setattr(gc, "freeze", lambda: None)  # keep the test process collectable
    return FakeReaderApp


def test_at_selects_an_existing_comment(
    page_file: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeReaderApp]
) -> None:
    main([str(page_file), "--dump", "json"])
    comment_id = json.loads(capsys.readouterr().out)["comments"][3]["id"]
    code, _, err = run_main(capsys, str(page_file), "--at", comment_id)
    assert code == 0, err
    page, at = fake_app.opened[-1]
    assert at == comment_id and page.comments[3].id == comment_id


def test_the_reader_gets_the_cache_key_of_the_bytes_it_shows(
    page_file: Path,
    capsys: pytest.CaptureFixture[str],
    fake_app: type[FakeReaderApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reader writes the page and its index under this key after its first paint,
    so the next open of a big page skips parsing; stdin has no key."""
    from tui_reader import cli
    from tui_reader.cache import content_key

    monkeypatch.setattr(cli, "CACHE_MIN_BYTES", 0)
    code, _, err = run_main(capsys, str(page_file))
    assert code == 0, err
    assert fake_app.cache_keys[-1] == content_key(str(page_file)) is not None


def test_a_small_page_is_parsed_not_cached(
    page_file: Path, capsys: pytest.CaptureFixture[str], fake_app: type[FakeReaderApp]
) -> None:
    """Under CACHE_MIN_BYTES parsing is cheaper than the cache: no key, nothing stored."""
    code, _, err = run_main(capsys, str(page_file))
    assert code == 0, err
    assert fake_app.cache_keys[-1] is None


def test_no_page_opens_the_demo(
    capsys: pytest.CaptureFixture[str], fake_app: type[FakeReaderApp]
) -> None:
    code, _, err = run_main(capsys)
    assert code == 0, err
    page, at = fake_app.opened[-1]
    assert at is None and page.comments


def test_the_demo_page_is_the_one_demo_py_names(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader import demo

    monkeypatch.setattr(demo, "DEMO_RESOURCE", ("demo", "no_such_page.txt"))
    assert_one_line_error(*run_main(capsys, "--dump", "json"))


def test_dump_without_page_uses_the_demo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "--dump", "json")
    assert code == 0, err
    assert_schema_v1(json.loads(out))


def test_importing_the_cli_and_dumping_never_import_textual(page_file: Path) -> None:
    probe = (
        "import sys; from tui_reader.cli import main; "
        f"code = main([{str(page_file)!r}, '--dump', 'text']); "
        "sys.stdout.flush(); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "sys.exit(f'imported {bad}' if bad else code)"
    )
    result = run_python(probe)
    assert result.returncode == 0, result.stderr


# --- --stats for scripts ------------------------------------------------------

STATS_KEYS = [
    "schema", "title", "channel", "comments_shown", "comments_declared", "threads", "replies",
    "replies_by_reason", "weak_replies", "unparsed_lines", "first_unparsed_line",
    "top_commenters", "busiest_threads", "arguments", "ages", "undated",
]


def test_stats_json_is_one_object_with_the_documented_keys(
    page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(capsys, str(page_file), "--stats", "--json")
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    stats = json.loads(out)
    assert list(stats) == STATS_KEYS
    assert stats["title"] == "Backyard weather station | Sensors, solar and a tiny database"
    assert (stats["comments_shown"], stats["comments_declared"]) == (6, 6)
    assert stats["top_commenters"][0] == {"author": "QuietBenchLabs", "comments": 2}
    assert sum(age["comments"] for age in stats["ages"]) + stats["undated"] == 6
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f'"{key}"' in readme for key in STATS_KEYS)  # documented next to --stats


def test_stats_into_a_pipe_cuts_nothing(tmp_path: Path) -> None:
    """A script reads whole titles and thread starters; no terminal width applies."""
    title = "A deliberately long title " + "that keeps going " * 8 + "and ends here"
    starter = "Which solar panel wattage " + "did you use " * 12 + "in the end?"
    text = PAGE_TEXT.replace("Backyard weather station", title).replace(
        "Which solar panel wattage did you use for the winter months?", starter
    )
    page = tmp_path / "long.txt"
    page.write_text(text, encoding="utf-8")
    result = run_module(str(page), "--stats")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr
    assert "…" not in out
    assert out.splitlines()[0].startswith(title)
    assert starter in out


# --- the input is never written -----------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["--dump", "json"], ["--dump", "text"], ["--stats"], ["--search", "solar", "--json"],
     ["--at", "c00000000"]],
)
def test_input_file_is_never_changed(
    page_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    old_ns = 1_600_000_000_000_000_000
    os.utime(page_file, ns=(old_ns, old_ns))
    before = page_file.read_bytes()
    main([str(page_file), *argv])
    capsys.readouterr()
    assert page_file.read_bytes() == before
    assert page_file.stat().st_mtime_ns == old_ns


def test_page_from_a_pipe_without_a_terminal_cannot_open_the_reader() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "tui_reader", "-"], input=PAGE_TEXT.encode(), env=env,
        capture_output=True, timeout=60, check=False, start_new_session=True,
    )
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1, err
    assert "--dump" in err


def test_search_prints_hits_and_exits_1_on_none(
    page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(capsys, str(page_file), "--search", "solar panel", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits and "solar" in json.dumps(hits, ensure_ascii=False).lower()
    code, out, _ = run_main(capsys, str(page_file), "--search", "qqqxzzv")
    assert code == 1 and out == ""


def test_search_reads_stdin(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE_TEXT.encode())))
    code, out, err = run_main(capsys, "-", "--search", "rain gauge", "--limit", "1")
    assert code == 0, err
    assert len(out.splitlines()) == 1


@pytest.mark.parametrize("kind", ["missing", "binary", "prose"])
def test_search_on_bad_input_gives_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = _bad_inputs(tmp_path)[kind]
    assert_one_line_error(*run_main(capsys, str(path), "--search", "x"))


def test_dump_applies_saved_thread_corrections_in_page_order(
    page_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui_reader.corrections import TOP
    from tui_reader.parse import load_page
    from tui_reader.state import open_state

    page = load_page(str(page_file))
    reply = next(c for c in page.comments if c.parent is not None)
    state, _ = open_state(page)
    state.set_correction(reply.id, TOP)
    assert state.save() == []
    code, out, err = run_main(capsys, str(page_file), "--dump", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert_schema_v1(doc)
    assert [c["id"] for c in doc["comments"]] == [c.id for c in page.comments]
    moved = next(c for c in doc["comments"] if c["id"] == reply.id)
    assert moved["parent"] is None and moved["reason"] == "user"


SHARED_PAGES = sorted((ROOT.parent / "shared" / "pages").glob("*.txt"))


@pytest.mark.skipif(not SHARED_PAGES, reason="no shared pages on this machine")
@pytest.mark.parametrize("shared", SHARED_PAGES, ids=lambda path: path.name)
def test_shared_pages_dump_valid_json_and_inert_text(
    shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(capsys, str(shared), "--dump", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert_schema_v1(doc)
    assert doc["comments"]
    code, out, err = run_main(capsys, str(shared), "--dump", "text")
    assert code == 0, err
    assert not UNSAFE.search(out)


def _info_json_with_lone_surrogates(tmp_path: Path) -> Path:
    """A yt-dlp file whose title and a comment hold a lone surrogate (valid JSON, bad UTF-8)."""
    info = {
        "title": "Tide mill \udc00 rebuilt",
        "channel": "Quiet Bench Labs",
        "comments": [
            {"id": "a1", "parent": "root", "author": "@millwright",
             "text": "The sluice gate \ud800 squeaks at low tide"},
            {"id": "a2", "parent": "a1", "author": "@tidewatcher", "text": "Grease the sluice"},
        ],
    }
    path = tmp_path / "mill.info.json"
    path.write_text(json.dumps(info), encoding="ascii")  # \udc00 stays a JSON escape
    return path


@pytest.mark.parametrize(
    "argv",
    [["--dump", "json"], ["--dump", "text"], ["--search", "sluice"], ["--stats"],
     ["--stats", "--json"]],
)
def test_lone_surrogates_in_info_json_never_crash(tmp_path: Path, argv: list[str]) -> None:
    result = run_module(str(_info_json_with_lone_surrogates(tmp_path)), *argv)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    assert "Traceback" not in err
    assert "\ufffd" in result.stdout.decode("utf-8") or argv == ["--stats"]


@pytest.mark.parametrize("arguments", [[], ["page.txt"], ["a page.txt"], [""], ["@name"], ["–x"]])
def test_plain_open_reads_the_command_line_as_argparse_does(arguments: list[str]) -> None:
    """`mechanics-tui [PAGE]` skips argparse; it must still mean what argparse says."""
    from tui_reader.cli import _plain_open, build_parser

    plain = _plain_open(arguments)
    assert plain is not None
    assert vars(plain) == vars(build_parser().parse_args(arguments))


@pytest.mark.parametrize(
    "arguments", [["-"], ["--dump", "json"], ["page.txt", "--stats"], ["a", "b"], ["--help"]]
)
def test_any_option_goes_through_argparse(arguments: list[str]) -> None:
    from tui_reader.cli import _plain_open

    assert _plain_open(arguments) is None


def test_opening_a_page_does_not_import_argparse() -> None:
    code = (
        "import sys, tui_reader.cli as cli\n"
        "cli._dispatch = lambda args, built: 0\n"
        "assert cli.main(['page.txt']) == 0\n"
        "print('argparse' in sys.modules)"
    )
    result = run_python(code)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize(
    "argv",
    [("--dump", "json"), ("--dump", "text"), ("--stats",), ("--search", "пайдалы"),
     ("--search", "пайдалы", "--json"), ("--stats", "--json")],
)
def test_a_stdout_that_cannot_write_kazakh_gets_no_traceback(argv: tuple[str, ...]) -> None:
    page = ROOT / "tests" / "fixtures" / "pages" / "kk_pinned.txt"
    result = run_module(str(page), *argv, env_extra={"PYTHONIOENCODING": "latin-1"})
    assert result.returncode in (0, 1), result.stderr
    assert b"Traceback" not in result.stderr and result.stdout
    if "--json" in argv or "json" in argv:
        json.loads(result.stdout.decode("utf-8"))  # JSON is UTF-8 whatever the stream's
