"""The ``govlint`` command. ``govlint FILE...`` is ``govlint check FILE...``.

Exit status: see :mod:`textlint_gov.status`.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from pathlib import Path

import click

from textlint_gov import __version__
from textlint_gov.cache import DEFAULT_DIR, FindingsCache
from textlint_gov.cliopts import config_option
from textlint_gov.config import ConfigError, load_config
from textlint_gov.docs import rule_markdown
from textlint_gov.engine import RuleCrash, lint
from textlint_gov.findings import CATEGORIES, Severity
from textlint_gov.fix import fix_target, report, summary
from textlint_gov.formatters import FORMATTERS, FileResult, available, render
from textlint_gov.formatters.text import safe
from textlint_gov.loaders import IMAGE_SUFFIXES, SUFFIXES, LoadError, load_bytes, read_input, read_stream
from textlint_gov.loaders.image import active_ocr, enable_ocr
from textlint_gov.rules import RuleDefinitionError, registry
from textlint_gov.status import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

# Subcommands that live in their own modules, imported only when used (start-up stays fast).
LAZY_COMMANDS = {
    "audit": ("textlint_gov.audit.cli", "audit", "月度审计：由 CMS 导出生成各单位政务信息公开得分表"),
    "review": ("textlint_gov.review", "review", "生成带批注的 Word 审阅稿（原文不变）"),
    "serve": ("textlint_gov.serve", "serve", "启动本地网页校对服务"),
}


class GovlintGroup(click.Group):
    """A group whose default command is ``check``: ``govlint draft.docx`` just works."""

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx, name):
        cmd = super().get_command(ctx, name)
        if cmd is None and name in LAZY_COMMANDS:
            mod, attr, _ = LAZY_COMMANDS[name]
            cmd = getattr(importlib.import_module(mod), attr)
        return cmd

    def format_commands(self, ctx, formatter):
        rows = []
        for name in self.list_commands(ctx):
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(60)))
            else:
                rows.append((name, LAZY_COMMANDS[name][2]))
        with formatter.section("命令"):
            formatter.write_dl(rows)

    def parse_args(self, ctx, args):
        if args and args[0] not in self.list_commands(ctx) and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def err(message: str) -> None:
    """One line on stderr; control characters of file names and messages are shown escaped."""

    click.echo(f"govlint: {safe(message)}", err=True)


@click.group(
    cls=GovlintGroup, context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=False
)
@click.version_option(__version__, prog_name="govlint")
def main() -> None:
    """govlint：政府网站稿件内容质量检查。

    \b
    govlint 稿件.docx            检查文稿（.docx .txt .md .html，- 为标准输入）
    govlint 附件.pdf 名单.xlsx    也检查附件（.pdf .xlsx .xls .et .doc .wps；图片加 --ocr）
    govlint rules                列出全部规则
    govlint rule GOV001          查看一条规则的说明
    """


def run() -> None:
    """The ``govlint`` console script and ``python -m textlint_gov``: :func:`main`, then a quick exit.
    Freeing the typo model and the dictionaries object by object at interpreter shutdown costs about
    0.07 s of every run (a hook runs govlint at each commit); output is flushed first, and nothing
    else is left to clean up (the audit's workers are shut down when it returns)."""
    try:
        main()
        code: object = EXIT_OK  # pragma: no cover - click's main always ends with SystemExit
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):
        err(str(code))
        code = EXIT_ERROR
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that went away, a closed stream
            stream.flush()
    os._exit(code or EXIT_OK)


def _csv(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@config_option()
@click.option("--select", help="只启用这些代码前缀的规则，逗号分隔，如 GOV0,GOV2")
@click.option("--ignore", help="停用这些代码前缀的规则，逗号分隔")
@click.option(
    "--format", "fmt", default="text", show_default=True, help="输出格式：text、json、sarif、github"
)
@click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info"]), help="达到此级别即以 1 退出（默认 error）"
)
@click.option(
    "--stdin-filename", default="stdin.txt", show_default=True, help="读标准输入（-）时按此文件名判断格式"
)
@click.option("--color/--no-color", default=None, help="彩色输出（默认仅在终端上）")
@click.option("--no-source", is_flag=True, help="文本输出中不显示原文行")
@click.option(
    "--fix", "do_fix", is_flag=True, help="自动修改可安全修改的问题（改写原文件），报告改了什么、还剩什么"
)
@click.option("--diff", "show_diff", is_flag=True, help="只显示 --fix 会做的修改（统一差异格式），不写文件")
@click.option("--cache", "use_cache", is_flag=True, help="按文件内容缓存检查结果，未改动的文件不再检查")
@click.option(
    "--ocr",
    "use_ocr",
    is_flag=True,
    help="用文字识别检查图片和 PDF 扫描页（需 pip install 'textlint-gov[ocr]'）",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="缓存目录（默认 rules.yaml 所在目录或当前目录下的 .govlint_cache）",
)
def check(
    paths,
    config_path,
    select,
    ignore,
    fmt,
    fail_on,
    stdin_filename,
    color,
    no_source,
    do_fix,
    show_diff,
    use_cache,
    cache_dir,
    use_ocr=False,
):
    """检查文稿，报告问题的位置和修改建议。"""

    if fmt not in FORMATTERS or fmt not in available():
        err(f"错误：不支持的输出格式“{fmt}”（可用：{'、'.join(available())}）")
        sys.exit(EXIT_ERROR)
    config = load_config_or_exit(config_path, select, ignore)
    if use_ocr:
        problem = enable_ocr()
        if problem:
            err(problem)
            sys.exit(EXIT_ERROR)
    threshold = Severity(fail_on) if fail_on else config.fail_on
    cache = None
    if use_cache and not (do_fix or show_diff or use_ocr):  # cached findings were made without OCR
        cache = FindingsCache(cache_dir or config.base_dir / DEFAULT_DIR, config)

    results: list[FileResult] = []
    failed = False
    fixes = []
    for target, error in expand_paths(paths):
        if error:
            err(f"{target}: {error}")
            failed = True
            continue
        if do_fix or show_diff:
            result, fixed = fix_target(target, config, write=not show_diff, stdin_filename=stdin_filename)
            fixes.extend([fixed] if fixed is not None else [])
        else:
            result = check_one(target, config, stdin_filename, cache)
        if result.error:
            err(f"{result.path}: {result.error}")
            failed = True
        results.append(result)

    use_color = color if color is not None else (fmt == "text" and sys.stdout.isatty())
    if show_diff:  # the changes --fix would make, and nothing else on stdout (ruff --diff)
        click.echo("".join(f.diff() for f in fixes), nl=False)
        err(summary(fixes, write=False))
        sys.exit(EXIT_ERROR if failed else EXIT_FINDINGS if any(f.applied for f in fixes) else EXIT_OK)
    if do_fix:
        click.echo(report(fixes), nl=False, err=fmt != "text")
    click.echo(render(fmt, results, color=use_color, show_source=not no_source), nl=False, color=use_color)
    if failed:
        sys.exit(EXIT_ERROR)
    worst = max((f.severity.rank for r in results for f in r.findings), default=-1)
    sys.exit(EXIT_FINDINGS if worst >= threshold.rank else EXIT_OK)


