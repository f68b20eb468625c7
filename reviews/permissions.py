"""Every access decision of this app, in one place (see partnership/permissions.py)."""
