"""Write a worker for the GGen FFI RPC bridge in a few lines (protocol 1, docs/rpc-protocol.md).

    from ggen_worker import Worker, Handle, current_call

    w = Worker("math")

    @w.function
    def add(a, b):
        return a + b

    w.serve()

Standard library only; Python 3.9+.
"""
import base64
import collections.abc
import inspect
import json
import math
import os
import re
import socket
import sys
import threading
import time
import traceback
import types
import typing
from concurrent.futures import ThreadPoolExecutor

__all__ = ["Worker", "Handle", "Call", "current_call", "PROTOCOL_VERSION"]

PROTOCOL_VERSION = 1
MAX_SAFE_INTEGER = 2 ** 53 - 1
DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
FUNCTION_FAILED = -32000
VERSION_NOT_SUPPORTED = -32002
CANCELLED = -32800


class Handle:
    """Return Handle(obj) from a function to keep obj in the worker and send {"$handle": id}."""

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj


_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


class Call:
    """The request a function runs for: current_call() inside a worker function.

    When the caller traces the call (the request's optional "trace", W3C trace context), the worker
    records a span for it, child of the caller's, and sends it back before the answer ($/spans):
    trace_id and span_id are then set, and traceparent is the header to pass the trace on with.
    """

    def __init__(self, request_id, trace=None):
        self.id = request_id
        self._cancelled = threading.Event()
        match = _TRACEPARENT.match(trace.get("traceparent", "")) \
            if isinstance(trace, dict) and isinstance(trace.get("traceparent"), str) else None
        self.trace_id = match.group(1) if match else None
        self.parent_span_id = match.group(2) if match else None
        self._flags = match.group(3) if match else None
        self.span_id = os.urandom(8).hex() if match else None
        self.tracestate = trace.get("tracestate") if match else None

    @property
    def traceparent(self):
        """This call's span as a W3C traceparent header, to trace further work under it; None untraced."""
        if self.trace_id is None:
            return None
        return "00-%s-%s-%s" % (self.trace_id, self.span_id, self._flags)

    @property
    def cancelled(self):
        """True once the platform sent $/cancelRequest for this call."""
        return self._cancelled.is_set()

    def wait_cancelled(self, timeout=None):
        """Block until cancelled or timeout (seconds); returns whether it was cancelled."""
        return self._cancelled.wait(timeout)


_local = threading.local()


def current_call():
    """The Call the calling thread runs for; raises RuntimeError outside a worker function."""
    call = getattr(_local, "call", None)
    if call is None:
        raise RuntimeError("current_call() is only available inside a worker function")
    return call


