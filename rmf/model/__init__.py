"""The framework model: pydantic classes for every section of the RMF format, and its types."""
