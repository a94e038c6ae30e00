"""A bare Bolt app whose `/need-help` handler only acks: the baseline for `bench.ack_latency`.

    SLACK_BOT_TOKEN=xoxb-… SLACK_SIGNING_SECRET=… SLACK_API_URL=http://127.0.0.1:…/api/ \\
    DATABASE_URL=sqlite:///bare.db .venv/bin/python -m bench.bare_bolt_app --port 3001

Everything but Kindred's own code is the same as `kindred run` in HTTP mode, so the difference in ack
latency is what Kindred adds: the same settings (read from the same variables), the same Web API client
(`build_client`, pointed at the fake; Bolt's start-up `auth.test` goes there too), a 16-thread listener
executor, `process_before_response=False`, and the same WSGI surface and server (`bot.web.wsgi_app` and
`bot.web.serve`: cheroot, 16 threads). The database only answers `/healthz`. Serves until SIGTERM.
With `--socket-mode` (and SLACK_APP_TOKEN) it takes requests over Socket Mode instead, on Bolt's own
websocket-client adapter with its defaults, the baseline for `bench.socket_ack_latency`.
"""

import argparse
import logging
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from types import FrameType

from slack_bolt import Ack, App

from bot import logs
from bot.config import load_settings
from bot.db import make_engine
from bot.slack import ids
from bot.slack.client import build_client
from bot.web import serve, wsgi_app

log = logging.getLogger(__name__)
LISTENER_THREADS = 16  # as in bot/runner.py


def ack_only(ack: Ack) -> None:
    ack()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--socket-mode", action="store_true", help="take requests over Socket Mode")
    args = parser.parse_args()

    settings = load_settings()
    logs.configure(level=settings.log_level, fmt=settings.log_format)
    assert args.socket_mode or settings.slack_signing_secret is not None, "SLACK_SIGNING_SECRET is required"
    executor = ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="listener")
    app = App(
        name="bare",
        client=build_client(settings),
        signing_secret=settings.slack_signing_secret.get_secret_value()
        if settings.slack_signing_secret
        else "-",
        process_before_response=False,
        listener_executor=executor,
    )
    app.command(ids.NEED_HELP_COMMAND)(ack_only)
    engine = make_engine(settings.database_url)
    http = serve(wsgi_app(None if args.socket_mode else app, engine), port=args.port)
    socket_mode = None
    if args.socket_mode:
        from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler

        assert settings.slack_app_token is not None, "SLACK_APP_TOKEN is required"
        socket_mode = SocketModeHandler(app, app_token=settings.slack_app_token.get_secret_value())
        socket_mode.connect()  # type: ignore[no-untyped-call]

    stopping = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    log.info("bare Bolt app is running")
    stopping.wait()
    if socket_mode is not None:
        socket_mode.close()  # type: ignore[no-untyped-call]
    http.stop()
    executor.shutdown(wait=True)
    engine.dispose()


if __name__ == "__main__":
    main()
