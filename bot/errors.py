"""Domain exceptions. One error handler at the Slack edge turns them into a friendly message."""


class DomainError(Exception):
    """A problem the member can understand; `message` is shown to them as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    """Input that breaks a rule; `fields` maps field names to what to fix."""

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.fields = fields or {}


class NotAllowed(DomainError):
    """The member may not do this (someone else's entry, an admin-only command…)."""


class NotFound(DomainError):
    """What the member refers to does not exist (any more)."""
