"""Which documents get a PDF, and where: attached to a build's site (``build --pdf``,
``bundle --pdf``) or written to a folder (``dangjian pdf``).

A PDF is made from the page this build rendered for its audience: a document that
audience may not read was never prepared, so it has no page and no PDF. Before it is
written, its text passes the same classification check as the sources.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dangjian.core.diagnostics import ContentError, Diagnostic
from dangjian.core.documents import Document
from dangjian.core.urls import page_url
from dangjian.pages import paper as paper_pages
from dangjian.pdf import paper, writer
from dangjian.pipeline.prepare import Prepared
from dangjian.safety import classification

FIELD = "PDF"

Say = Callable[[str], None]


@dataclass
class Exported:
    files: list[str] = field(default_factory=list)
    """Site-relative paths of the PDFs, in the order of the documents."""
    size: int = 0


def documents(prepared: Prepared) -> list[Document]:
    """The documents of this audience's build that are printed as documents."""
    return [doc for doc in prepared.content.inventory.documents
            if doc.kind.name in paper_pages.KINDS]


def html_file(doc: Document, directory_urls: bool) -> str:
    """Site-relative path of the HTML file of ``doc``'s page."""
    url = page_url(doc.page, directory_urls)
    return url + "index.html" if not url or url.endswith("/") else url


def author(doc: Document) -> str:
    meta = doc.meta
    return str(getattr(meta, "issuer", None) or getattr(meta, "organization", None) or "")


def check(sheet: paper.Paper, doc: Document) -> None:
    """涉密不上网 for the PDF too: no block of its text may carry a classification mark."""
    for text in sheet.blocks():
        refusal = classification.scan_body(text, 1)
        if refusal is not None:
            raise ContentError([Diagnostic(doc.source, doc.line, FIELD,
                                           f"{refusal.message}（PDF 未生成）")])


def attach(prepared: Prepared, site: Path, directory_urls: bool, tracking: bool = True,
           say: Say = lambda _: None) -> Exported:
    """Write the PDF of each document into ``site/pdf/``, from its page in ``site``."""
    exported = Exported()
    chosen = documents(prepared)
    for number, doc in enumerate(chosen, 1):
        page_file = site / html_file(doc, directory_urls)
        sheet = paper.from_page(page_file.read_text(encoding="utf-8"))
        check(sheet, doc)
        data = writer.write_pdf(sheet.html(author(doc), tracking), page_file, site)
        relative = paper_pages.pdf_path(doc)
        target = site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        exported.files.append(relative)
        exported.size += len(data)
        if number % 50 == 0:
            say(f"  已生成 PDF {number}/{len(chosen)}")
    return exported


def export(config_file: Path, out: Path, audience: str | None = None,
           strict: bool | None = None, tracking: bool = True,
           say: Say = lambda _: None) -> tuple[Path, Exported]:
    """``dangjian pdf``: render this audience's pages and write their PDFs into ``out``
    (relative to the project), replacing the PDFs a previous run wrote there."""
    from dangjian.engine import render as engine
    from dangjian.pipeline import variant as variants
    from dangjian.pipeline.prepare import prepare

    config, settings = engine.load(config_file)
    root = config_file.resolve().parent
    target = out if out.is_absolute() else root / out
    _refuse_foreign(target)
    prepared = prepare(settings, audience, strict)
    prepared.raise_if_failed()
    directory_urls = bool(config.use_directory_urls)
    staged = variants.stage_variant(prepared, variants.for_prepared(prepared, False),
                                    directory_urls)
    with tempfile.TemporaryDirectory(prefix="dangjian-pdf-") as temp:
        site = Path(temp) / "site"
        say(f"渲染 {len(staged.pages)} 个页面…")
        engine.render(config, staged, site)
        say("生成 PDF…")
        exported = attach(prepared, site, directory_urls, tracking, say)
        (site / paper_pages.PDF_DIR).mkdir(exist_ok=True)
        building = target.with_name(f".{target.name}.building")
        shutil.rmtree(building, ignore_errors=True)
        shutil.copytree(site / paper_pages.PDF_DIR, building)
    shutil.rmtree(target, ignore_errors=True)
    building.rename(target)
    return target, exported


def _refuse_foreign(target: Path) -> None:
    """The folder is replaced as a whole: never one that holds anything but PDFs."""
    if target.exists() and (not target.is_dir() or any(
            path.is_file() and path.suffix != ".pdf" for path in target.rglob("*"))):
        raise ContentError([Diagnostic(str(target), 0, "--out",
                                       "输出目录中有 PDF 以外的文件：请指定一个新目录"
                                       "或只放 PDF 的目录（该目录会被整个替换）")])
