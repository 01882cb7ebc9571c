"""Typed functions for BindgenIT: the Python bridge tells their signatures from the type hints."""
from typing import Optional


def add(a: int, b: int) -> int:
    """Adds two integers."""
    return a + b


def shout(text: str, times: int = 1) -> str:
    return (text.upper() + "!") * times


def evens(values: list[int]) -> list[int]:
    return [v for v in values if v % 2 == 0]


def doubled(table: dict[str, float]) -> dict[str, float]:
    return {k: v * 2 for k, v in table.items()}


def find(table: dict[str, int], key: str) -> Optional[int]:
    return table.get(key)
