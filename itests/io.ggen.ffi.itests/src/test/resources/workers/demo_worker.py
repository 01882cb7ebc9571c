"""A CPython worker for RpcBridgeIT, written with the repository's SDK (sdk/python)."""
import os
import sys

sys.path.insert(0, os.environ["GGEN_SDK_PYTHON"])
from ggen_worker import Worker  # noqa: E402

w = Worker("demo")


@w.function
def add(a, b):
    return a + b


@w.function
def pid():
    return os.getpid()


@w.function
def fail(message):
    raise ValueError(message)


@w.function
def crash():
    os._exit(7)


w.serve()
