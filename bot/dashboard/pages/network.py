"""Network: the picture of who Kindred introduced (drawn in the browser by Cytoscape.js at the positions
stored once a digest period, see `bot/dashboard/graph.py`), with the clusters, the bridges and the members
with no intro yet in tables beside it (searchable), for anyone who cannot use the picture."""

from bot.dashboard import graph
from bot.dashboard.page import Reply, Request
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
    if picture is None:  # a large community's first picture: the network-snapshot job is drawing it
        return request.html("network", picture=None)
    return request.html(
        "network",
        picture=picture,
        period=period,
        search=search,
        drawing=graph.drawing(picture),
        colours=len(graph.PALETTE),
    )
