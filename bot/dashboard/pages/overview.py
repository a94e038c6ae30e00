"""Overview: the numbers a community manager looks at first, each with a small chart of its last 12 weeks."""

from bot.dashboard.charts import chart_data, overview_charts, week_labels
from bot.dashboard.page import Reply, Request
from bot.db import session_scope
from bot.digest import service as digest
from bot.stats import service as stats


def page(request: Request) -> Reply:
    weeks = digest.DigestRules.from_settings(request.settings).periods(request.now, count=stats.WEEKS)
    with session_scope(request.sessions) as session:
        numbers = stats.overview(session, team_id=request.team_id, weeks=weeks, now=request.now)
    starts = [week.week_start for week in weeks]
    charts = overview_charts(numbers, starts)
    labels = week_labels(starts)
    return request.html("overview", charts=charts, weeks=labels, data=chart_data(charts, labels))
