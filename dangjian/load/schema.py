"""JSON Schema of the front matter and data files, for authors' editors."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from dangjian.core.kinds import DOCUMENT_KINDS as KINDS
from dangjian.core.model import EditionMeta, PublicationList
from dangjian.load.departments import DepartmentList
from dangjian.load.glossary import GlossaryFile
from dangjian.load.tracking import TrackingFile
from dangjian.load.tracks import TrackMeta

SCHEMAS: dict[str, type[BaseModel]] = {
    **{f"{kind.name}.schema.json": kind.model for kind in KINDS},
    "edition.schema.json": EditionMeta,
    "publications-file.schema.json": PublicationList,
    "departments-file.schema.json": DepartmentList,
    "tracking-file.schema.json": TrackingFile,
    "track.schema.json": TrackMeta,
    "glossary-file.schema.json": GlossaryFile,
}


def render(model: type[BaseModel]) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = out / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written
