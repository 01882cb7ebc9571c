"""A worker that never starts: its code does not compile (the contract's malformed module)."""


def broken(:
    pass