class RpcError(Exception):
    def __init__(self, code, message, data=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data

    def to_json(self):
        error = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error


class FramingError(Exception):
    pass


def read_frame(rfile, max_bytes):
    """One frame body, or None at a clean end of stream; FramingError if out of sync."""
    length = None
    first = True
    while True:
        line = rfile.readline(65536)
        if not line:
            if first:
                return None
            raise FramingError("end of stream inside a frame header")
        first = False
        line = line.rstrip(b"\r\n")
        if not line:
            break
        name, sep, value = line.decode("ascii", "replace").partition(":")
        if not sep:
            raise FramingError("header line without ':': %r" % line[:80])
        if name.strip().lower() == "content-length":
            try:
                length = int(value.strip())
            except ValueError:
                raise FramingError("Content-Length is not a number: %r" % value.strip()) from None
    if length is None:
        raise FramingError("frame without Content-Length")
    if length < 0 or length > max_bytes:
        raise FramingError("frame of %d bytes exceeds the limit of %d bytes" % (length, max_bytes))
    body = rfile.read(length)
    if len(body) < length:
        raise FramingError("end of stream inside a frame body")
    return body


def _frame(message):
    return json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


class _Session:
    """One stream of frames: stdio, or one TCP connection. Owns its handles and calls in flight."""

    def __init__(self, worker, rfile, wfile):
        self.worker = worker
        self.rfile = rfile
        self.wfile = wfile
        self.write_lock = threading.Lock()
        self.state = threading.Condition()
        self.in_flight = {}
        self.shutting_down = False
        self.shutdown_answered = threading.Event()
        self.shutdown_answered.set()  # nothing to wait for until a shutdown request comes
        self.handles = {}
        self.next_handle = 0

    # -- writing
    def send(self, message):
        try:
            body = _frame(message)
        except (TypeError, ValueError) as e:
            message = {"jsonrpc": "2.0", "id": message.get("id"),
                       "error": {"code": INTERNAL_ERROR, "message": "response cannot be encoded: %s" % e}}
            body = _frame(message)
        if len(body) > self.worker.max_frame_bytes:
            body = _frame({"jsonrpc": "2.0", "id": message.get("id"), "error": {
                "code": INTERNAL_ERROR,
                "message": "response of %d bytes exceeds the frame limit of %d bytes"
                           % (len(body), self.worker.max_frame_bytes)}})
        with self.write_lock:
            self.wfile.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.wfile.flush()

    def send_span(self, call, method, params, start, end, error):
        """The call's span, before its answer: {"id": request id, "spans": [span]} as $/spans."""
        attributes = {"rpc.method": method, "worker.name": self.worker.name, "worker.language": self.worker.language,
                      "process.pid": os.getpid()}
        if method == "callBatch" and isinstance(params.get("argsList"), list):
            attributes["batch.size"] = len(params["argsList"])
        span = {"traceId": call.trace_id, "spanId": call.span_id, "parentSpanId": call.parent_span_id,
                "name": str(params.get("function")), "start": start, "end": end, "attributes": attributes}
        if error is not None:
            span["error"] = error.message
        self.send({"jsonrpc": "2.0", "method": "$/spans", "params": {"id": call.id, "spans": [span]}})

    def respond(self, request_id, result=None, error=None):
        message = {"jsonrpc": "2.0", "id": request_id}
        if error is not None:
            message["error"] = error.to_json()
        else:
            message["result"] = result
        self.send(message)

    # -- handles
    def put_handle(self, obj):
        with self.state:
            self.next_handle += 1
            handle_id = "h%d" % self.next_handle
            self.handles[handle_id] = obj
        return handle_id

    def get_handle(self, handle_id):
        with self.state:
            if handle_id not in self.handles:
                raise RpcError(INVALID_PARAMS, "unknown or released handle %s" % handle_id)
            return self.handles[handle_id]

    def release(self, handle_ids):
        with self.state:
            for handle_id in handle_ids:
                self.handles.pop(handle_id, None)

    # -- values
    def decode(self, value):
        if isinstance(value, list):
            return [self.decode(v) for v in value]
        if isinstance(value, dict):
            if len(value) == 1:
                (tag, text), = value.items()
                if isinstance(text, str):
                    if tag == "$bigint":
                        try:
                            return int(text)
                        except ValueError:
                            raise RpcError(INVALID_PARAMS, "bad $bigint %r" % text) from None
                    if tag == "$bytes":
                        try:
                            return base64.b64decode(text, validate=True)
                        except ValueError:
                            raise RpcError(INVALID_PARAMS, "bad $bytes (not base64)") from None
                    if tag == "$float":
                        if text not in ("NaN", "Infinity", "-Infinity"):
                            raise RpcError(INVALID_PARAMS, "bad $float %r" % text)
                        return float(text.replace("Infinity", "inf"))
                    if tag == "$handle":
                        return self.get_handle(text)
            return {k: self.decode(v) for k, v in value.items()}
        return value

    def encode(self, value):
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, int):
            return value if -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER else {"$bigint": str(value)}
        if isinstance(value, float):
            if math.isnan(value):
                return {"$float": "NaN"}
            if math.isinf(value):
                return {"$float": "Infinity" if value > 0 else "-Infinity"}
            return value
        if isinstance(value, (bytes, bytearray, memoryview)):
            return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
        if isinstance(value, Handle):
            return {"$handle": self.put_handle(value.obj)}
        if isinstance(value, (list, tuple)):
            return [self.encode(v) for v in value]
        if isinstance(value, dict):
            for key in value:
                if not isinstance(key, str):
                    raise TypeError("map keys must be strings, got %s" % type(key).__name__)
            return {k: self.encode(v) for k, v in value.items()}
        raise TypeError("cannot encode a %s; return JSON values, bytes, ints or ggen_worker.Handle(obj)"
                        % type(value).__name__)

    # -- reading and dispatch
    def run(self):
        """Serve until end of stream or `exit`; returns 'eof' or 'exit'. Raises FramingError."""
        while True:
            body = read_frame(self.rfile, self.worker.max_frame_bytes)
            if body is None:
                return "eof"
            try:
                message = json.loads(body.decode("utf-8"))
            except ValueError as e:
                self.respond(None, error=RpcError(PARSE_ERROR, "parse error: %s" % e))
                continue
            if self.dispatch(message) == "exit":
                return "exit"

    def dispatch(self, message):
        if not isinstance(message, dict) or message.get("jsonrpc") != "2.0" \
                or not isinstance(message.get("method"), str):
            request_id = message.get("id") if isinstance(message, dict) else None
            self.respond(request_id, error=RpcError(INVALID_REQUEST, "not a JSON-RPC 2.0 request"))
            return None
        method = message["method"]
        params = message.get("params")
        if "id" not in message:
            if method == "$/cancelRequest" and isinstance(params, dict) \
                    and isinstance(params.get("id"), (str, int, float)):
                with self.state:
                    call = self.in_flight.get(params.get("id"))
                if call is not None:
                    call._cancelled.set()
            if method == "exit":
                self.shutdown_answered.wait()  # if shutdown came first, its answer goes out before we exit
                return "exit"
            return None
        request_id = message["id"]
        if not isinstance(request_id, (str, int, float, type(None))) or isinstance(request_id, bool):
            self.respond(None, error=RpcError(INVALID_REQUEST, "id must be a number or a string"))
            return None
        try:
            if method == "initialize":
                self.respond(request_id, self.worker._initialize(params))
            elif method == "release":
                if not isinstance(params, dict) or not isinstance(params.get("handles"), list):
                    raise RpcError(INVALID_PARAMS, "release needs {\"handles\": [ids]}")
                self.release(params["handles"])
                self.respond(request_id, None)
            elif method == "shutdown":
                with self.state:
                    self.shutting_down = True
                    self.shutdown_answered.clear()
                threading.Thread(target=self._finish_shutdown, args=(request_id,), daemon=True).start()
            elif method in ("call", "callBatch"):
                call = Call(request_id, params.get("trace") if isinstance(params, dict) else None)
                with self.state:
                    if self.shutting_down:
                        raise RpcError(INVALID_REQUEST, "worker is shutting down")
                    self.in_flight[request_id] = call
                self.worker._pool.submit(self._run_call, method, params, call)
            else:
                raise RpcError(METHOD_NOT_FOUND, "unknown method %s" % method)
        except RpcError as e:
            self.respond(request_id, error=e)
        return None

    def wait_idle(self):
        with self.state:
            while self.in_flight:
                self.state.wait()

    def _finish_shutdown(self, request_id):
        self.wait_idle()
        try:
            self.respond(request_id, None)
        finally:
            self.shutdown_answered.set()

    def _run_call(self, method, params, call):
        _local.call = call
        start = time.time_ns()
        try:
            if method == "call":
                result, error = self.worker._call(self, params), None
            else:
                result, error = self.worker._call_batch(self, params, call), None
        except RpcError as e:
            result, error = None, e
        except Exception as e:  # the SDK's own failure: report it, never leave a request unanswered
            result, error = None, RpcError(INTERNAL_ERROR, "%s: %s" % (type(e).__name__, e))
        finally:
            _local.call = None
        if call.cancelled:
            result, error = None, RpcError(CANCELLED, "cancelled")
        try:
            if call.trace_id is not None:
                self.send_span(call, method, params, start, time.time_ns(), error)
            self.respond(call.id, result, error)
        finally:
            with self.state:
                self.in_flight.pop(call.id, None)
                self.state.notify_all()


