"""Rule documentation from the registry: ``govlint rule CODE`` and the generated ``docs/rules.md``."""

from __future__ import annotations

from textlint_gov.findings import CATEGORIES, Applicability
from textlint_gov.rules import Rule, registry


def rule_markdown(rule: Rule, level: int = 1) -> str:
    h = "#" * level
    doc = rule.docs()
    lines = [
        f"{h} {rule.code} {rule.name}",
        "",
        f"{rule.summary}",
        "",
        f"- 类别：{CATEGORIES[rule.category]}（{rule.category}）",
        f"- 默认级别：{rule.severity.label}（{rule.severity.value}）",
        f"- 自动修复：{'可（--fix）' if rule.fix is not None and rule.fix.value == 'safe' else '否'}",
    ]
    if rule.source:
        lines.append(f"- 依据：{rule.source}")
    for section in ("作用", "原因", "示例", "修改为", "选项", "词条"):
        if doc.get(section):
            lines += ["", f"{h}# {section}", "", doc[section]]
    return "\n".join(lines).rstrip() + "\n"


def rules_markdown() -> str:
    """The whole of docs/rules.md."""
    rules = list(registry())
    out = [
        "# govlint 规则",
        "",
        "本文件由 `python -m textlint_gov.docs > docs/rules.md` 从规则注册表生成，请勿手工修改。",
        "",
        "| 代码 | 类别 | 级别 | 说明 |",
        "| --- | --- | --- | --- |",
    ]
    for r in rules:
        out.append(
            f"| [{r.code}](#{r.code.lower()}-{r.name}) | {CATEGORIES[r.category]} | {r.severity.label} | {r.summary} |"
        )
    out.append("")
    for r in rules:
        out.append(rule_markdown(r, level=2))
    return "\n".join(out)


README_START = (
    "<!-- rules table: python -m textlint_gov.docs --readme README.md writes it from the registry -->"
)
README_END = "<!-- end of rules table -->"


def readme_table() -> str:
    """The README's table of rules, between its markers: code (linked to docs/rules.md), category,
    default severity, whether --fix applies, summary."""
    out = [README_START, "", "| 代码 | 类别 | 级别 | 自动修复 | 说明 |", "| --- | --- | --- | --- | --- |"]
    for r in registry():
        fix = "可" if r.fix is Applicability.SAFE else ""
        level = r.severity.label + ("（把握小时降级）" if r.relative_severity else "")
        out.append(
            f"| [{r.code}](docs/rules.md#{r.code.lower()}-{r.name}) | {CATEGORIES[r.category]} "
            f"| {level} | {fix} | {r.summary} |"
        )
    out += ["", README_END]
    return "\n".join(out)


def with_readme_table(readme: str) -> str:
    """``readme`` with the text between the markers replaced by :func:`readme_table`."""
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    return readme[:start] + readme_table() + readme[end:]


if __name__ == "__main__":  # pragma: no cover
    import sys
    from pathlib import Path

    if sys.argv[1:2] == ["--readme"]:
        path = Path(sys.argv[2])
        path.write_text(with_readme_table(path.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        sys.stdout.write(rules_markdown())
