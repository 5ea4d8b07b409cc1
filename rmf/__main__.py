"""Run the rmf command line as `python -m rmf`."""

from rmf.cli.app import run

run()
