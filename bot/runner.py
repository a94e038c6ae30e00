"""`kindred run`: serve Slack over HTTP (or Socket Mode), and stop gracefully on SIGTERM."""

import logging
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from types import FrameType

from slack_sdk.errors import SlackApiError

from bot.app import create_app, utc_now
from bot.config import ConfigError, Settings
from bot.db import make_engine, make_session_factory, upgrade
from bot.jobs.context import JobContext
from bot.jobs.scheduler import build_scheduler
from bot.slack.client import build_client
from bot.web import serve, wsgi_app

log = logging.getLogger(__name__)


def run(settings: Settings, *, port: int | None = None) -> None:
    settings.require_slack()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    sessions = make_session_factory(engine)
    client = build_client(settings)
    executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="listener")
    try:
        app = create_app(settings, client, sessions, listener_executor=executor)
    except SlackApiError as error:
        raise ConfigError(f"SLACK_BOT_TOKEN was rejected by Slack ({error.response.get('error')})") from None
    http = serve(
        wsgi_app(None if settings.socket_mode else app, engine), port=settings.port if port is None else port
    )
    socket_mode = None
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        assert settings.slack_app_token is not None
        socket_mode = SocketModeHandler(app, app_token=settings.slack_app_token.get_secret_value())
        socket_mode.connect()  # type: ignore[no-untyped-call]
        log.info("connected to Slack in Socket Mode")

    scheduler = build_scheduler(JobContext(sessions=sessions, client=client, settings=settings), utc_now)
    scheduler.start()

    stopping = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s: shutting down", signal.Signals(signum).name)
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    log.info("Kindred is running (%s mode)", "Socket" if settings.socket_mode else "HTTP")
    stopping.wait()

    if socket_mode is not None:
        socket_mode.close()  # type: ignore[no-untyped-call]
    http.stop()  # in-flight requests finish first
    scheduler.shutdown(wait=True)  # a running job finishes its current step
    executor.shutdown(wait=True)  # work that runs after an ack finishes too
    engine.dispose()
    log.info("stopped")
