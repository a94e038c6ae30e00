"""Everything that knows Slack: ids, Block Kit builders, form parsers, listeners and delivery."""
