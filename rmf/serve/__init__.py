"""`rmf serve`: the framework's HTML documents, served live while its files are edited."""
