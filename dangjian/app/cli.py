"""The ``dangjian`` command: init, new, build, serve, check, bundle, wheelhouse, …"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dangjian.core.diagnostics import ContentError, Diagnostic


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    failed = FAILED.get(args.command, "构建失败")
    if args.command in FAILED and not args.config_file.is_file():
        print(f"{failed}：{missing_config(args.config_file)}", file=sys.stderr)
        return 1
    try:
        return args.run(args)
    except ContentError as exc:
        _print_diagnostics(exc.diagnostics)
        errors = sum(1 for d in exc.diagnostics if d.severity.value == "error")
        what = f"{errors} 个错误" if errors else \
            f"严格模式下有 {len(exc.diagnostics)} 个警告"
        print(f"\n{failed}：{what}。site/ 保持不变。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 — the last line of defence: no traceback for users
        from dangjian.engine.render import EngineError
        from dangjian.search.search_index import SearchIndexError

        if isinstance(exc, EngineError | SearchIndexError):
            print(f"{failed}：{exc}", file=sys.stderr)
            return 1
        print(f"内部错误：{type(exc).__name__}: {exc}\n请把这条信息告诉维护者。",
              file=sys.stderr)
        return 70


FAILED = {"build": "构建失败", "serve": "预览失败", "check": "检查失败", "bundle": "打包失败",
          "libraries": "更新失败"}
"""The commands that read a site's mkdocs.yml, and how each says that it failed."""


