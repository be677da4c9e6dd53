"""`mechanics-tui`: open the reader, or dump, search or summarise a page for scripts.

Only the standard library is imported at module level: the parser, the dump writers
and above all Textual are imported when a command needs them, so `--dump`, `--search`
and `--stats` start fast and never pay for the UI. The everyday command,
`mechanics-tui PAGE`, is read without argparse (see `_plain_open`).
Bad input ends with one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from tui_reader import __version__

if TYPE_CHECKING:
    import argparse

    from tui_reader.model import Page

T = TypeVar("T")
PROG = "mechanics-tui"
DEFAULT_LIMIT = 20
CACHE_MIN_BYTES = 1 << 20
"""Pages smaller than this are parsed, never cached: parsing one takes a few
milliseconds, less than importing the cache and unpickling an entry does."""
EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process killed by SIGPIPE

DESCRIPTION = """\
A keyboard-first terminal reader for saved video pages: chapters, threaded
comments and fuzzy search. PAGE is a page saved as text (select all, copy,
paste into a file), a yt-dlp .info.json written with --write-comments, or -
for standard input. Without PAGE the bundled demo page is used."""

EXAMPLES = """\
examples:
  mechanics-tui                          open the demo page in the reader
  mechanics-tui page.txt                 read a saved page
  mechanics-tui page.txt --at c3f2a9b10  open with that comment selected (ids: --dump)
  mechanics-tui page.txt --dump json     the page model as JSON (schema 1)
  mechanics-tui page.txt --dump text | less
                                         the thread tree, safe for any pager
  mechanics-tui page.txt --search "heat reuse" --limit 5
  mechanics-tui page.txt --search @name --json
  mechanics-tui page.txt --stats         the page's health and shape
  cat page.txt | mechanics-tui - --dump text

exit status: 0 success, 1 --search found nothing, 2 bad input or usage."""


class InputError(Exception):
    """Bad input: its message becomes the one line printed on stderr."""


class UsageError(Exception):
    """A command line argparse rejected: reported as one line, not a usage block."""


def _usage_line(message: str) -> str:
    """argparse's error `message` as the one line printed on stderr.

    "argument --dump: invalid choice: 'yaml' (choose from 'json', 'text')" becomes
    "--dump: invalid choice 'yaml' (choose json or text); see --help". The text may
    echo what was typed, so control characters show as placeholders.
    """
    import re

    from tui_reader.sanitize import visible

    message = re.sub(r"\bargument (?=-)", "", message)
    choice = re.search(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", message)
    if choice is not None:
        names = [name.strip().strip("'") for name in choice["choices"].split(",")]
        listed = " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        message = (
            message[: choice.start()]
            + f"invalid choice {choice['value']} (choose {listed})"
            + message[choice.end() :]
        )
    return f"{_one_line(visible(message))}; see --help"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (kept separate so tests and docs can inspect it)."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise UsageError(_usage_line(message))

    parser = Parser(
        prog=PROG,
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "page",
        nargs="?",
        metavar="PAGE",
        help="saved page (.txt), yt-dlp .info.json, or - for stdin (default: the demo page)",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--dump",
        choices=("json", "text"),
        help="print the page as JSON (schema 1) or as an indented thread tree, then exit",
    )
    mode.add_argument(
        "--search", metavar="QUERY", help="print the comments matching QUERY, ranked, then exit"
    )
    mode.add_argument(
        "--stats", action="store_true", help="print the page's health and shape, then exit"
    )
    parser.add_argument(
        "--at", metavar="COMMENT_ID", help="open the reader with this comment selected"
    )
    parser.add_argument(
        "--limit",
        type=_positive_int,
        metavar="N",
        help=f"with --search: print at most N hits (default: {DEFAULT_LIMIT})",
    )
    parser.add_argument(
        "--json", action="store_true", help="with --search or --stats: print JSON"
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def _positive_int(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return number


def _check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Reject option combinations that would otherwise be silently ignored."""
    if args.json and args.search is None and not args.stats:
        parser.error("--json only applies to --search or --stats")
    if args.search is None and args.limit is not None:
        parser.error("--limit only applies to --search")
    if args.at is not None and (args.dump or args.search is not None or args.stats):
        parser.error("--at only applies when opening the reader")


def _demo_path() -> str:
    """The bundled demo page, as a real path the parser can open."""
    from tui_reader.demo import demo_resource

    demo = demo_resource()
    if not demo.is_file():
        raise InputError("the demo page is not available yet; give a PAGE")
    return str(demo)


