"""Independent scrutiny: dashboards and indicators, the challenge log, the yearly report."""
