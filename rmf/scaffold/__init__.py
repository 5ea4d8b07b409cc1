"""`rmf init`: a client framework repository that validates and renders as created."""
