"""The libyaml fast path reads front matter exactly as the pure-Python loader does."""

from __future__ import annotations

import pytest

from dangjian.load import frontmatter, yamlsource

from .conftest import ROOT


def _front_matters() -> list[tuple[str, int]]:
    out = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        split = frontmatter.split(path.read_text(encoding="utf-8"))
        if split.meta_text is not None:
            out.append((split.meta_text, split.meta_first_line))
    out.append(((ROOT / "data" / "publications.yml").read_text(encoding="utf-8"), 1))
    return out


@pytest.mark.skipif(yamlsource._FastLoader is None, reason="PyYAML without libyaml")
def test_libyaml_and_pure_python_agree(monkeypatch):
    sources = _front_matters() + [
        ("title: 测试\nissued: 2019-01-31\nyear: 2020\naliases: [甲, 乙]\nx: null\n", 3),
        ("a:\n  - b: 1\n    c: [2, 3]\n", 1),
    ]
    fast = [yamlsource.load(text, line) for text, line in sources]
    monkeypatch.setattr(yamlsource, "_FastLoader", None)
    slow = [yamlsource.load(text, line) for text, line in sources]
    assert fast == slow
    assert fast[-2][0]["issued"] == "2019-01-31"  # dates stay text on both paths


@pytest.mark.parametrize("text, line, field", [
    ("title: 甲\ntitle: 乙\n", 2, "title"),
    ("title: [甲\n", 1, ""),
    ("a: 1\n  b: 2\n", 2, ""),
])
def test_problems_are_reported_alike(monkeypatch, text, line, field):
    with pytest.raises(yamlsource.YamlProblem) as fast:
        yamlsource.load(text)
    monkeypatch.setattr(yamlsource, "_FastLoader", None)
    with pytest.raises(yamlsource.YamlProblem) as slow:
        yamlsource.load(text)
    assert (fast.value.line, fast.value.message, fast.value.field) == (
        slow.value.line, slow.value.message, slow.value.field)
    assert fast.value.line == line and fast.value.field == field
