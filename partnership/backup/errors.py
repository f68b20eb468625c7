class BackupError(Exception):
    """A backup or restore that cannot go on, with the reason in words for the operator."""
