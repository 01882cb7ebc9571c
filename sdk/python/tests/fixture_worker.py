"""The worker the SDK tests drive: one function per behaviour under test."""
import os
import sys
import threading
import time
from typing import Annotated, Dict, List, Optional

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from ggen_worker import Handle, Worker, current_call  # noqa: E402

w = Worker("fixture")
meeting = threading.Barrier(2, timeout=10)


@w.function
def add(a, b):
    return a + b


def check(text):
    raise ValueError(text)


@w.function
def fail(text):
    check(text)


@w.function
def div(a, b):
    return a // b


@w.function
def echo(value):
    return value


@w.function
def rendezvous():
    """Returns only if a second rendezvous() runs at the same time (else the barrier times out)."""
    meeting.wait()
    return "met"


@w.function
def wait_for_cancel():
    return "cancelled" if current_call().wait_cancelled(10) else "never cancelled"


@w.function
def slow(value, seconds):
    time.sleep(seconds)
    return value


class Counter:
    def __init__(self):
        self.n = 0


@w.function
def counter():
    return Handle(Counter())


@w.function
def increment(c):
    c.n += 1
    return c.n


@w.function
def chatty():
    print("hello from print")
    os.system("echo hello from a child process")
    return "ok"


@w.function
def a_set():
    return {1, 2}


@w.function
def typed(count: int, scale: Optional[float] = None, *labels: str) -> Dict[str, List[bytes]]:
    """Typed parameters, for the signature member.

    Second paragraph."""
    return {}


@w.function
def huge(n: Annotated[int, "bigint"], flags: list[bool], key: "str | None") -> None:
    pass


@w.function
def traceparent():
    """The traced call's own span as a header, to pass the trace on; None untraced."""
    return current_call().traceparent


w.serve()
