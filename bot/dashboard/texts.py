"""What an admin reads from the dashboard feature, in Slack and on its pages, kept together so the copy can
be reviewed and changed in one place. Slack formatting is limited to *bold*, _italics_ and emoji."""

# /kindred dashboard
ADMINS_ONLY = (
    "The dashboard is for Kindred admins: workspace admins and owners, and the people listed in "
    "KINDRED_ADMINS. If you think you should have it, ask one of them. :slightly_smiling_face:"
)
SIGN_IN_TEXT = "Your sign-in link to the Kindred dashboard"
SIGN_IN_BUTTON = "Open the dashboard"


def sign_in(url: str, minutes: int) -> str:
    return (
        f":bar_chart: <{url}|Here is your sign-in link to the Kindred dashboard>. It works once, for the "
        f"next {minutes} minutes, and only for you: please don't share it. For a new one, type "
        "`/kindred dashboard` again."
    )


def not_set_up(missing: list[str]) -> str:
    settings = " and ".join(f"`{name}`" for name in missing)
    return (
        f"The dashboard is not set up yet: set {settings} where Kindred runs, then restart it. "
        "`KINDRED_PUBLIC_URL` is the https address people reach Kindred at (such as "
        "https://kindred.example.org) and `KINDRED_SECRET_KEY` a random secret of at least 32 characters "
        "(`python3 -c 'import secrets; print(secrets.token_urlsafe(32))'` makes one)."
    )


# The pages
TITLE = "Kindred dashboard"
GET_A_LINK = "Type /kindred dashboard in Slack to get a new sign-in link."
LINK_REFUSED_TITLE = "This link does not work any more"
LINK_REFUSED = (
    "Sign-in links work once, for ten minutes, and only for the admin who asked for them. "
    "This one was already used, has expired, or is not a link Kindred made."
)
SIGNED_OUT_TITLE = "Please sign in"
SIGNED_OUT = "Your session has ended, or this browser has not signed in to the dashboard yet."
NOT_ADMIN_TITLE = "The dashboard is for admins"
NOT_ADMIN = (
    "You are not a Kindred admin (any more): the dashboard is for workspace admins and owners, and the "
    "people listed in KINDRED_ADMINS. If you think you should have it, ask one of them."
)
CSRF_TITLE = "That form has expired"
CSRF = "Please go back, reload the page and try again."
LOGGED_OUT_TITLE = "You are signed out"
LOGGED_OUT = "See you next Monday."
SLACK_UNREACHABLE_TITLE = "Slack did not answer"
SLACK_UNREACHABLE = (
    "Kindred asks Slack at every page whether you are still an admin, and Slack did not answer just now. "
    "You are still signed in: please reload the page in a minute."
)
SIGN_IN_TITLE = "Sign in to the Kindred dashboard"
SIGN_IN_HINT = (
    "You asked for this link with /kindred dashboard in Slack. It works once: the button below signs this "
    "browser in for 12 hours."
)
SIGN_IN_BUTTON_PAGE = "Sign in"
NOT_FOUND_TITLE = "Nothing here"
NOT_FOUND = "There is no dashboard page at this address."
NOT_SET_UP_TITLE = "The dashboard is not set up"
NOT_SET_UP = (
    "Set KINDRED_SECRET_KEY (a random secret of at least 32 characters) and KINDRED_PUBLIC_URL where "
    "Kindred runs, then restart it."
)

# The pages, in the bar on every page: (path, page, label)
NAV = (
    ("/admin", "overview", "Overview"),
    ("/admin/supply", "supply", "Supply & demand"),
    ("/admin/people", "people", "People"),
    ("/admin/intros", "intros", "Intros"),
    ("/admin/network", "network", "Network"),
)
SUPPLY_INTRO = (
    "What members offer and what they need, by theme: the groups of Kindred's skills list, read from the "
    "skills they picked and the words they wrote. An entry that names no skill Kindred knows is under "
    "Other. The gaps are the needs nobody offers to help with yet: someone to invite, or a member to ask."
)
GAP_RULE = (
    "A need is a gap when no member offers any of its skills (or a closely related one) and none of the "
    "last four digests found an offer for it."
)
SUPPLY_EMPTY = "No offers or needs yet."
GAPS_NONE = "Every open need has an offer that could answer it. 🎉"
CHART_LEGEND = (
    ("offers", "offered"),
    ("needs", "needed, and an offer answers"),
    ("gaps", "needed, and nothing answers"),
)


def offers_count(count: int) -> str:
    return f"{count} offer{'' if count == 1 else 's'}"


def needs_count(count: int, gaps: int) -> str:
    needs = f"{count} need{'' if count == 1 else 's'}"
    return f"{needs}, {gaps} with no offer" if gaps else needs


def answered_count(count: int) -> str:
    return f"{count} need{'' if count == 1 else 's'} an offer answers"


def gap_count(count: int) -> str:
    return f"{count} with no offer"


def private_gaps(count: int) -> str:
    if count == 0:
        return ""
    needs = "need is" if count == 1 else "needs are"
    return (
        f"{count} private {needs} in these gaps too: they count in every number above and are never listed."
    )


