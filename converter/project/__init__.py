"""The project room: one source folder of agents kept in every tool's layout (`sync`), its
configuration, the manifest of what it generated, and gathering agents back (`import`)."""
