def model_update(instance, fields, allowed):
    """Set `fields` (only names in `allowed`) on a model instance, validate it and save it.
    The shared step of every app's update services."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance
