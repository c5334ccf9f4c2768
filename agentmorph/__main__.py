"""`python -m agentmorph` runs the agentmorph command line."""

from converter.cli import run

run()
