"""Checks: each module turns frames or planning data into findings, never raising for data problems."""
