"""The CPython worker of RpcCallBenchmark (sdk/python): add(a, b)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sdk", "python"))
from ggen_worker import Worker  # noqa: E402

w = Worker("bench-cpython")


@w.function
def add(a, b):
    return a + b


w.serve()
