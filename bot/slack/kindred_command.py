"""/kindred and its subcommands. The core reads the text into a word and its argument and answers help;
each feature adds the words it answers (`subcommands.add(handler, "pause", "resume")`) when it registers,
so the core never needs to know them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.slack import ids
from bot.slack.acks import AT_ONCE
from bot.slack.acting import Acting
from bot.slack.blocks.messages import Message, help_message
from bot.slack.errors import guard

WORD_MAX = 40  # longer words are cut before they are looked up or echoed back


@dataclass(frozen=True)
class Asked:
    """One `/kindred <word> <argument>`, after the ack: what a subcommand's handler needs."""

    word: str
    argument: str
    body: dict[str, Any]
    client: WebClient
    context: Any
    respond: Respond
    acting: Acting

    @property
    def response_url(self) -> str | None:
        return self.body.get("response_url")

    def answer(self, message: Message) -> None:
        """Reply only to the member who typed the command, in the channel they typed it in."""
        self.respond(response_type="ephemeral", **message.as_kwargs())


Handler = Callable[[Asked], None]


class Subcommands:
    """The words /kindred answers, each bound to the handler of the feature that owns it."""

    def __init__(self) -> None:
        self._handlers: dict[str, Handler] = {}

    def add(self, handler: Handler, *words: str) -> None:
        for word in words:
            if word in self._handlers or word in ("", "help"):
                raise ValueError(f"/kindred {word} is answered twice")
            self._handlers[word] = handler

    def register(self, app: App) -> None:
        app.command(ids.KINDRED_COMMAND, middleware=AT_ONCE)(guard(self.kindred))

    def kindred(
        self,
        ack: Ack,
        body: dict[str, Any],
        client: WebClient,
        context: Any,
        respond: Respond,
        acting: Acting,
    ) -> None:
        ack()
        word, argument = _subcommand(command_text(body))
        if word == "forget" and argument.lower() == "me":
            word, argument = "forget-me", ""
        asked = Asked(word, argument, body, client, context, respond, acting)
        handler = self._handlers.get(word)
        if handler is not None:
            handler(asked)
        else:
            asked.answer(help_message(unknown=word if word not in ("", "help") else None))


def command_text(body: dict[str, Any]) -> str:
    """What the member typed after the command; "" when Slack sent none."""
    text = body.get("text")
    return text if isinstance(text, str) else ""


def _subcommand(text: str) -> tuple[str, str]:
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0].lower()[:WORD_MAX], parts[1].strip() if len(parts) > 1 else ""