def _foreign_error(e):
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename != __file__]
    type_name = type(e).__name__
    message = str(e)
    return RpcError(FUNCTION_FAILED, "%s: %s" % (type_name, message), {
        "type": type_name,
        "message": message,
        "traceback": ["%s:%s in %s" % (f.filename, f.lineno, f.name) for f in frames],
    })


class _Function:
    def __init__(self, name, fn):
        self.name = name
        self.fn = fn
        try:
            self.signature = inspect.signature(fn)
        except (TypeError, ValueError):  # some builtins have no signature: call them unchecked
            self.signature = None

    def describe(self):
        params, returns = [], "any"
        described = {"name": self.name}
        if self.signature is not None:
            params = [p.name for p in self.signature.parameters.values()]
            annotation = self.signature.return_annotation
            if annotation is not inspect.Signature.empty:
                returns = getattr(annotation, "__name__", None) or str(annotation)
            described["signature"] = _signature(self.fn, self.signature)
        described.update(params=params, returns=returns)
        return described


def _type_hints(fn):
    try:
        return typing.get_type_hints(fn, include_extras=True)
    except Exception:  # a hint that does not resolve (a forward reference to a missing name): the plain ones
        return {k: v for k, v in getattr(fn, "__annotations__", {}).items() if not isinstance(v, str)}


