"""Run the rmf command line as `python -m rmf`."""

from rmf.cli.app import app

app(prog_name="rmf")
