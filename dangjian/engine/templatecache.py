"""Compiled templates kept for the life of the process.

MkDocs makes a new Jinja environment for every build, which compiles Material's
templates again: about a second, and most of what ``dangjian serve`` spends rendering
one edited page. Jinja keys compiled code by the template's name and a checksum of its
source, so an edited template is compiled afresh.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._store.clear()


SHARED = MemoryBytecodeCache()
