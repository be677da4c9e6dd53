"""blake2b for ids, state file names and cache keys, without `hashlib`.

`hashlib` loads OpenSSL at import (~2 ms), which the reader's first paint and
`--dump` would wait for; its blake2b is this module, `_blake2`, underneath.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without _blake2
    from hashlib import blake2b

__all__ = ["blake2b"]
