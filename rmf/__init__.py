"""rmf: Relationship Management Frameworks as data."""

__version__ = "0.1.0"
