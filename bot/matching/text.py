"""Text → tokens: one normalisation shared by concept detection and text similarity.

`words` keeps every word as written (lowercased, hyphenated compounds joined: "e-mail" → "email"), for
phrase and exclusion matching. `stem` maps a word to a comparable form: British → American spelling
("optimisation" → "optimization"), then the Snowball English stemmer ("websites" → "websit").
`is_filler` tells words that carry no topic ("happy", "help", "anything", "the").
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_STEMMER = snowballstemmer.stemmer("english")
# Linear on any input: `[^<>]` stops at the next "<", and an e-mail address starts only where a token does
# (`\S+@\S+\.\w+` took cubic time on a description of a few thousand "@"s).
_MARKUP = re.compile(r"<[@#!][^<>]*>|<https?://[^<>]*>|https?://\S+|(?<!\S)[^\s@]+@[^\s@]+\.\w+")
_HYPHENATED = re.compile(r"(?<=[a-z0-9])[-‐‑](?=[a-z0-9])")
_WORD = re.compile(r"[a-z0-9][a-z0-9+#]*(?:\.[a-z0-9]+)*")
_UK_SUFFIX = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$")
_UK_YSE = re.compile(r"(?<=[a-z]{3})ys(e|es|ed|ing|er|ers)$")

# Everyday British spellings whose American form the stemmer would otherwise keep apart.
UK_TO_US = {
    "colour": "color",
    "colours": "colors",
    "coloured": "colored",
    "colouring": "coloring",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "favourite": "favorite",
    "flavour": "flavor",
    "honour": "honor",
    "labour": "labor",
    "neighbour": "neighbor",
    "humour": "humor",
    "rumour": "rumor",
    "centre": "center",
    "centres": "centers",
    "programme": "program",
    "programmes": "programs",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "dialogue": "dialog",
    "licence": "license",
    "defence": "defense",
    "offence": "offense",
    "cheque": "check",
    "jewellery": "jewelry",
    "jeweller": "jeweler",
    "fulfilment": "fulfillment",
    "enrolment": "enrollment",
    "travelling": "traveling",
    "modelling": "modeling",
    "labelling": "labeling",
    "cancelled": "canceled",
    "grey": "gray",
    "ageing": "aging",
    "practise": "practice",
    "practising": "practicing",
    "analogue": "analog",
}

# Words that say nothing about the topic in an offer or a need, on top of the usual English stop words.
FILLER = frozenset(
    [
        "help",
        "helping",
        "helped",
        "helps",
        "happy",
        "glad",
        "keen",
        "love",
        "like",
        "want",
        "wants",
        "wanting",
        "need",
        "needs",
        "needed",
        "needing",
        "looking",
        "look",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "anything",
        "everything",
        "something",
        "stuff",
        "thing",
        "things",
        "bit",
        "little",
        "lot",
        "lots",
        "really",
        "honestly",
        "genuinely",
        "just",
        "also",
        "able",
        "advice",
        "tips",
        "support",
        "supporting",
        "offer",
        "offering",
        "offers",
        "share",
        "sharing",
        "chat",
        "chats",
        "quick",
        "call",
        "calls",
        "hour",
        "hours",
        "minute",
        "minutes",
        "session",
        "sessions",
        "small",
        "big",
        "new",
        "good",
        "great",
        "best",
        "better",
        "way",
        "ways",
        "get",
        "getting",
        "got",
        "make",
        "making",
        "made",
        "work",
        "working",
        "time",
        "times",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "day",
        "days",
        "people",
        "person",
        "folks",
        "guy",
        "guys",
        "hey",
        "hi",
        "would",
        "could",
        "should",
        "might",
        "maybe",
        "please",
        "thanks",
        "thank",
        "idea",
        "ideas",
        "question",
        "questions",
        "try",
        "trying",
        "start",
        "starting",
        "started",
        "figure",
        "figuring",
        "sure",
        "know",
        "knowing",
        "learn",
        "learning",
        "teach",
        "me",
        "my",
        "mine",
        "i",
        "im",
        "ive",
        "id",
        "ill",
        "us",
        "our",
        "we",
        "you",
        "your",
        "yours",
        "does",
        "doesnt",
        "dont",
        "cant",
        "wont",
        "isnt",
        "arent",
        "didnt",
        "youre",
        "theyre",
        "lets",
        "etc",
        "eg",
        "ie",
        "via",
        "without",
    ]
)
STOP = frozenset(ENGLISH_STOP_WORDS) | FILLER


def words(text: str) -> list[str]:
    """Lowercased words as written, with markup, links and e-mail addresses removed."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    if "<" in normal or "http" in normal or "@" in normal:
        normal = _MARKUP.sub(" ", normal)
    normal = normal.replace("&", " and ").replace("’", "'").replace("'s ", " ").replace("'", "")
    normal = _HYPHENATED.sub("", normal)
    return [word.rstrip(".") for word in _WORD.findall(normal)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    american = UK_TO_US.get(word)
    if american is None:
        american = _UK_YSE.sub(r"yz\1", _UK_SUFFIX.sub(r"iz\1", word))
    return str(_STEMMER.stemWord(american))


def is_filler(word: str) -> bool:
    return word in STOP or len(word) < 2 or word.isdigit()