PEOPLE_INTRO = (
    "Members who may be missing out: nobody was suggested to them in the last four digests, Kindred never "
    "introduced them, or Kindred paused them after three intro requests went unanswered. A friendly word "
    "from you can help."
)
PEOPLE_EVERYONE = "members who may be missing out (all reasons)"
PEOPLE_NONE = "Nobody is left out right now. 🎉"
INTROS_INTRO = (
    "Every intro with its state and dates. An intro that was declined, expired or was cancelled reads "
    '"did not happen": nobody is shown as having said no.'
)
INTROS_NONE = "No intros match these filters."
DOWNLOAD_CSV = "Download as CSV"
NETWORK_INTRO = (
    "Who Kindred has introduced: members tied together by intros that happened form clusters. Bridges are "
    "the members whose intros reach other clusters: the weak ties that carry new ideas between groups."
)
NETWORK_EMPTY = "No intros have happened yet, so there is no network to draw."
NETWORK_NO_SCRIPT = (
    "The picture needs JavaScript. The clusters, the bridges and the members with no intro yet are all in "
    "the tables below."
)
NETWORK_HOVER = "Point at a dot or tap it to see who it is."
NETWORK_HOVER_CLUSTERS = "Point at a bubble or tap it to see its cluster."
CLUSTERS_HINT = "The largest clusters, each with its bridges and the clusters it has most intros with."
BRIDGES_HINT = "Members tied into clusters other than their own, the most clusters reached first."
NOBODY_FOUND = "Nobody here."
NETWORK_PENDING = (
    "Kindred is drawing the first picture of your community's network. A community this size is drawn in "
    "the background rather than while you wait: it will be here a few minutes after Kindred started. "
    "Reload this page then. After that, a new picture is drawn as each digest period starts."
)


def network_caption(drawn: str, clusters: int, not_drawn: int, period: str, current: str) -> str:
    computed = f"Computed once for the digest period {period}."
    if period != current:
        computed = (
            f"This is the picture of the digest period {period}: Kindred is drawing this week's "
            f"({current}) in the background. Reload in a few minutes to see it."
        )
    if drawn == "members":
        return (
            "Each dot is a member, coloured by cluster; a line is an intro that happened. Ringed, larger "
            "dots are bridges; the grey dots at the side have no intro yet. " + computed
        )
    small = f" The {not_drawn} smaller clusters are counted but not drawn." if not_drawn else ""
    return (
        f"Too many members to draw one by one: each bubble is one of the {clusters} clusters, its size the "
        "number of members in it; a line joins two clusters that intros tie together, thicker for more "
        f"intros. The grey bubble is the members with no intro yet.{small} " + computed
    )


def dot_title(name: str, cluster: int | None, reaches: int) -> str:
    """What pointing at a member's dot says."""
    if cluster is None:
        return f"{name} · no intro yet"
    if reaches:
        return f"{name} · cluster {cluster + 1} · a bridge to {_counted(reaches, 'other cluster')}"
    return f"{name} · cluster {cluster + 1}"


def bubble_title(cluster: int, members: int) -> str:
    return f"Cluster {cluster + 1}: {_counted(members, 'member')}"


def link_title(cluster: int, other: int, ties: int) -> str:
    return f"Clusters {cluster + 1} and {other + 1}: {_counted(ties, 'intro')}"


def rest_title(members: int) -> str:
    return f"{_counted(members, 'member')} with no intro yet"


def tied_to(clusters: tuple[tuple[int, int], ...]) -> str:
    """The clusters a cluster has most intros with, for its row in the clusters table."""
    return ", ".join(f"cluster {other + 1} ({_counted(ties, 'intro')})" for other, ties in clusters) or "none"


def _counted(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def newest_shown(shown: int) -> str:
    return f"the newest {shown} shown here: narrow them down above, or download them all as CSV"


def longest_shown(shown: int, total: int) -> str:
    return f"the {shown} that waited longest of {total} shown here; the CSV has them all"


def first_shown(shown: int, total: int) -> str:
    return f"the first {shown} of {total} shown here; the CSV has them all"


# Overview: each number, and what its 12-week chart covers
CHARTS_COVER = "Each small chart shows the last 12 weeks, Monday to Sunday, this week so far on the right."
WEEK_BY_WEEK = "Week by week"
NONE = "—"
NO_VALUE = "none"
THIS_WEEK = "this week"
ACTIVE = "active"
PAUSED = "paused, for any reason"
QUIET = "of them paused for silence (three intro requests left unanswered)"
OFFERS = "offers"
PROJECTS = "projects"
SUGGESTED = "Suggested in digests"
REQUESTED = "Requested"
ACCEPTED = "Accepted by both"
INTRODUCED = "Introduced"
MET = "Met"
ACCEPTANCE_RATE = "acceptance rate (of the intros someone answered)"
MET_RATE = "met rate (of the intros made)"
DAYS_TO_SUGGESTION = "median days from a need to its first suggestion in a digest"
DAYS_TO_INTRODUCTION = "median days from a need to an introduction for it"
COVERS_COUNTED = "as counted at each week's end"
COVERS_OPEN = "open at each week's end"
COVERS_DIGEST = "in each week's digest"
COVERS_WEEK = "per week"
COVERS_ANSWERED = "per week: of the intros answered that week"
COVERS_INTRODUCED = "per week: of that week's introductions, met since"
COVERS_FIRST_SUGGESTED = "per week: needs first suggested that week"
COVERS_FIRST_INTRODUCED = "per week: needs first introduced that week"


def open_needs(private: int) -> str:
    return f"open needs, {private} of them private" if private else "open needs"


def counted_since(week: str) -> str:
    """The member charts when counting began within the 12 weeks: the weeks before it have no value."""
    if week == THIS_WEEK:
        return "counted from this week on"
    return f"as counted at each week's end, since the week of {week}"


def chart_spoken(label: str, points: list[str]) -> str:
    return f"{label}, the last 12 weeks: {', '.join(points)}"
