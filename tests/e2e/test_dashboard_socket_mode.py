"""`kindred run` in Socket Mode, as a real process, serves the dashboard from its HTTP server: an admin's
`/kindred dashboard`, sent over the Socket Mode connection, gives a link that signs in there."""

import signal
from pathlib import Path

from tests.e2e.dashboard import PUBLIC_URL, SECRET_KEY, Browser
from tests.e2e.socket_platform import SocketPlatform
from tests.e2e.test_socket_mode_run import socket_env
from tests.fakeslack import FakeSlack
from tests.processes import KindredProcess


def test_socket_modes_http_server_serves_the_dashboard(fake_slack: FakeSlack, tmp_path: Path) -> None:
    env = socket_env(
        fake_slack,
        tmp_path,
        KINDRED_ADMINS="U0ALICE",
        KINDRED_PUBLIC_URL=PUBLIC_URL,
        KINDRED_SECRET_KEY=SECRET_KEY,
    )
    with KindredProcess(["run", "--port", "0"], env, tmp_path) as kindred:
        kindred.wait_for_log("connected to Slack in Socket Mode")
        fake_slack.socket_mode.wait_for_steady(1)
        browser = Browser(f"http://127.0.0.1:{kindred.port()}")
        assert browser.get("/admin").status == 401

        SocketPlatform(fake=fake_slack).command("/kindred", "dashboard", user="U0ALICE")
        reply = fake_slack.wait_for("response_url", timeout=30)[0].args
        link = reply["blocks"][0]["accessory"]["url"]
        assert link.startswith(f"{PUBLIC_URL}/admin/login?token=")

        assert browser.open_link(link).status == 303
        overview = browser.get("/admin")
        assert overview.status == 200
        assert "Overview" in overview.text
        assert overview.headers["Cache-Control"] == "no-store"
        assert not any(SECRET_KEY in line for line in kindred.log)

        kindred.signal(signal.SIGTERM)
        assert kindred.wait() == 0
