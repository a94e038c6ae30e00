"""Pure matching: text → features → candidates → ranked, explained suggestions. No Slack, no database."""
