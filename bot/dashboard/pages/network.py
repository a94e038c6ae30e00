"""Network: the picture of who Kindred introduced, computed once a digest period and then read back, with
the bridges and the members with no intro yet listed beside it (searchable)."""

from bot.dashboard.page import Reply, Request
from bot.dashboard.picture import svg_of
from bot.db import session_scope
from bot.digest import service as digest
from bot.stats import service as stats


def page(request: Request) -> Reply:
    search = request.param("q")
    period = digest.DigestRules.from_settings(request.settings).period(request.now).key
    with session_scope(request.sessions) as session:
        picture = stats.network_picture(
            session, team_id=request.team_id, period=period, now=request.now, search=search
        )
    return request.html("network", picture=picture, search=search, svg=svg_of(picture))
