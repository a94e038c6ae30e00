"""Three `kindred run` replicas on one PostgreSQL database: one leader runs the digest; when it is killed in
the middle of sending a DM, another takes over within a minute and every member gets exactly one digest."""

import signal
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.db import make_engine
from tests.processes import (
    KindredProcess,
    digest_due_now,
    digests_in,
    eventually,
    import_the_demo,
    kindred_env,
    slack_knowing_the_demo,
    slow_dm,
)

pytestmark = pytest.mark.postgres
KILL_AT_DM = 9  # the leader dies while Slack is posting this digest DM


@pytest.fixture
def fresh_schema(postgres_url: str) -> Iterator[str]:
    """A database URL on an empty schema of its own: the replicas migrate it themselves."""
    schema = f"kindred_replicas_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield postgres_url.rsplit("%3D", 1)[0] + f"%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_a_killed_leader_is_replaced_and_no_digest_is_lost_or_doubled(
    fresh_schema: str, tmp_path: Path
) -> None:
    with slack_knowing_the_demo() as (fake, community):
        env = kindred_env(fake, fresh_schema, KINDRED_TICK_SECONDS="5", **digest_due_now())
        import_the_demo(env, tmp_path, all_in="UTC")
        posting = threading.Event()
        fake.set_fault(slow_dm(KILL_AT_DM, 2, posting))  # the leader is killed meanwhile; Slack posts it
        replicas = [KindredProcess(["run", "--port", "0"], env, tmp_path) for _ in range(3)]
        try:
            eventually(lambda: any(r.said("elected") for r in replicas), 60, "a leader")
            [leader] = [r for r in replicas if r.said("elected")]
            assert posting.wait(timeout=60), "the leader never sent its digests"
            assert leader.said("planned in a child process")  # the serving process only loads the plan
            leader.signal(signal.SIGKILL)
            killed_at = time.monotonic()
            survivors = [r for r in replicas if r is not leader]

            eventually(lambda: any(r.said("elected") for r in survivors), 60, "a new leader")
            assert time.monotonic() - killed_at < 60
            assert len([r for r in survivors if r.said("elected")]) == 1

            engine = make_engine(fresh_schema)
            complete = text("SELECT count(*) FROM digest_runs WHERE completed_at IS NOT NULL")
            with engine.connect() as connection:
                eventually(lambda: connection.execute(complete).scalar() == 1, 240, "the digest to complete")
                recipients = connection.execute(text("SELECT DISTINCT recipient_id FROM suggestions")).all()
                sent = connection.execute(
                    text("SELECT user_id FROM deliveries WHERE key LIKE 'digest:%' AND status = 'sent'")
                ).all()
            engine.dispose()
        finally:
            for replica in replicas:
                replica.__exit__(None, None, None)

        planned = {user_id for (user_id,) in sent}
        assert len(planned) == len(recipients) > KILL_AT_DM
        assert {user_id: digests_in(fake, user_id) for user_id in planned} == dict.fromkeys(planned, 1)
        others = {m["user_id"] for m in community["members"]} - planned
        assert all(digests_in(fake, user_id) == 0 for user_id in others)
