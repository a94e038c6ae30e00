"""`kindred run`: serve Slack over HTTP (or Socket Mode), run the scheduled jobs when this process is the
leader, and stop gracefully on SIGTERM: in-flight requests and work after acks finish, a running job stops
after its current message, and the scheduler lock is released."""

import logging
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk.errors import SlackApiError

from bot.app import create_app, utc_now
from bot.config import ConfigError, Settings
from bot.dashboard.web import Dashboard
from bot.db import make_engine, make_session_factory, upgrade
from bot.handled import Ledger
from bot.heap import freeze_startup_objects
from bot.matching.embeddings import load_embedder
from bot.schedule import build_scheduler
from bot.scheduler.context import JobContext
from bot.scheduler.leader import Elector, lock_for
from bot.slack.client import build_client
from bot.web import serve, wsgi_app

log = logging.getLogger(__name__)


def run(settings: Settings, *, port: int | None = None) -> None:
    settings.require_slack()
    load_embedder(settings.embedding_model)  # now, not at the first request (settings only found its files)
    engine = make_engine(settings.database_url)
    upgrade(engine)
    sessions = make_session_factory(engine)
    client = build_client(settings)
    executor = ThreadPoolExecutor(max_workers=16, thread_name_prefix="listener")
    try:
        app = create_app(settings, client, sessions, listener_executor=executor)
    except SlackApiError as error:
        raise ConfigError(f"SLACK_BOT_TOKEN was rejected by Slack ({error.response.get('error')})") from None
    jobs = ScheduledJobs(JobContext(sessions=sessions, client=client, settings=settings, plan_apart=True))
    elector = Elector(lambda: lock_for(settings.database_url), on_elected=jobs.start, on_deposed=jobs.stop)
    freeze_startup_objects()
    http = serve(
        wsgi_app(
            None if settings.socket_mode else app,
            engine,
            role=elector.role,
            dashboard=Dashboard(settings, client, sessions, clock=utc_now),
        ),
        port=settings.port if port is None else port,
    )
    socket_mode = None
    if settings.socket_mode:
        from bot.slack.socket_mode import OnceSocketModeHandler

        assert settings.slack_app_token is not None
        socket_mode = OnceSocketModeHandler(
            app,
            app_token=settings.slack_app_token.get_secret_value(),
            web_client=client,
            ledger=Ledger(sessions, utc_now),
        )
        try:
            socket_mode.connect()
        except ConfigError:
            http.stop()
            raise
        log.info("connected to Slack in Socket Mode")

    elector.start()

    stopping = threading.Event()

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s: shutting down", signal.Signals(signum).name)
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    log.info("Kindred is running (%s mode)", "Socket" if settings.socket_mode else "HTTP")
    stopping.wait()

    if socket_mode is not None:
        socket_mode.stop()  # envelopes being handled finish and are acknowledged first
    http.stop()  # in-flight requests finish first
    elector.stop()  # a running job stops after its current message; the lock goes to another process
    executor.shutdown(wait=True)  # work that runs after an ack finishes too
    engine.dispose()
    log.info("stopped")


class ScheduledJobs:
    """The scheduler of the leader: started when elected, stopped (after the current message) when not."""

    def __init__(self, context: JobContext) -> None:
        self._template = context
        self._running: tuple[BackgroundScheduler, JobContext] | None = None

    def start(self) -> None:
        context = replace(self._template, stop=threading.Event())
        scheduler = build_scheduler(context, utc_now)
        scheduler.start()
        self._running = (scheduler, context)

    def stop(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            scheduler, context = running
            context.stop.set()
            scheduler.shutdown(wait=True)
