"""A framework's shape at a glance, for the terminal and for programs."""
