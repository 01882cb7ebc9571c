"""A CPython worker with typed functions, for BindgenIT: the SDK describes them in its initialize answer."""
import os
import sys
from typing import Optional

sys.path.insert(0, os.environ["GGEN_SDK_PYTHON"])
from ggen_worker import Worker  # noqa: E402

w = Worker("typed-worker")


@w.function
def add(a: int, b: int) -> int:
    """Adds two integers."""
    return a + b


@w.function
def shout(text: str, times: int = 1) -> str:
    return (text.upper() + "!") * times


@w.function
def evens(values: list[int]) -> list[int]:
    return [v for v in values if v % 2 == 0]


@w.function
def doubled(table: dict[str, float]) -> dict[str, float]:
    return {k: v * 2 for k, v in table.items()}


@w.function
def find(table: dict[str, int], key: str) -> Optional[int]:
    return table.get(key)


w.serve()