def missing_config(config_file: Path) -> str:
    return (f"找不到配置文件 {config_file}，这里还不是党建知识站的站点文件夹。"
            "新建站点请运行 dangjian init（在当前文件夹）或 dangjian init 文件夹名；"
            "已有站点请进入它的文件夹再运行，或用 -f 指定 mkdocs.yml 的位置。")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dangjian", description="党建知识站：构建、预览和检查")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"),
                        help="项目配置文件（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="构建站点到 site/")
    build.add_argument("-d", "--site-dir", type=Path, help="输出目录（默认取配置）")
    build.add_argument("--strict", action="store_true", default=None, help="有警告即失败")
    build.add_argument("--audience", help="只构建该读者范围可读的内容，如 党委委员"
                                          "（默认输出到 site-范围名/）")
    build.add_argument("--pdf", action="store_true",
                       help="同时为每件法规、学习资料和工作要点生成 PDF"
                            "（放在 pdf/ 下，页面上可下载）")
    build.add_argument("--site-url", help="发布地址，如 http://intranet/dangjian/（默认取配置的 "
                                          "site_url）；发布在子路径下时必须有")
    build.add_argument("--release", action="store_true",
                       help="记为一次发布：版本号、日期和相对上次构建的变化记入 "
                            "data/releases.yml，并列在“本站更新”页面")
    build.add_argument("--version", dest="release_version", metavar="版本号",
                       help="发布的版本号（默认按日期，如 2026.11.30-1）")
    build.add_argument("--note", help="发布说明，列在“本站更新”页面")
    build.set_defaults(run=_build)

    serve = sub.add_parser("serve", help="构建并在本机预览，内容改动后自动重建")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000",
                       help="地址（默认 127.0.0.1:8000）")
    serve.add_argument("-d", "--site-dir", type=Path, help="输出目录（默认取配置）")
    serve.add_argument("--no-watch", action="store_true", help="不监视改动")
    serve.set_defaults(run=_serve)

    check = sub.add_parser("check", help="只检查内容，不构建")
    check.add_argument("--strict", action="store_true", default=None, help="有警告即失败")
    check.add_argument("--audience", help="按该读者范围检查（默认取配置）")
    check.add_argument("--federation", action="store_true",
                       help="也检查集团各站点之间：与法规库同名的文件、引用已被取代的版本、"
                            "没有站点引用的文件")
    check.set_defaults(run=_check)

    libraries = sub.add_parser("libraries", help="集团的法规库和其他站点：refresh 取得它们的目录")
    libraries.add_argument("action", choices=["refresh"],
                           help="refresh：把 libraries 和 federation 中各站点的目录复制到 data/")
    libraries.set_defaults(run=_libraries)

    bundle = sub.add_parser("bundle", help="生成可从 U 盘直接打开的离线包（zip）")
    bundle.add_argument("--site", type=Path, action="append", default=[],
                        help="另一个站点的 mkdocs.yml：一并打进离线包（放在 sites/ 下），"
                             "离线搜索覆盖全部站点；可写多次")
    bundle.add_argument("-o", "--out", type=Path, default=Path("dist"),
                        help="输出目录（默认 dist/）")
    bundle.add_argument("--name", help="文件名（默认 dangjian-日期）")
    bundle.add_argument("--audience", help="只打包该读者范围可读的内容")
    bundle.add_argument("--sign", type=Path, metavar="KEY",
                        help="用该私钥给清单签名（私钥由 dangjian keygen 生成）")
    bundle.add_argument("--pdf", action="store_true", help="离线包中附上各文件的 PDF")
    bundle.add_argument("--version", dest="release_version", metavar="版本号",
                        help="离线包的版本号（默认取它所对应的已记录发布，否则按日期）")
    bundle.add_argument("--since", type=Path, metavar="OLD.zip",
                        help="上一个离线包：首页和使用说明列出与它相比的变化")
    bundle.set_defaults(run=_bundle)

    changes = sub.add_parser("changes", help="列出两次发布之间的变化：新增、修订、废止的文件，"
                                             "改动的条文和工作要点事项",
                             description="比较两个离线包（或站点目录）的版本清单，列出新增、"
                             "修订、废止的文件，改动的条文，工作要点事项及其状态的变化")
    changes.add_argument("old", type=Path, metavar="OLD.zip", help="较早的离线包或站点目录")
    changes.add_argument("new", type=Path, nargs="?", metavar="NEW.zip",
                         help="较新的离线包或站点目录（默认：当前站点的 site/）")
    changes.set_defaults(run=_changes)

    verify = sub.add_parser("verify", help="按清单核对离线包：缺失、被改动或多出的文件；"
                                           "给出 --key 时还核对签名者")
    verify.add_argument("bundle", type=Path)
    verify.add_argument("--key", type=Path, metavar="PUB",
                        help="签名者的公钥（.pub）；未签名或签名不符的离线包会被拒绝")
    verify.add_argument("--extract", type=Path, metavar="DIR", help="核对通过后解压到 DIR")
    verify.set_defaults(run=_verify)

    keygen = sub.add_parser("keygen", help="生成给离线包签名的 Ed25519 密钥对")
    keygen.add_argument("--out", type=Path,
                        help="输出目录（默认 ~/.dangjian）")
    keygen.add_argument("--name", default="dangjian",
                        help="文件名（默认 dangjian：写出 dangjian.key 和 dangjian.pub）")
    keygen.add_argument("--force", action="store_true", help="覆盖已存在的密钥")
    keygen.set_defaults(run=_keygen)

    pdf = sub.add_parser("pdf", help="为每件法规、学习资料和工作要点生成 A4 公文格式的 PDF",
                         description="按读者范围渲染页面，再为每件法规制度、学习资料和工作要点"
                         "生成一个 PDF（GB/T 9704 版式，页码、书签齐全，同样的输入得到同样的字节）")
    pdf.add_argument("-o", "--out", type=Path, default=Path("pdf"),
                     help="输出目录（默认 pdf/；该目录会被整个替换）")
    pdf.add_argument("--audience", help="只为该读者范围可读的文件生成 PDF（默认取配置）")
    pdf.add_argument("--strict", action="store_true", default=None, help="有警告即失败")
    pdf.add_argument("--no-tracking", action="store_true",
                     help="工作要点的 PDF 不附分工与进展表")
    pdf.set_defaults(run=_pdf)
    init = sub.add_parser("init", help="在空文件夹中新建站点（含示例和使用帮助）")
    init.add_argument("dir", type=Path, nargs="?", default=Path("."),
                      help="站点文件夹（默认当前文件夹）")
    init.set_defaults(run=_init)

    from dangjian.app.new import KINDS

    new = sub.add_parser("new", help="按模板新建文档：regulation 法规制度、study 学习资料、"
                                     "workplan 工作要点、track 学习路径")
    new.add_argument("kind", choices=KINDS, help="文档类型")
    new.add_argument("name", help="标识（也是文件名）：小写英文字母、数字和连字符；"
                                  "工作要点可用年份，如 2026")
    new.add_argument("--title", help="标题")
    new.set_defaults(run=_new)

    wheelhouse = sub.add_parser("wheelhouse", help="制作离线安装包：全部 wheel、Pagefind 程序和"
                                                   "安装脚本")
    wheelhouse.add_argument("out", type=Path, metavar="DIR", help="输出文件夹")
    wheelhouse.add_argument("--python-version", help="目标机器的 Python 版本，如 3.11"
                                                     "（默认同本机）")
    wheelhouse.add_argument("--platform", action="append",
                            help="目标机器的平台标签，如 manylinux2014_x86_64、win_amd64"
                                 "（可重复；默认同本机）")
    wheelhouse.set_defaults(run=_wheelhouse)

    schema = sub.add_parser("schema", help="把 front matter 的 JSON Schema 写到目录")
    schema.add_argument("out", type=Path, nargs="?", default=Path("schema"))
    schema.set_defaults(run=_schema)

    imports = sub.add_parser("import", help="把 .txt / .docx 公文导入为 Markdown 文档",
                             description="把 .txt（UTF-8、GBK/GB18030）或 .docx 公文转为带 "
                             "front matter 的 Markdown，并报告识别、删除和存疑之处")
    imports.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                         help="要导入的文件，或含这些文件的目录")
    imports.add_argument("--kind", default="auto",
                         choices=["auto", "workplan", "regulation", "study"],
                         help="文档类型（默认 auto：按内容判断）")
    imports.add_argument("--out", type=Path, help="输出目录（默认 docs/ 下该类型的目录）")
    imports.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    imports.add_argument("--edition-of", metavar="ID",
                         help="导入为已有法规的新版本，写到 docs/regulations/ID/年份.md")
    imports.add_argument("--strip-glosses", action="store_true",
                         help="删除网页在字后加注的拼音，如“改進(jìn)”中的“(jìn)”")
    imports.set_defaults(run=_import)
    return parser


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    from dangjian.app.build import build
    from dangjian.app.summary import summary

    site_dir = args.site_dir
    if site_dir is None and args.audience:
        # A narrower audience never lands in the default site/ by accident.
        site_dir = args.config_file.resolve().parent / f"site-{args.audience}"
    from dangjian.pipeline.release import Request

    request = Request(record=args.release, version=args.release_version, note=args.note)
    report = build(args.config_file, site_dir, args.strict, say=_say, audience=args.audience,
                   pdf=args.pdf, site_url=args.site_url, release=request)
    _print_diagnostics(report.warnings)
    print(summary(report))
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from dangjian.pdf.export import export

    target, exported = export(args.config_file, args.out, args.audience, args.strict,
                              tracking=not args.no_tracking, say=_say)
    print(f"PDF：{len(exported.files)} 个文件（{exported.size / 1048576:.1f} MB）→ {target}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from dangjian.app.serve import serve

    host, _, port = args.dev_addr.rpartition(":")
    return serve(args.config_file, args.site_dir, host or "127.0.0.1", int(port),
                 watch=not args.no_watch, say=_say)


def _check(args: argparse.Namespace) -> int:
    from dangjian.app.check import check

    prepared = check(args.config_file, args.strict, args.audience, args.federation)
    _print_diagnostics(prepared.problems)
    errors, warnings = prepared.diagnostics.errors, prepared.diagnostics.warnings
    print(f"检查完成：{len(errors)} 个错误，{len(warnings)} 个警告"
          + ("（严格模式：警告也算失败）" if prepared.strict and warnings else "") + "。")
    return 1 if prepared.failed else 0


def _libraries(args: argparse.Namespace) -> int:
    from dangjian.engine import render as engine
    from dangjian.group.refresh import refresh

    _, settings = engine.load(args.config_file)
    for done in refresh(settings):
        print(f"{done.name}：{done.documents} 个文件 → {settings.project.shown(done.path)}")
    return 0


def _bundle(args: argparse.Namespace) -> int:
    from dangjian.offline.bundle import bundle
    from dangjian.offline.signing import SigningError

    try:
        if args.site:
            from dangjian.offline.group_bundle import bundle_group

            info = bundle_group(args.config_file, args.site, args.out, args.name, say=_say,
                                audience=args.audience, sign=args.sign, pdf=args.pdf,
                                version=args.release_version, since=args.since)
        else:
            info = bundle(args.config_file, args.out, args.name, say=_say,
                          audience=args.audience, sign=args.sign, pdf=args.pdf,
                          version=args.release_version, since=args.since)
    except SigningError as exc:
        print(f"打包失败：{exc}", file=sys.stderr)
        return 1
    print(f"离线包：{info.path}（{info.files} 个文件，{info.size / 1048576:.1f} MB）")
    if args.sign:
        print("已签名：分支可用 dangjian verify 离线包.zip --key 公钥.pub 核对制作者。")
    return 0


def _changes(args: argparse.Namespace) -> int:
    from dangjian.app.changes import changes

    return changes(args.old, args.new or args.config_file.parent / "site")


def _verify(args: argparse.Namespace) -> int:
    from dangjian.offline.signing import SigningError, load_public
    from dangjian.offline.verify import Refused, extract, printable, verify

    shown = printable(str(args.bundle))
    try:
        key = load_public(args.key) if args.key else None
    except SigningError as exc:
        print(f"核对失败：{exc}")
        return 1
    verdict = verify(args.bundle, key)
    for label, names in (("缺失", verdict.missing), ("被改动", verdict.modified),
                         ("多出", verdict.extra), ("不安全的路径", verdict.unsafe)):
        for name in names:
            print(f"{label}：{printable(name)}")
    if not verdict.ok:
        print(f"核对失败：{shown}" + (f"：{verdict.problem}" if verdict.problem else ""))
        return 1
    print(f"核对通过：{verdict.checked} 个文件与清单一致。")
    if key is not None:
        print(f"签名有效：清单由公钥 {verdict.signer} 对应的私钥签名。")
    else:
        has = "包内有签名，" if verdict.signed else "本离线包没有签名，"
        print(f"注意：未核对签名者（没有指定 --key）。{has}只能说明文件与清单一致，"
              "不能说明离线包是谁制作的。")
    if args.extract:
        try:
            count = extract(args.bundle, args.extract)
        except (Refused, OSError) as exc:
            print(f"解压失败：{exc}")
            return 1
        print(f"已解压 {count} 个文件到 {args.extract}")
    return 0


def _keygen(args: argparse.Namespace) -> int:
    from dangjian.offline.signing import SigningError, generate

    try:
        out = args.out or Path.home() / ".dangjian"  # like ~/.ssh: away from any repository
    except RuntimeError:
        print("生成密钥失败：无法确定用户主目录，请用 --out 指定目录", file=sys.stderr)
        return 1
    try:
        pair = generate(out, args.name, force=args.force)
    except SigningError as exc:
        print(f"生成密钥失败：{exc}", file=sys.stderr)
        return 1
    print(f"私钥：{pair.private}（仅本人可读；妥善保管，不要放进仓库或离线包）")
    print(f"公钥：{pair.public}（发给各支部，用于 dangjian verify --key）")
    print(f"指纹：{pair.fingerprint}")
    return 0


def _init(args: argparse.Namespace) -> int:
    from dangjian.app.init import InitError, init

    try:
        files = init(args.dir)
    except (InitError, OSError) as exc:
        print(f"新建站点失败：{exc}", file=sys.stderr)
        return 1
    print(f"已在 {args.dir.resolve()} 新建站点（{len(files)} 个文件）：")
    print("  mkdocs.yml   配置（站点名称、发布地址、读者范围）")
    print("  docs/        首页、示例文档和使用帮助（docs/help/，可删除）")
    print("  data/        部门、分工与进展、学习路径、术语、书目的示例")
    where = "" if args.dir == Path(".") else f"cd {args.dir} && "
    print(f"下一步：{where}dangjian serve，在浏览器中打开 http://127.0.0.1:8000/")
    return 0


def _new(args: argparse.Namespace) -> int:
    from dangjian.app.new import NewError, Site, new
    from dangjian.engine import render as engine

    if not args.config_file.is_file():
        print(f"新建文档失败：{missing_config(args.config_file)}", file=sys.stderr)
        return 1
    _, settings = engine.load(args.config_file)
    site = Site(settings.root, settings.docs_dir, settings.data_dir,
                tuple(settings.audiences.also_reads))
    try:
        path = new(site, args.kind, args.name, args.title)
    except (NewError, OSError) as exc:
        print(f"新建文档失败：{exc}", file=sys.stderr)
        return 1
    print(f"已写出 {path}：按注释填写各字段，再运行 dangjian check。")
    return 0


def _wheelhouse(args: argparse.Namespace) -> int:
    from dangjian.app.wheelhouse import WheelhouseError, wheelhouse

    try:
        made = wheelhouse(args.out, args.python_version, args.platform or [], say=_say)
    except WheelhouseError as exc:
        print(f"制作离线安装包失败：{exc}", file=sys.stderr)
        return 1
    print(f"离线安装包：{made.out}（{made.wheels} 个 wheel，Pagefind {made.pagefind}）")
    print(f"在目标机器上安装：sh {made.out / 'install.sh'}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from dangjian.load.schema import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return 0


def _import(args: argparse.Namespace) -> int:
    from dangjian.importer import import_files

    reports = import_files(args.paths, args.kind, args.out, force=args.force,
                           edition_of=args.edition_of, strip_glosses=args.strip_glosses)
    for report in reports:
        _print_diagnostics(report.diagnostics.items)
        print(report.format())
    written = sum(report.written for report in reports)
    print(f"导入完成：写出 {written} 个文件，{len(reports) - written} 个未写出。")
    return 0 if reports and written == len(reports) else 1


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
