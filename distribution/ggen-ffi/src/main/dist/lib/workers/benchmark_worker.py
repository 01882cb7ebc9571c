"""The CPython worker of `ggen benchmark-ffi`: its three workloads, on this distribution's SDK."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "sdk", "python"))
from ggen_worker import Worker  # noqa: E402

worker = Worker("benchmark")


@worker.function
def add(a, b):
    return a + b


@worker.function
def length(s):
    return len(s)


@worker.function
def transform(o):
    return {"name": o["name"].upper(), "total": sum(o["items"])}


worker.serve()
