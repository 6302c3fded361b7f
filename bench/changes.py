"""What the release manifest and its comparison cost at N pages.

    python bench/corpus.py 2000 /tmp/corpus-2000
    python bench/changes.py /tmp/corpus-2000

Prepares the project once, then times (best of three) making the manifest from the
prepared content, writing it, reading it back, its digest, and comparing it with a
second manifest in which one article of every tenth document changed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dangjian.core import changes, manifest  # noqa: E402
from dangjian.engine import render as engine  # noqa: E402
from dangjian.pipeline import manifest as published  # noqa: E402
from dangjian.pipeline.prepare import prepare  # noqa: E402


def _best(run: Callable[[], Any]) -> tuple[float, Any]:
    timings, result = [], None
    for _ in range(3):
        started = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - started)
    return min(timings), result


def _changed(made: manifest.Manifest) -> manifest.Manifest:
    documents = dict(made.documents)
    for index, (doc_id, entry) in enumerate(made.documents.items()):
        if index % 10 == 0 and entry.parts:
            first = next(iter(entry.parts))
            documents[doc_id] = entry.model_copy(
                update={"parts": {**entry.parts, first: "0" * 16}})
    return made.model_copy(update={"documents": documents})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    root = parser.parse_args().project
    _, settings = engine.load(root / "mkdocs.yml")
    content = prepare(settings).content
    make, made = _best(lambda: published.make(content, content.today))
    write, data = _best(lambda: manifest.dump(made))
    read, _ = _best(lambda: manifest.load(data))
    digest, _ = _best(lambda: made.digest)
    other = _changed(made)
    compare, found = _best(lambda: changes.compare(made, other))
    parts = sum(len(entry.parts) + len(entry.items) for entry in made.documents.values())
    print(f"{len(made.documents)} documents, {parts} articles and plan items, "
          f"manifest {len(data) / 1024:.0f} KB; {len(found.revised)} revised documents")
    print(f"make {make:.2f} s · write {write:.2f} s · read {read:.2f} s · "
          f"digest {digest:.2f} s · compare {compare:.2f} s")


if __name__ == "__main__":
    main()