_SIMPLE_TYPES = {int: "int", float: "float", str: "string", bool: "bool", bytes: "bytes", bytearray: "bytes"}
_LIST_TYPES = (list, tuple, set, frozenset, collections.abc.Sequence, collections.abc.Iterable,
               collections.abc.Collection, collections.abc.Set)
_MAP_TYPES = (dict, collections.abc.Mapping, collections.abc.MutableMapping)
_UNION_TYPES = (typing.Union, getattr(types, "UnionType", typing.Union))


def type_name(hint):
    """A type hint's neutral type name (docs/rpc-protocol.md, "signature"): int, Annotated[int, "bigint"],
    float, str, bool, bytes, list[T], dict[str, T], Optional[T] / T | None, None; anything else is any."""
    if hint is inspect.Parameter.empty or hint is typing.Any:
        return "any"
    if hint is None or hint is type(None):
        return "null"
    try:
        if hint in _SIMPLE_TYPES:
            return _SIMPLE_TYPES[hint]
    except TypeError:  # an unhashable hint
        pass
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return "bigint" if args[0] is int and "bigint" in args[1:] else type_name(args[0])
    if origin in _UNION_TYPES:
        rest = [a for a in args if a is not type(None)]
        return "optional<%s>" % type_name(rest[0]) if len(rest) == 1 and len(rest) < len(args) else "any"
    if origin in _LIST_TYPES:
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return "list<any>"
        return "list<%s>" % (type_name(args[0]) if args else "any")
    if origin in _MAP_TYPES:
        if args and args[0] is not str:
            return "any"
        return "map<%s>" % (type_name(args[1]) if len(args) == 2 else "any")
    if hint in _LIST_TYPES:
        return "list<any>"
    if hint in _MAP_TYPES:
        return "map<any>"
    return "any"


def _signature(fn, signature):
    """The signature member of initialize: positional parameters (keyword-only ones and **kwargs cannot be
    passed by position and are left out), defaults make them optional, *args makes the function variadic."""
    hints = _type_hints(fn)
    params, variadic = [], False
    for p in signature.parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            variadic = True
        elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            params.append({"name": p.name, "type": type_name(hints.get(p.name, p.empty)),
                           "optional": p.default is not p.empty})
    return {"params": params, "returns": type_name(hints.get("return", inspect.Parameter.empty)),
            "doc": inspect.getdoc(fn) or "", "variadic": variadic}


