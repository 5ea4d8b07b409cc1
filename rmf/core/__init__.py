"""What every capability shares: the Finding record, the error hierarchy, atomic writes."""
