"""Shared hypothesis strategies: Slack-shaped ids and the kind of text members (and attackers) type."""

from hypothesis import strategies as st

from bot.skills import vocabulary

# Ids shaped like Slack's: U0ABC12 (users), W… (Enterprise Grid users), T0… (workspaces).
user_ids = st.from_regex(r"[UW]0[A-Z0-9]{4,9}", fullmatch=True)
team_ids = st.from_regex(r"T0[A-Z0-9]{4,9}", fullmatch=True)

SLACK_MARKUP = (
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U0ABC12|dana>",
    "<@W0ZZZ99>",
    "<#C0GENERAL|general>",
    "<https://evil.example|click me>",
    "<mailto:a@b.example|mail>",
    "*bold* _italic_ ~strike~ `code` ```block```",
    "&lt;&gt;&amp;",
    "> quoted",
    "'; DROP TABLE members; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM offers;--",
    "🎉👩‍💻🇩🇪",
    "\u200b\u200d\ufeff",
    "\u202eevil",
    "\x00\x07\x1b[2J\x7f",
    "\r\n\t",
    "ｆｕｌｌ ｗｉｄｔｈ",
    "İstanbul ß ǅ",
    "%s %d {0} {name}",
)

_SKILL_WORDS = sorted(
    {skill.tag for skill in vocabulary()}
    | {skill.label for skill in vocabulary()}
    | {alias for skill in vocabulary() for alias in skill.aliases}
)
_SKILL_TAGS = sorted(skill.tag for skill in vocabulary())


def _skill_word(index: int) -> str:
    return _SKILL_WORDS[index]


def _skill_tag(index: int) -> str:
    return _SKILL_TAGS[index]


# Indexing instead of sampled_from keeps the strategies' repr short (hypothesis prints it in reports).
skill_words = st.integers(0, len(_SKILL_WORDS) - 1).map(_skill_word)
skill_tags = st.integers(0, len(_SKILL_TAGS) - 1).map(_skill_tag)


def nasty_text(max_size: int = 200) -> st.SearchStrategy[str]:
    """Any text: arbitrary unicode, Slack markup, SQL-ish strings, control characters, and very long runs."""
    fragment = st.one_of(st.text(max_size=40), st.sampled_from(SLACK_MARKUP), skill_words)
    joined = st.lists(fragment, max_size=8).map(" ".join)
    long = st.builds(
        lambda piece, times: (piece * times)[:10_000], st.text(min_size=1, max_size=5), st.just(10_000)
    )
    return st.one_of(st.text(max_size=max_size), joined, long)


def json_values(max_leaves: int = 30) -> st.SearchStrategy[object]:
    """Any JSON document (what json.loads can return)."""
    # JSON may also escape unpaired surrogates ("\udfff"): valid JSON, but not encodable text.
    strings = st.text(max_size=30) | st.text(st.characters(categories=["Cs", "Ll"]), max_size=4)
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | strings
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=15), inner, max_size=5),
        max_leaves=max_leaves,
    )
