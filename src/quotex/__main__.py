"""Run the command line as ``python -m quotex``."""

from quotex.cli import app

# Guarded so that worker processes importing this module never start the CLI.
if __name__ == "__main__":
    app(prog_name="quotex")
