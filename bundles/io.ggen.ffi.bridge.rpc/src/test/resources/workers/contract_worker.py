"""The samples of the testkit's BridgeContract, as a worker written with the Python SDK."""
from ggen_worker import Handle, Worker, current_call

w = Worker("contract")


@w.function
def echo(value):
    return value


@w.function
def add(a, b):
    return a + b


@w.function
def fail(message):
    raise ValueError(message)


@w.function
def spin():
    """Never returns: only the platform's $/cancelRequest ends it."""
    current_call().wait_cancelled()


class Counter:
    def __init__(self):
        self.count = 0


@w.function
def counter():
    return Handle(Counter())


if __name__ == "__main__":
    w.serve()
