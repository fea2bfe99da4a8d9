"""Helpers shared by the tests (instances, CLI runner, report readers, hypothesis strategies)."""
