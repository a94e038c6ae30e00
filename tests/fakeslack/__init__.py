"""A fake Slack Web API server for tests, plus a Block Kit checker.

from tests.fakeslack import FakeSlack

with FakeSlack() as fake:
    client = WebClient(token=fake.token, base_url=fake.api_url)
    ...
"""

from tests.fakeslack.blockcheck import check_message_blocks, check_view
from tests.fakeslack.server import FakeSlack
from tests.fakeslack.wire import Call, Fault

__all__ = ["Call", "FakeSlack", "Fault", "check_message_blocks", "check_view"]
