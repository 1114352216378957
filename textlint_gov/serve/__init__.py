"""``govlint serve``: a local review page for people who work in Word and a browser.

Only click is imported here; the web framework (Starlette + uvicorn, see ``app.py`` for why) is
imported inside the command, so ``govlint`` itself starts as fast as before.
"""

from __future__ import annotations

import sys

import click

from textlint_gov.cli import err
from textlint_gov.cliopts import config_option
from textlint_gov.config import ConfigError, load_config
from textlint_gov.rules import RuleDefinitionError
from textlint_gov.status import EXIT_ERROR

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _bind(host: str, port: int):
    """A listening socket, so a busy port is a clear message and ``--port 0`` picks a free one."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise click.ClickException(f"无法识别的地址“{host}”") from None
    family, _, _, _, addr = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
    except OSError as e:
        sock.close()
        if e.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise click.ClickException(
                f"端口 {port} 已被占用，请用 --port 换一个端口（如 --port 8001）"
            ) from None
        raise click.ClickException(f"无法在 {host}:{port} 上监听：{e.strerror or e}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址（默认仅本机可访问）")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="端口（0 为自动选择空闲端口）",
)
@config_option()
@click.option(
    "--max-upload-mb",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=0.001),
    help="上传文件大小上限（MB）",
)
@click.option(
    "--max-checks",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="同时检查的稿件数上限（超出时请稍后再试）",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="非本机地址监听时，另外允许用来打开页面的主机名（可多次给出）",
)
def serve(host, port, config_path, max_upload_mb, max_checks, allow_hosts):
    """启动本地网页校对服务：在浏览器中上传或粘贴稿件，查看标出的问题和修改建议。"""

    try:
        import uvicorn

        from textlint_gov.serve.app import _log_to_stderr, allowed_hosts_for, create_app
        from textlint_gov.serve.server import server_config
    except ImportError as e:  # the web server is an extra: pip install 'textlint-gov[serve]'
        err(f"govlint serve 需要网页服务组件（缺少 {e.name}），请安装：pip install 'textlint-gov[serve]'")
        sys.exit(EXIT_ERROR)
    try:
        config = load_config(config_path)
        config.rules()
    except (ConfigError, RuleDefinitionError) as e:
        err(f"配置错误：{e}")
        sys.exit(EXIT_ERROR)

    loopback = host in LOOPBACK
    sock = _bind(host, port)  # first, so a busy port is reported at once
    actual = sock.getsockname()[1]
    click.echo("govlint 校对页面正在启动……", err=True)
    try:
        app = create_app(
            config,
            max_upload=int(max_upload_mb * 1024 * 1024),
            max_active=max_checks,
            allowed_hosts=allowed_hosts_for(host, allow_hosts),
        )
    except BaseException:
        sock.close()
        raise
    _log_to_stderr()
    shown = f"[{host}]" if ":" in host else host
    if host in ("0.0.0.0", "::"):
        shown = "127.0.0.1"
    url = f"http://{shown}:{actual}/"
    click.echo(f"govlint 校对页面已启动，请在浏览器中打开：{url}")
    if config.path:
        click.echo(f"使用配置：{config.path}")
    if not loopback:
        click.echo(
            f"注意：正在 {host} 上监听，同一网络中的其他电脑也能打开此页面"
            f"（须用本机 IP 地址或本机名打开；其他名称请用 --allow-host 加上）。"
        )
    click.echo("按 Ctrl+C 停止。", nl=True)
    sys.stdout.flush()

    server = uvicorn.Server(server_config(app))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # pragma: no cover
        pass
    finally:
        sock.close()
    click.echo("govlint 校对页面已停止。")
