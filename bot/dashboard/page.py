"""What a dashboard page gets and gives back: a `Request` from a signed-in admin who still is one (the
router in web.py has checked), and a `Reply` the router sends with the security headers every /admin
response carries. A page is a plain function `Request → Reply`: one module each under pages/."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from jinja2 import Environment

from bot.config import Settings
from bot.dashboard import texts
from bot.db import SessionFactory

Headers = list[tuple[str, str]]
HTML = "text/html; charset=utf-8"
CSV = "text/csv; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    body: bytes | Iterable[bytes]  # chunks: sent as they come (a download of hundreds of thousands of rows)
    content_type: str = HTML
    headers: Headers = field(default_factory=list)


@dataclass(frozen=True)
class Request:
    team_id: str
    csrf: str
    query: dict[str, list[str]]
    now: datetime
    settings: Settings
    sessions: SessionFactory
    templates: Environment

    def param(self, name: str, *, longest: int = 100) -> str:
        """A query parameter as typed (the first one given), cut to `longest` characters; "" if none."""
        return self.query.get(name, [""])[0][:longest]

    def html(self, page: str, **context: Any) -> Reply:
        """templates/`page`.html with the page's context and what every page's frame needs."""
        body = self.templates.get_template(f"{page}.html").render(
            texts=texts, csrf=self.csrf, page=page, **context
        )
        return Reply(body.encode())

    def csv(self, name: str, body: str | Iterable[str]) -> Reply:
        """A CSV download, named after the table and today's date: the whole text, or its chunks as they
        are written (the download starts at once, and no more than a chunk is held)."""
        filename = f"kindred-{name}-{self.now.date().isoformat()}.csv"
        encoded = body.encode() if isinstance(body, str) else _encoded(body)
        return Reply(encoded, CSV, [("Content-Disposition", f'attachment; filename="{filename}"')])


Page = Callable[[Request], Reply]


def _encoded(chunks: Iterable[str]) -> Iterator[bytes]:
    for chunk in chunks:
        yield chunk.encode()
