"""Run the command line as ``python -m quotex``."""

from quotex.cli import app

app(prog_name="quotex")
