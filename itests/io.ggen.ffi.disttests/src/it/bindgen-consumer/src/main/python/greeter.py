def greet(name: str) -> str:
    """A greeting for name."""
    return "Hello, " + name


def add(a: int, b: int) -> int:
    return a + b
