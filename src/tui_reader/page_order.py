"""A corrected page put back in the order it was parsed in.

Thread corrections move comments in the tree; the search index, the export and the
`--dump` schema list comments in page order, so they take the corrected page in the
parsed page's order. No Textual here: the reader's mixins and the core share it.
"""

from __future__ import annotations

import attrs

from tui_reader.model import Page


def in_parsed_order(page: Page, original: Page) -> Page:
    """`page` (corrected) with its comments in `original`'s parsed order: the order the
    search index and the export's schema are built in."""
    position = {comment.id: i for i, comment in enumerate(original.comments)}
    ordered = sorted(page.comments, key=lambda comment: position[comment.id])
    return attrs.evolve(page, comments=tuple(ordered))
