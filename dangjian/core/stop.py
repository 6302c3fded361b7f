"""Work that a newer request makes pointless (a preview settling while the author edits
again) is asked between files whether to go on."""

from __future__ import annotations

from collections.abc import Callable

Stop = Callable[[], bool]
"""True once the work should end."""


class Stopped(Exception):
    """The work ended because its ``Stop`` said so; nothing it made is to be used."""


def never() -> bool:
    return False


def check(stop: Stop) -> None:
    if stop():
        raise Stopped
