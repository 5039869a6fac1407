"""``python -m timeline``: the same command line as the ``timeline`` entry point."""

from timeline.cli import app

if __name__ == "__main__":
    app(prog_name="timeline")
