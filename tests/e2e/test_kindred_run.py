"""`kindred run` as a real process: serves Slack and /healthz, upgrades the schema, stops on SIGTERM."""

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.e2e.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.e2e.slack_platform import SlackPlatform
from tests.fakeslack import FakeSlack


def test_run_serves_slack_and_stops_gracefully(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KINDRED_"))},
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.db'}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--port", "0"],
        env=env,
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        port = None
        assert process.stderr is not None
        for line in process.stderr:
            found = re.search(r"listening on http://[\d.]+:(\d+)", line)
            if found:
                port = int(found.group(1))
                break
        assert port, "kindred run never said where it listens"
        url = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{url}/healthz", timeout=10) as response:
            assert response.status == 200

        slack = SlackPlatform(url=url, secret=SIGNING_SECRET, fake=fake_slack)
        assert slack.command("/kindred", "help").status == 200
        assert "/offer-help" in fake_slack.wait_for("response_url")[0].args["text"]

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        rest = process.stderr.read()
        assert "received SIGTERM: shutting down" in rest
        assert "stopped" in rest
    finally:
        if process.poll() is None:
            process.kill()
