"""The skills picker: curated skills matching what the member types, plus their own."""

from tests.e2e.conftest import Bot


def _suggest(bot: Bot, typed: str) -> dict:
    bot.slack.command("/offer-help")
    reply = bot.slack.suggest("skills", typed, view=bot.opened_view("offer_modal"))
    assert reply.status == 200
    return reply.json()


def test_typing_finds_curated_skills_by_label_and_alias(bot: Bot) -> None:
    values = [o["value"] for o in _suggest(bot, "seo")["options"]]
    assert values[0] == "seo"
    assert "local-seo" in values


def test_something_new_can_be_added_as_the_members_own(bot: Bot) -> None:
    answer = _suggest(bot, "Sourdough baking")
    groups = answer["option_groups"]
    own = groups[-1]
    assert own["label"]["text"] == "Add as your own skill"
    assert own["options"] == [
        {
            "text": {"type": "plain_text", "text": "Sourdough baking", "emoji": True},
            "value": "sourdough-baking",
        }
    ]


def test_an_empty_query_suggests_popular_skills_and_odd_input_is_safe(bot: Bot) -> None:
    assert 0 < len(_suggest(bot, "")["options"]) <= 100
    for typed in ("🎉" * 100, "x" * 5000, "<script>", "\x00"):
        bot.slack.command("/offer-help")
        answer = bot.slack.suggest("skills", typed, view=bot.opened_view("offer_modal")).json()
        for option in answer.get("options", []) + [
            o for g in answer.get("option_groups", []) for o in g["options"]
        ]:
            assert len(option["text"]["text"]) <= 75
            assert len(option["value"]) <= 150
