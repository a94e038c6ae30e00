import sys

from bot.cli import main

if __name__ == "__main__":  # not when a child process (jobs/planning) imports the main module
    sys.exit(main())
