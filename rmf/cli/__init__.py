"""The `rmf` command line: one module per command; turns results into output and exit codes."""