def _reading(read: Callable[..., T], path: str, *args: Any) -> T:
    """Call `read(path, *args)`, turning every input problem into `InputError`."""
    try:
        from tui_reader.parse import PageError
    except ImportError as exc:
        raise InputError("the page parser is not available yet") from exc
    if path == "-" and sys.stdin.isatty():
        raise InputError("-: standard input is a terminal; pipe a page in or give a file")
    try:
        return read(path, *args)
    except PageError as exc:
        raise InputError(_one_line(str(exc))) from None
    except OSError as exc:
        shown = "standard input" if path == "-" else path
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None


def _worth_caching(path: str) -> bool:
    """A real file big enough that the parse cache beats parsing (see CACHE_MIN_BYTES)."""
    try:
        return path != "-" and os.path.getsize(path) >= CACHE_MIN_BYTES
    except OSError:
        return False  # the load reports the problem in one line


def _load(path: str, *, cached: bool = False, storing: bool = True) -> tuple[Page, str | None]:
    """PAGE and its cache key: from the parse cache when this content was seen (with
    `cached`), else parsed. The key (None for stdin) lets the reader store the page and
    its search index after its first paint, so the next open skips parsing; a caller
    that never stores (not `storing`) may get None (see `cache.load_keyed`)."""
    page, key = None, None
    if cached:
        with contextlib.suppress(ImportError):
            from tui_reader.cache import load_keyed

            loaded = _reading(lambda p: load_keyed(p, key_needed=storing), path)
            page, key = loaded.page, loaded.key
    if page is None:
        from tui_reader.parse import load_page

        page = _reading(load_page, path)
    for warning in page.warnings:
        print(f"{PROG}: warning: {_one_line(warning)}", file=sys.stderr)
    return page, key


def _one_line(message: str) -> str:
    """Collapse a message to one line so stderr stays one line per problem."""
    return " ".join(message.split()) or "bad input"


def _not_available(feature: str, exc: ImportError) -> int:
    """Report a part of the program that is not installed or not built yet, in one line."""
    print(f"{PROG}: {feature} is not available yet ({_one_line(str(exc))})", file=sys.stderr)
    return EXIT_BAD_INPUT


def _corrected(page: Page) -> Page:
    """The page with the reader's saved thread corrections applied, still in page order.

    `--dump` and `--stats` describe the threads the reader shows, so a comment the
    reader moved carries `"reason": "user"`. Problems with the state file are warnings.
    """
    try:
        from tui_reader.corrections import load_corrected
    except ImportError:
        return page
    corrected, warnings = load_corrected(page)
    for warning in [*corrected.warnings[len(page.warnings) :], *warnings]:
        print(f"{PROG}: warning: {_one_line(warning)}", file=sys.stderr)
    if corrected is page:
        return page
    from tui_reader.page_order import in_parsed_order

    return in_parsed_order(corrected, page)


def _run_dump(page: Page, fmt: str) -> int:
    from tui_reader.dump import write_json, write_text

    (write_json if fmt == "json" else write_text)(page, sys.stdout)
    sys.stdout.flush()
    return EXIT_OK


def _run_search(path: str, query: str, limit: int, as_json: bool) -> int:
    """Search through the cache: a page searched before is not parsed again."""
    try:
        from tui_reader.cache import load_index
        from tui_reader.search_cli import QueryError, run_search
    except ImportError as exc:
        return _not_available("--search", exc)
    try:
        if path == "-":  # read once, so there is no content to key a cache on
            code = run_search(_load(path)[0], query, limit, as_json, sys.stdout)
        else:
            # Only loading is "reading": a closed stdout while printing is a broken pipe.
            index = _reading(load_index, path)
            code = run_search(None, query, limit, as_json, sys.stdout, index=index)
    except QueryError as exc:  # a misspelt filter is bad usage, not "nothing found"
        raise InputError(f"--search: {_one_line(str(exc))}") from None
    sys.stdout.flush()
    return code


def _run_stats(page: Page, as_json: bool) -> int:
    try:
        from tui_reader.stats import render_stats_text, stats_to_dict
    except ImportError as exc:
        return _not_available("--stats", exc)
    if as_json:
        from tui_reader.dump import write_json_value

        write_json_value(stats_to_dict(page), sys.stdout)
    else:
        text = render_stats_text(page, _terminal_width())
        sys.stdout.write(text.rstrip("\n") + "\n")
    sys.stdout.flush()
    return EXIT_OK


