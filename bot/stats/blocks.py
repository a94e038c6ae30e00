"""/kindred stats: how intros are going, and supply versus demand of skills."""

from slack_sdk.models.blocks import Block, ContextBlock, HeaderBlock, MarkdownTextObject, SectionBlock

from bot.skills import label_for
from bot.slack.blocks.common import clip, escape, plain
from bot.slack.blocks.messages import Message
from bot.stats import texts
from bot.stats.service import Stats

NOT_YET = "—"


def stats_message(stats: Stats) -> Message:
    numbers = [
        ("Intros requested", str(stats.requested)),
        ("Accepted by both", str(stats.accepted)),
        ("Introduced", str(stats.introduced)),
        ("Met", str(stats.met)),
        ("Acceptance rate", _percent(stats.acceptance_rate)),
        (
            "Median time to accept",
            NOT_YET if stats.median_hours_to_accept is None else _hours(stats.median_hours_to_accept),
        ),
        ("Follow-ups answered", _percent(stats.follow_up_response_rate)),
        (texts.AUTO_PAUSED_LABEL, str(len(stats.auto_paused))),
    ]
    blocks: list[Block] = [
        HeaderBlock(text=plain(texts.STATS_HEADER, 150)),
        SectionBlock(fields=[MarkdownTextObject(text=f"*{label}*\n{value}") for label, value in numbers]),
    ]
    if stats.auto_paused:
        names = ", ".join(escape(name) for name in stats.auto_paused)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=clip(texts.auto_paused(names), 3000))))
    if stats.skills:
        width = max(len(label_for(skill)[:30]) for skill, _, _ in stats.skills)
        rows = [f"{'Skill':<{width}}  offered  needed"]
        rows += [
            f"{label_for(skill)[:30]:<{width}}  {offered:>7}  {needed:>6}"
            for skill, offered, needed in stats.skills
        ]
        table = clip("*Supply and demand*\n```" + "\n".join(rows) + "```", 3000)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=table)))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text="Private needs are not counted.")]))
    return Message(text=texts.STATS_HEADER, blocks=blocks)


def _percent(share: float | None) -> str:
    return NOT_YET if share is None else f"{share:.0%}"


def _hours(hours: float) -> str:
    return f"{hours:.1f} hours" if hours < 48 else f"{hours / 24:.1f} days"
