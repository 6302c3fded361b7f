"""Edit to reloaded page in ``dangjian serve``: the median of several edits.

    python bench/serve_edit.py --pages 2000 --edits 10

Generates a project (``bench/corpus.py``), starts ``dangjian serve`` on it, waits for the
first build, then edits one regulation at a time (a sentence with a new word appended to
its body) and measures from the moment the file is written to the moment the page the
browser would reload carries the new word and the version the reload script polls has
changed. The script polls every 0.3 s, so a browser sees the page at most that much later.

``--pause`` is the time between a reloaded page and the next edit: at the default 1 s
the edits come faster than the rest of the site settles (two quiet seconds); at 5 s each
edit lands while the settling of the one before runs.
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
import urllib.request
from pathlib import Path

import corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--pause", type=float, default=1.0,
                        help="seconds between a reloaded page and the next edit; above "
                             "two, the rest of the site settles meanwhile")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "dangjian-serve-bench")
    args = parser.parse_args(argv)
    project = corpus.generate(args.workdir / "project", args.pages)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    log = (args.workdir / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "dangjian", "serve", "-a",
                               f"127.0.0.1:{args.port}"], cwd=project, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{args.port}"
    try:
        started = time.monotonic()
        while True:
            try:
                version = _get(base + "/__dangjian/version")
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit((args.workdir / "serve.log").read_text()) from None
                time.sleep(0.5)
        first = time.monotonic() - started
        # A work with editions keeps its text in a folder of edition files.
        regs = sorted(path for path in (project / "docs" / "regulations").glob("reg-*.md")
                      if not path.with_suffix("").is_dir())
        times = []
        for i in range(args.edits):
            source = regs[(i * 97) % len(regs)]
            page = f"{base}/regulations/{source.stem}/"
            word = f"校验词{i:02d}号"
            time.sleep(args.pause)  # one edit at a time
            edited = time.monotonic()
            with source.open("a", encoding="utf-8") as handle:
                handle.write(f"\n本条补充一句{word}。\n")
            while True:
                now = _get(base + "/__dangjian/version")
                if now != version and word in _get(page):
                    break
                time.sleep(0.05)
            times.append(time.monotonic() - edited)
            version = now
            print(f"edit {i + 1}: {times[-1]:.2f} s", file=sys.stderr, flush=True)
    finally:
        server.terminate()
        server.wait()
    result = {"pages": args.pages, "pause_seconds": args.pause,
              "first_build_seconds": round(first, 1),
              "edit_seconds": [round(t, 2) for t in times],
              "median_seconds": round(statistics.median(times), 2)}
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