class Worker:
    """A named set of functions served over protocol 1."""

    language = "cpython"

    def __init__(self, name, max_threads=None):
        self.name = name
        self._functions = {}
        self.max_frame_bytes = int(os.environ.get("GGEN_WORKER_MAX_FRAME_BYTES", DEFAULT_MAX_FRAME_BYTES))
        threads = max_threads or int(os.environ.get("GGEN_WORKER_THREADS", "16"))
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ggen-call")

    def register(self, name, fn):
        """Offer fn under name; returns fn."""
        if not callable(fn):
            raise TypeError("%s is not callable" % name)
        self._functions[name] = _Function(name, fn)
        return fn

    def function(self, fn=None, *, name=None):
        """Decorator: @w.function or @w.function(name="other")."""
        if fn is None:
            return lambda f: self.register(name or f.__name__, f)
        return self.register(name or fn.__name__, fn)

    # -- protocol methods
    def _initialize(self, params):
        if not isinstance(params, dict) or "protocolVersion" not in params:
            raise RpcError(INVALID_PARAMS, "initialize needs {\"protocolVersion\": 1}")
        version = params["protocolVersion"]
        if version != PROTOCOL_VERSION:
            raise RpcError(VERSION_NOT_SUPPORTED, "protocol version %s not supported; this worker speaks %d"
                           % (json.dumps(version), PROTOCOL_VERSION))
        return {"protocolVersion": PROTOCOL_VERSION, "name": self.name, "language": self.language,
                "functions": [f.describe() for f in self._functions.values()]}

    def _lookup(self, params):
        if not isinstance(params, dict) or not isinstance(params.get("function"), str):
            raise RpcError(INVALID_PARAMS, "params need a \"function\" name")
        name = params["function"]
        function = self._functions.get(name)
        if function is None:
            raise RpcError(METHOD_NOT_FOUND, "unknown function '%s'; this worker has: %s"
                           % (name, ", ".join(sorted(self._functions)) or "(nothing)"))
        return function

    def _invoke(self, session, function, args):
        if not isinstance(args, list):
            raise RpcError(INVALID_PARAMS, "args must be a list")
        args = session.decode(args)
        if function.signature is not None:
            try:
                function.signature.bind(*args)
            except TypeError as e:
                raise RpcError(INVALID_PARAMS, "wrong number of arguments for %s%s: %s (got %d)"
                               % (function.name, function.signature, e, len(args))) from None
        try:
            value = function.fn(*args)
        except Exception as e:
            raise _foreign_error(e) from None
        try:
            return session.encode(value)
        except TypeError as e:
            raise RpcError(INTERNAL_ERROR, "result of %s cannot be encoded: %s" % (function.name, e)) from None

    def _call(self, session, params):
        function = self._lookup(params)
        return self._invoke(session, function, params.get("args", []))

    def _call_batch(self, session, params, call):
        function = self._lookup(params)
        args_list = params.get("argsList")
        if not isinstance(args_list, list):
            raise RpcError(INVALID_PARAMS, "callBatch needs \"argsList\": [[...], ...]")
        results = []
        for args in args_list:
            if call.cancelled:
                break
            try:
                results.append({"value": self._invoke(session, function, args)})
            except RpcError as e:
                results.append({"error": e.to_json()})
        return results

    # -- serving
    def serve(self, listen=None):
        """Serve over stdio, or over TCP at listen / $GGEN_WORKER_LISTEN ("host:port"). Never returns
        over stdio: exits 0 at end of stream or `exit`, 2 when the framing breaks."""
        address = listen or os.environ.get("GGEN_WORKER_LISTEN")
        if address:
            self._serve_tcp(address)
        else:
            self._serve_stdio()

    def _serve_stdio(self):
        frames_fd = os.dup(1)
        os.dup2(2, 1)  # fd 1 (print, C extensions, child processes) now goes to stderr
        sys.stdout = sys.stderr
        wfile = os.fdopen(frames_fd, "wb")
        session = _Session(self, sys.stdin.buffer, wfile)
        try:
            session.run()
        except FramingError as e:
            sys.stderr.write("ggen-worker %s: broken framing on stdin, exiting: %s\n" % (self.name, e))
            sys.stderr.flush()
            os._exit(2)
        except BrokenPipeError:
            pass  # the platform is gone
        sys.stderr.flush()
        os._exit(0)  # do not wait for calls in flight: nobody is left to read their answers

    def _serve_tcp(self, address):
        host, _, port = address.rpartition(":")
        server = socket.create_server((host or "127.0.0.1", int(port)))
        bound = server.getsockname()
        sys.stderr.write("ggen-worker: listening on %s:%d\n" % (bound[0], bound[1]))
        sys.stderr.flush()
        while True:
            connection, _ = server.accept()
            threading.Thread(target=self._serve_connection, args=(connection,), daemon=True).start()

    def _serve_connection(self, connection):
        with connection:
            session = _Session(self, connection.makefile("rb"), connection.makefile("wb"))
            try:
                if session.run() == "exit":
                    sys.stderr.flush()
                    os._exit(0)
                session.wait_idle()  # the peer may have only half-closed: answer what it asked
            except FramingError as e:
                sys.stderr.write("ggen-worker %s: broken framing, closing the connection: %s\n" % (self.name, e))
            except OSError:
                pass  # the peer went away; its handles go with the session
