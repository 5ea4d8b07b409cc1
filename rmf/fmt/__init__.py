"""Canonical formatting of framework files, keeping every comment."""
