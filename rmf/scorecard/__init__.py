"""The engagement scorecard: measurements, status against target, trend charts."""