def load_config_or_exit(config_path=None, select: str | None = None, ignore: str | None = None):
    """The configuration with ``--select``/``--ignore`` applied and its rules prepared; a bad one is
    a one-line error and exit 2."""

    try:
        config = load_config(config_path)
        if select:
            config.select = _csv(select)
        if ignore:
            config.ignore = [*config.ignore, *_csv(ignore)]
        config.rules()
    except (ConfigError, RuleDefinitionError) as e:
        err(f"配置错误：{e}")
        sys.exit(EXIT_ERROR)
    return config


def expand_paths(paths) -> list[tuple[str, str | None]]:
    """Files to check, in order; a folder is searched for drafts. (path, error) pairs."""

    wanted = SUFFIXES + (IMAGE_SUFFIXES if active_ocr() else ())  # pictures only with --ocr
    out: list[tuple[str, str | None]] = []
    for raw in paths:
        if raw == "-":
            out.append(("-", None))
            continue
        p = Path(raw)
        if p.is_dir():
            found, unreadable = _drafts_in(p, wanted)
            if not found and not unreadable:
                out.append((raw, f"文件夹中没有可检查的文稿（{'、'.join(SUFFIXES)}）"))
            out.extend((str(f), None) for f in found)
            out.extend(unreadable)
        elif not p.exists():
            out.append((raw, "文件不存在"))
        else:
            out.append((raw, None))
    return out


def _drafts_in(folder: Path, wanted) -> tuple[list[Path], list[tuple[str, str]]]:
    """The drafts under ``folder`` (not in hidden folders, not Word lock files or review copies), and
    the subfolders that could not be read, each with its cause: reported, never skipped silently."""
    found: list[Path] = []
    unreadable: list[tuple[str, str]] = []

    def refused(e: OSError) -> None:
        unreadable.append(
            (str(e.filename or folder), f"无法读取文件夹（{e.strerror or e}），其中的文稿未检查")
        )

    for root, dirs, files in os.walk(folder, onerror=refused):  # symlinked folders are not followed
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            f = Path(root, name)
            if (
                f.suffix.lower() in wanted
                and not name.startswith(("~$", "."))
                and not name.endswith(".govlint.docx")
                and f.is_file()
            ):
                found.append(f)
    return sorted(found), sorted(unreadable)


def check_one(target: str, config, stdin_filename: str = "stdin.txt", cache=None):
    """Load and lint one file; a load failure becomes ``FileResult.error``. With a
    :class:`~textlint_gov.cache.FindingsCache`, an unchanged file is not loaded at all."""

    data = None
    try:
        if target == "-":
            doc = load_bytes(read_stream(sys.stdin.buffer), stdin_filename)
            doc.path = "-"
        else:
            data = read_input(target)
            hit = cache.get(data, target) if cache is not None else None
            if hit is not None:
                return FileResult(target, hit[0], None, lines=hit[1])
            doc = load_bytes(data, target)
    except LoadError as e:
        return FileResult(target, error=str(e))
    try:
        findings = lint(doc, config)
    except RuleCrash as e:
        return FileResult(target, error=str(e))
    if cache is not None and data is not None:
        cache.put(data, target, findings, doc)
    return FileResult(target, findings, doc)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="也列出当前配置未启用的规则")
def rules_cmd(fmt, show_all):
    """列出规则：代码、类别、级别和说明。"""
    import json

    rows = list(registry())
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "category": r.category,
                        "severity": r.severity.value,
                        "summary": r.summary,
                        "fixable": r.fix is not None and r.fix.value == "safe",
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for r in rows:
        click.echo(f"{r.code}  {CATEGORIES[r.category]}  {r.severity.label}  {r.summary}")


@main.command("rule")
@click.argument("code")
def rule_cmd(code):
    """显示一条规则的说明：检查什么、为什么、示例和改法。"""

    reg = registry()
    code = code.upper()
    if code not in reg:
        err(f"错误：没有规则 {code}（用 govlint rules 查看全部）")
        sys.exit(EXIT_ERROR)
    click.echo(rule_markdown(reg[code]))


if __name__ == "__main__":  # pragma: no cover
    main()
