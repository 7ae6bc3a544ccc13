"""Readers of what deploys the estate: infrastructure state, code owners, on-call tools."""
