"""Comparing framework versions: changes by entity, grades, versions, documents to reissue."""
