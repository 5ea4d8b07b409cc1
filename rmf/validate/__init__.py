"""Validation: the schema check, the organisational rules, and the writers of findings."""
