"""Command-line options shared by the commands (check, review, serve, audit), defined once."""

from __future__ import annotations

from pathlib import Path

import click

CONFIG_HELP = "配置文件（默认从当前目录向上查找 rules.yaml）"


def config_option(help: str = CONFIG_HELP):
    """``--config FILE`` (the value is passed as ``config_path``)."""
    return click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help=help)
