"""A worker written with the Python SDK whose functions have type hints, for the signature tests."""
from typing import Optional

from ggen_worker import Worker

w = Worker("typed")


@w.function
def add(a: int, b: int = 1) -> int:
    """Adds b to a."""
    return a + b


@w.function
def scale(values: list[float], factor: Optional[float] = None, *more: float) -> dict[str, list[float]]:
    return {"scaled": [v * (factor or 1.0) for v in values]}


@w.function
def untyped(x):
    return x


if __name__ == "__main__":
    w.serve()
