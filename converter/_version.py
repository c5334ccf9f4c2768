"""The package version, kept apart so `agentmorph --version` imports nothing else."""

__version__ = "0.1.0"
