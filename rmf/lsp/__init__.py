"""`rmf lsp`: a language server that knows a framework's rules, ids and references."""
