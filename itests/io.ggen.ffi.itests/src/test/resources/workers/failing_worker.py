"""A CPython worker for ErrorsAcrossLanguagesIT: a function whose error is raised one call deeper."""
import os
import sys

sys.path.insert(0, os.environ["GGEN_SDK_PYTHON"])
from ggen_worker import Worker  # noqa: E402

w = Worker("failing")


def check(n):
    raise ValueError("negative: %d" % n)


@w.function
def total(n):
    return check(n)


w.serve()
