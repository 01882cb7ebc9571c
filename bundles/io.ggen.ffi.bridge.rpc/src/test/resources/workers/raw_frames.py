"""Frames by hand, for test workers that misbehave on purpose (the real workers use the SDK)."""
import json
import os
import sys

IN = sys.stdin.buffer
OUT = os.fdopen(1, "wb", buffering=0)


def read():
    length = None
    while True:
        line = IN.readline()
        if not line:
            os._exit(0)
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(IN.read(length))


def write_raw(data):
    OUT.write(data)


def send(message):
    body = json.dumps(message).encode("utf-8")
    write_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)


OLD_STYLE_FUNCTIONS = [{"name": "ok", "params": [], "returns": "str"}, {"name": "bad", "params": [], "returns": "str"}]


def serve(misbehave, version=1, functions=None):
    """Answers initialize (saying `version`, listing `functions`) and calls of ok(); calls misbehave(message) for bad()."""
    while True:
        message = read()
        if "id" not in message:
            continue
        if message["method"] == "initialize":
            send({"jsonrpc": "2.0", "id": message["id"], "result": {
                "protocolVersion": version, "name": "raw", "language": "cpython",
                "functions": OLD_STYLE_FUNCTIONS if functions is None else functions}})
        elif message["method"] == "call" and message["params"]["function"] == "ok":
            send({"jsonrpc": "2.0", "id": message["id"], "result": "ok"})
        elif message["method"] == "call":
            misbehave(message)
        else:
            send({"jsonrpc": "2.0", "id": message["id"], "result": None})
