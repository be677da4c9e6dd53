"""Bytes of a saved page to text: the encodings and line ends browsers and editors write.

UTF-8 with or without BOM, UTF-16 with a BOM, CRLF or CR line ends. Bytes that are not
valid UTF-8 are replaced (U+FFFD) and reported in a warning rather than refused, since a
page with one broken byte is still worth reading. A NUL byte outside UTF-16 means the
file is not text at all.
"""

from __future__ import annotations

import codecs
import re
from typing import AnyStr, NamedTuple


class BinaryInputError(ValueError):
    """The bytes are not text (NUL bytes), so there is no page to parse."""


class Decoded(NamedTuple):
    text: str
    warnings: tuple[str, ...] = ()


# Byte order marks and what each says the file is. `head_split.cut_utf8` leaves any
# file that starts with one to `decode_bytes`.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A yt-dlp `.info.json` file rather than a saved page: its first character is "{".
JSON_START_RE = re.compile(r"[\ufeff\s]*\{")
# A start that cannot tell yet (only spaces and BOMs so far): "{" may still follow.
BLANK_START_RE = re.compile(r"[\ufeff\s]*")


def decode_bytes(data: bytes) -> Decoded:
    """Decode `data`; line ends are normalised to "\\n" later by `normalise_newlines`."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return _checked(_decode(data[len(bom) :], codec))
    if b"\0" in data:
        raise BinaryInputError("it contains NUL bytes (a binary file?)")
    return _decode(data, "utf-8")  # no NUL byte, so no NUL character: nothing to check


def _decode(data: bytes, codec: str) -> Decoded:
    try:
        return Decoded(data.decode(codec))
    except UnicodeDecodeError as exc:
        text = data.decode(codec, errors="replace")
        warning = f"invalid {codec.upper()} bytes replaced with U+FFFD (first at byte {exc.start})"
        return Decoded(text, (warning,))


def _checked(decoded: Decoded) -> Decoded:
    if "\0" in decoded.text:
        raise BinaryInputError("it contains NUL characters (a binary file?)")
    return decoded


def normalise_newlines(text: AnyStr) -> AnyStr:
    """CRLF and lone CR become LF; a no-op (no copy) for text that has neither.

    Text or bytes alike: "\\r" and "\\n" are ASCII and never inside a UTF-8 character,
    so normalising the bytes of a UTF-8 file equals normalising its decoded text.
    """
    if isinstance(text, str):
        return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    return text.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in text else text
