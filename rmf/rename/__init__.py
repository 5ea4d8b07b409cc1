"""`rmf rename`: an id renamed in place across a framework's files, as text edits."""
