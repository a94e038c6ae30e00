"""Domain rules. Nothing here imports Slack; every function takes the session and `now`."""
