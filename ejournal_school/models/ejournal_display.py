"""Record names that read well on new, half-filled records too (REQ-04)."""


def display_join(parts, fallback, sep=" · "):
    """The filled ``parts`` joined by ``sep``, or ``fallback`` when none is."""
    return sep.join(str(part) for part in parts if part) or fallback