def _terminal_width() -> int | None:
    """stdout's width in cells when it is a terminal; None for a pipe or a file, whose
    lines are never cut (a script reads whole titles)."""
    try:
        if not sys.stdout.isatty():
            return None
        return max(40, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        return None


def _terminal_as_stdin() -> None:
    """The page came through a pipe: read keys from the terminal instead, as `less` does."""
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise InputError("no terminal to read keys from; use --dump, --search or --stats") from None
    os.dup2(tty, 0)
    os.close(tty)


def _run_app(page: Page, at: str | None, *, cache_key: str | None, from_stdin: bool) -> int:
    if at is not None and not any(c.id == at for c in page.comments):
        raise InputError(f"--at {at}: no comment with that id on this page")
    try:
        from tui_reader.app import ReaderApp
    except ImportError as exc:
        return _not_available("the reader", exc)
    if from_stdin:
        _terminal_as_stdin()
    # The collector stays off until the reader's first frame is out (the app turns it
    # on then): start-up makes no garbage cycles worth ~70 collections on the way.
    gc.freeze()
    # Frames reach the terminal through Textual's output thread, which needs the GIL.
    # At the default 5 ms switch interval it waited up to 5 ms behind the event loop's
    # next layout pass for the first frame, and behind the index and chapter-link
    # workers for every frame after it; 1 ms lets it (and the event loop, when a
    # worker holds the GIL) run promptly. Only the reader sets it.
    sys.setswitchinterval(0.001)
    app = ReaderApp(page, at=at, cache_key=cache_key)
    app.run()
    code = app.return_code
    return EXIT_OK if code is None else int(code)


def _plain_open(arguments: Sequence[str]) -> SimpleNamespace | None:
    """What argparse would make of `mechanics-tui [PAGE]`, None for any other command line.

    Opening a page is the command people run most, and the reader's first paint waits
    for argparse and gettext to import (~2 ms); anything with an option still goes
    through `build_parser`. A test keeps this equal to `parse_args` for such lines.
    """
    if len(arguments) > 1 or (arguments and arguments[0].startswith("-")):
        return None
    page = arguments[0] if arguments else None
    return SimpleNamespace(
        page=page, dump=None, search=None, stats=False, at=None, limit=None, json=False
    )


def _dispatch(args: argparse.Namespace | SimpleNamespace, built: list[object]) -> int:
    # Parsing allocates hundreds of thousands of objects and no garbage cycles; the
    # cyclic collector would rescan them again and again (about 10% of a 100k-comment
    # parse). One-shot commands keep it off until exit; the reader freezes the parsed
    # page into the permanent generation so later collections skip it, and turns the
    # collector on after its first paint.
    gc.disable()
    path = args.page if args.page is not None else _demo_path()
    one_shot = bool(args.dump or args.stats)
    if one_shot or args.search is not None:
        _tolerant_stdout()
    if args.search is not None:
        limit = DEFAULT_LIMIT if args.limit is None else args.limit
        return _run_search(path, args.search, limit, args.json)
    # A page seen before (searched, or opened in the reader) comes back from the parse
    # cache; a new one is parsed, and nothing is written to the cache for it here.
    page, cache_key = _load(path, cached=_worth_caching(path), storing=not one_shot)
    if one_shot:
        built.append(page)  # see `run`: a one-shot command's page is never freed
    if args.dump:
        return _run_dump(_corrected(page), args.dump)
    if args.stats:
        return _run_stats(_corrected(page), args.json)
    return _run_app(page, args.at, cache_key=cache_key, from_stdin=path == "-")


def _tolerant_stdout() -> None:
    """Characters stdout's encoding cannot write (PYTHONIOENCODING=latin-1, an old
    LANG=C system) print as "?" instead of ending the command with a traceback.
    `--dump json` is unaffected: it writes UTF-8 bytes (see `dump.write_json`)."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError):  # a stream already written to in some modes
            reconfigure(errors="replace")


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """The `mechanics-tui` command on `argv` (default: this process's); the exit status."""
    return _main(argv, [])


def run() -> NoReturn:
    """Entry point of the `mechanics-tui` console script and `python -m tui_reader`.

    After `--dump` or `--stats` the process has nothing left to do but free the page
    it parsed, object by object (about 40 ms on a 100,000-comment page), and tear the
    interpreter down: once stdout and stderr are flushed, `os._exit` skips both. The
    reader exits normally (Textual and its workers clean up after themselves).
    """
    built: list[object] = []
    code = _main(None, built)
    if not built:
        sys.exit(code)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = EXIT_BROKEN_PIPE
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _main(argv: Sequence[str] | None, built: list[object]) -> int:
    """`main`, handing what a one-shot command built to `built` (see `run`)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | SimpleNamespace | None = _plain_open(arguments)
    if args is None:
        parser = build_parser()
        try:
            args = parser.parse_args(arguments)
            _check_usage(parser, args)
        except UsageError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except SystemExit as exc:  # --help and --version
            return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    collecting = gc.isenabled()
    try:
        return _dispatch(args, built)
    except InputError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    finally:
        if collecting:  # main() may run inside a longer-lived process (tests)
            gc.enable()


if __name__ == "__main__":
    run()
