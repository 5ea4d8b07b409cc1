"""Reading framework files: YAML with positions, includes, and bases a framework extends."""
