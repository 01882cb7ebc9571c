"""A worker written with the Python SDK (sdk/python, found through PYTHONPATH), for the unit tests."""
import os
import subprocess
import sys
import time

from ggen_worker import Handle, Worker, current_call

w = Worker("testworker")


@w.function
def add(a, b):
    return a + b


@w.function
def echo(value):
    return value


@w.function
def div(a, b):
    return a / b


def check(value):
    if value < 0:
        raise ValueError("negative: %d" % value)
    return value


@w.function
def validate(value):
    return check(value)


@w.function
def pid():
    return os.getpid()


@w.function
def crash(status):
    sys.stderr.write("about to exit with %d\n" % status)
    sys.stderr.flush()
    os._exit(status)


@w.function
def nap(seconds):
    """Sleeps, but stops early when the call is cancelled."""
    sys.stderr.write("napping\n")
    sys.stderr.flush()
    current_call().wait_cancelled(seconds)
    return "rested"


@w.function
def hang():
    """Ignores cancellation: only killing the worker stops it."""
    while True:
        time.sleep(0.05)


@w.function
def shout(text):
    sys.stderr.write("shouting %s\n" % text)
    sys.stderr.flush()
    return text.upper()


@w.function
def spawn_child():
    """Starts a grandchild that would outlive the worker if only the worker were killed."""
    child = subprocess.Popen(["sleep", "300"])
    return child.pid


class Counter:
    def __init__(self, start):
        self.value = start

    def next(self):
        self.value += 1
        return self.value


@w.function
def counter(start):
    return Handle(Counter(start))


@w.function
def counters(n):
    return [Handle(Counter(i)) for i in range(n)]


@w.function
def increment(c):
    return c.next()


w.register("add_again", add)

if __name__ == "__main__":
    w.serve()
