"""The `kindred` commands' work, one module per idea; `bot/cli.py` parses the command line and calls
them. Every module here imports only the standard library at load time, so `kindred --help` stays quick
(`tests/test_cli_imports.py`)."""
