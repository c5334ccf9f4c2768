"""`python -m converter` runs the agentmorph command line."""

from converter.cli import run

run()
