"""rmf: Relationship Management Frameworks as data."""

__version__ = "0.1.0"
HOME = "https://github.com/rmf-tools/rmf"  # the project's home, named in SARIF and scaffolds
