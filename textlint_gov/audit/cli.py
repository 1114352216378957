"""``govlint audit EXPORT --month 2021-01``: the monthly score table with the evidence behind it."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from textlint_gov.audit.aggregate import run_audit
from textlint_gov.audit.collect import AuditError
from textlint_gov.audit.formats import BINARY, FORMATS, SUFFIX_FORMAT, render
from textlint_gov.cli import err
from textlint_gov.cliopts import CONFIG_HELP, config_option
from textlint_gov.config import ConfigError, load_config
from textlint_gov.rules import RuleDefinitionError
from textlint_gov.status import EXIT_ERROR, EXIT_OK


def _fail(message: str) -> None:
    err(message)  # escaped: the message may name an export's file
    sys.exit(EXIT_ERROR)


@click.command("audit")
@click.argument("export", type=click.Path(file_okay=False, path_type=Path))
@click.option("--month", required=True, metavar="YYYY-MM", help="审计月份，如 2021-01")
@click.option(
    "--units",
    "units_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="单位清单（默认 EXPORT/units.yaml）",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="输出格式：table（默认）、json、csv、markdown、html、docx；未指定时按 --output 的扩展名",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="写入文件（默认标准输出）"
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, help="并行检查的进程数（默认 CPU 数）"
)
@config_option(CONFIG_HELP[:-1] + "；计分见 scoring:）")
@click.option(
    "--cache/--no-cache", default=True, show_default=True, help="按内容缓存检查结果，未改动的文件不再检查"
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="缓存文件夹（默认 EXPORT/.govlint_cache）",
)
@click.option(
    "--previous",
    type=click.Path(dir_okay=False, path_type=Path),
    help="上月 --format json 的输出，据此生成整改台账（已整改、未整改、新增）",
)
@click.option(
    "--check-links",
    is_flag=True,
    help="也请求稿件中的外部链接（超时、并发数和个数见 rules.yaml 的 inspection:）；默认只离线检查",
)
def audit(export, month, units_path, fmt, output, jobs, config_path, cache, cache_dir, previous, check_links):
    """月度审计：由 CMS 导出生成各单位政务信息公开得分表。

    \b
    EXPORT 下每个单位一个文件夹（单位名称或别名），稿件为 .docx .md .html .txt，
    文件名以 YYYY-MM-DD 开头或在元数据中注明日期；EXPORT/units.yaml 列出单位、分组和其他得分。
    \b
    govlint audit 导出/ --month 2021-01
    govlint audit 导出/ --month 2021-01 --output 附件.docx
    """

    if fmt is None:
        fmt = SUFFIX_FORMAT.get(output.suffix.lower(), "table") if output else "table"
    if fmt in BINARY and output is None and sys.stdout.isatty():
        _fail(f"错误：{fmt} 格式须用 --output 指定文件，如 --output 附件.{fmt}")
    if not export.is_dir():
        _fail(f"{export}: 导出文件夹不存在")
    try:
        config = load_config(config_path)
        config.rules()
    except (ConfigError, RuleDefinitionError) as e:
        _fail(f"配置错误：{e}")
    jobs = jobs or os.cpu_count() or 1
    directory = (cache_dir or export / ".govlint_cache") if cache else None

    with contextlib.ExitStack() as stack:

        def progress(total: int):
            if not sys.stderr.isatty() or total < 2:
                return None
            bar = stack.enter_context(click.progressbar(length=total, label="检查稿件", file=sys.stderr))
            return bar.update

        try:
            result = run_audit(
                export,
                month,
                units_path=units_path,
                config=config,
                jobs=jobs,
                cache_dir=directory,
                progress=progress,
                previous=previous,
                check_links=check_links,
            )
        except (AuditError, ConfigError) as e:
            _fail(f"错误：{e}")
        except ValueError as e:
            _fail(f"错误：{e}")

    text = render(fmt, result)
    if output is not None:
        try:
            if isinstance(text, bytes):
                output.write_bytes(text)
            else:
                # Excel opens UTF-8 CSV correctly only with a BOM
                output.write_text(("\ufeff" if fmt == "csv" else "") + text, encoding="utf-8")
        except OSError as e:
            _fail(f"{output}: 无法写入（{e.strerror or e}）")
    elif isinstance(text, bytes):
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    else:
        click.echo(text, nl=False)
    cached = f"，其中 {result.cache_hits} 个来自缓存" if result.cache_hits else ""
    written = f"；已写入 {output}" if output is not None else ""
    click.echo(
        f"govlint audit: {result.month} 检查文件 {result.files_checked} 个{cached}，"
        f"问题 {len(result.problems)} 项，单项否决 {len(result.vetoes())} 项，预警 {len(result.warnings())} 项{written}",
        err=True,
    )
    sys.exit(EXIT_OK)
