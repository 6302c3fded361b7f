"""The ``dangjian`` command: build, serve, check, schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .diagnostics import ContentError, Diagnostic


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ContentError as exc:
        _print_diagnostics(exc.diagnostics)
        errors = sum(1 for d in exc.diagnostics if d.severity.value == "error")
        print(f"\n构建失败：{errors} 个错误。site/ 保持不变。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 — the last line of defence: no traceback for users
        from .engine import EngineError
        from .search_index import SearchIndexError

        if isinstance(exc, EngineError | SearchIndexError):
            print(f"构建失败：{exc}", file=sys.stderr)
            return 1
        print(f"内部错误：{type(exc).__name__}: {exc}\n请把这条信息告诉维护者。",
              file=sys.stderr)
        return 70


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dangjian", description="党建知识站：构建、预览和检查")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="项目配置文件（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="构建站点到 site/")
    build.add_argument("-d", "--site-dir", type=Path, help="输出目录（默认取配置）")
    build.add_argument("--strict", action="store_true", default=None, help="有警告即失败")
    build.set_defaults(run=_build)

    serve = sub.add_parser("serve", help="构建并在本机预览，内容改动后自动重建")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000",
                       help="地址（默认 127.0.0.1:8000）")
    serve.add_argument("-d", "--site-dir", type=Path, help="输出目录（默认取配置）")
    serve.add_argument("--no-watch", action="store_true", help="不监视改动")
    serve.set_defaults(run=_serve)

    check = sub.add_parser("check", help="只检查内容，不构建")
    check.add_argument("--strict", action="store_true", default=None, help="有警告即失败")
    check.set_defaults(run=_check)

    schema = sub.add_parser("schema", help="把 front matter 的 JSON Schema 写到目录")
    schema.add_argument("out", type=Path, nargs="?", default=Path("schema"))
    schema.set_defaults(run=_schema)
    return parser


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    from .build import build
    from .summary import summary

    report = build(args.config_file, args.site_dir, args.strict, say=_say)
    _print_diagnostics(report.warnings)
    print(summary(report))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    host, _, port = args.dev_addr.rpartition(":")
    return serve(args.config_file, args.site_dir, host or "127.0.0.1", int(port),
                 watch=not args.no_watch, say=_say)


def _check(args: argparse.Namespace) -> int:
    from .check import check

    diagnostics = check(args.config_file)
    _print_diagnostics(diagnostics)
    errors = [d for d in diagnostics if d.severity.value == "error"]
    warnings = [d for d in diagnostics if d.severity.value == "warning"]
    print(f"检查完成：{len(errors)} 个错误，{len(warnings)} 个警告。")
    return 1 if errors or (args.strict and warnings) else 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return 0


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
