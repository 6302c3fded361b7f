"""The published JSON Schema matches the models, and validates the shipped content."""

from __future__ import annotations

import json

import pytest

from dangjian.load import frontmatter, yamlsource
from dangjian.load.schema import SCHEMAS, render

from .conftest import ROOT


@pytest.mark.parametrize("name", SCHEMAS)
def test_committed_schema_is_current(name):
    committed = (ROOT / "schema" / name).read_text(encoding="utf-8")
    assert committed == render(SCHEMAS[name]), "run `dangjian schema` and commit the result"


def test_shipped_front_matter_validates_against_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schemas = {folder: json.loads((ROOT / "schema" / f"{kind}.schema.json").read_text("utf-8"))
               for folder, kind in [("regulations", "regulation"), ("study", "study"),
                                    ("workplans", "workplan")]}
    for folder, schema in schemas.items():
        for path in (ROOT / "docs" / folder).glob("*.md"):
            split = frontmatter.split(path.read_text(encoding="utf-8"))
            data, _ = yamlsource.load(split.meta_text or "")
            jsonschema.validate(data, schema)


def test_shipped_data_files_validate_against_schema():
    jsonschema = pytest.importorskip("jsonschema")
    checks = [("departments-file", [ROOT / "data" / "departments.yml"]),
              ("tracking-file", sorted((ROOT / "data" / "tracking").glob("*.yml")))]
    for name, paths in checks:
        schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text("utf-8"))
        assert paths
        for path in paths:
            data, _ = yamlsource.load(path.read_text(encoding="utf-8"))
            jsonschema.validate(data, schema)
