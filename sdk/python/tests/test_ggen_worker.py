"""Drives a real worker process (fixture_worker.py) through real frames."""
import os
import queue
import re
import socket
import subprocess
import sys
import unittest

from rpc_client import WorkerProcess, encode_frame, notification_frame, read_frames

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "fixture_worker.py")


class WorkerTest(unittest.TestCase):
    def setUp(self):
        self.worker = WorkerProcess([sys.executable, FIXTURE])
        self.addCleanup(self.worker.close)

    def assertError(self, response, code):
        self.assertIn("error", response, response)
        self.assertEqual(code, response["error"]["code"], response)
        return response["error"]

    def test_handshake_lists_the_functions(self):
        result = self.worker.roundtrip("initialize", {"protocolVersion": 1})["result"]
        self.assertEqual(1, result["protocolVersion"])
        self.assertEqual("fixture", result["name"])
        self.assertEqual("cpython", result["language"])
        add = next(f for f in result["functions"] if f["name"] == "add")
        self.assertEqual(["a", "b"], add["params"])
        self.assertEqual("any", add["returns"])

    def test_handshake_tells_each_signature_from_type_hints(self):
        functions = {f["name"]: f for f in self.worker.roundtrip("initialize", {"protocolVersion": 1})["result"]["functions"]}
        self.assertEqual({"params": [{"name": "a", "type": "any", "optional": False},
                                     {"name": "b", "type": "any", "optional": False}],
                          "returns": "any", "doc": "", "variadic": False}, functions["add"]["signature"])
        self.assertEqual({"params": [{"name": "count", "type": "int", "optional": False},
                                     {"name": "scale", "type": "optional<float>", "optional": True}],
                          "returns": "map<list<bytes>>",
                          "doc": "Typed parameters, for the signature member.\n\nSecond paragraph.",
                          "variadic": True}, functions["typed"]["signature"])
        huge = functions["huge"]["signature"]
        self.assertEqual(["bigint", "list<bool>", "optional<string>"], [p["type"] for p in huge["params"]])
        self.assertEqual("null", huge["returns"])

    def test_another_protocol_version_is_refused(self):
        error = self.assertError(self.worker.roundtrip("initialize", {"protocolVersion": 2}), -32002)
        self.assertEqual("protocol version 2 not supported; this worker speaks 1", error["message"])

    def test_call_returns_the_value(self):
        self.assertEqual({"jsonrpc": "2.0", "id": 1, "result": 5}, self.worker.call("add", 2, 3))

    def test_a_traced_call_sends_its_span_before_the_answer(self):
        trace_id, parent = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
        request_id = self.worker.request("call", {"function": "traceparent", "args": [],
                                                  "trace": {"traceparent": "00-%s-%s-01" % (trace_id, parent)}})
        spans, answer = self.worker.next_message(), self.worker.next_message()
        self.assertEqual("$/spans", spans.get("method"), spans)
        self.assertEqual(request_id, spans["params"]["id"])
        span = spans["params"]["spans"][0]
        self.assertEqual((trace_id, parent, "traceparent"), (span["traceId"], span["parentSpanId"], span["name"]))
        self.assertRegex(span["spanId"], "^[0-9a-f]{16}$")
        self.assertLessEqual(span["start"], span["end"])
        self.assertEqual("cpython", span["attributes"]["worker.language"])
        self.assertEqual(self.worker.process.pid, span["attributes"]["process.pid"])
        self.assertNotIn("error", span)
        self.assertEqual(request_id, answer["id"])
        self.assertEqual("00-%s-%s-01" % (trace_id, span["spanId"]), answer["result"], "the function passes its own span on")

    def test_a_failed_traced_call_says_so_in_its_span(self):
        self.worker.request("call", {"function": "fail", "args": ["boom"],
                                     "trace": {"traceparent": "00-%s-%s-01" % ("1" * 32, "2" * 16)}})
        span = self.worker.next_message()["params"]["spans"][0]
        self.assertIn("boom", span["error"])

    def test_an_untraced_or_badly_traced_call_sends_no_span(self):
        for trace in (None, {"traceparent": "not a header"}, "00-x"):
            params = {"function": "traceparent", "args": []}
            if trace is not None:
                params["trace"] = trace
            request_id = self.worker.request("call", params)
            self.assertEqual({"jsonrpc": "2.0", "id": request_id, "result": None}, self.worker.next_message())

    def test_unknown_function_names_it_and_lists_the_others(self):
        error = self.assertError(self.worker.call("mul", 2, 3), -32601)
        self.assertIn("'mul'", error["message"])
        self.assertIn("add", error["message"])

    def test_wrong_arity_is_invalid_params(self):
        self.assertError(self.worker.call("add", 1, 2, 3), -32602)

    def test_exception_carries_type_message_and_traceback_innermost_last(self):
        error = self.assertError(self.worker.call("fail", "bad input"), -32000)
        self.assertEqual("ValueError: bad input", error["message"])
        self.assertEqual("ValueError", error["data"]["type"])
        self.assertEqual("bad input", error["data"]["message"])
        traceback = error["data"]["traceback"]
        self.assertRegex(traceback[-1], r"fixture_worker\.py:\d+ in check$")
        self.assertRegex(traceback[-2], r"fixture_worker\.py:\d+ in fail$")
        self.assertFalse([line for line in traceback if "ggen_worker.py" in line], traceback)

    def test_batch_keeps_order_and_a_failing_item_does_not_stop_it(self):
        result = self.worker.roundtrip("callBatch", {"function": "div", "argsList": [[6, 3], [1, 0], [8, 2]]})["result"]
        self.assertEqual({"value": 2}, result[0])
        self.assertEqual(-32000, result[1]["error"]["code"])
        self.assertEqual("ZeroDivisionError", result[1]["error"]["data"]["type"])
        self.assertEqual({"value": 4}, result[2])

    def test_two_calls_run_at_the_same_time(self):
        first = self.worker.request("call", {"function": "rendezvous", "args": []})
        second = self.worker.request("call", {"function": "rendezvous", "args": []})
        self.assertEqual("met", self.worker.response(first, timeout=15).get("result"))
        self.assertEqual("met", self.worker.response(second, timeout=15).get("result"))

    def test_cancelled_call_answers_cancelled_and_the_worker_goes_on(self):
        waiting = self.worker.request("call", {"function": "wait_for_cancel", "args": []})
        self.assertEqual(8, self.worker.call("add", 4, 4)["result"])  # the waiting call is in flight
        self.worker.notify("$/cancelRequest", {"id": waiting})
        error = self.assertError(self.worker.response(waiting), -32800)
        self.assertEqual("cancelled", error["message"])
        self.assertEqual(3, self.worker.call("add", 1, 2)["result"])

    def test_handle_resolves_to_the_object_until_released(self):
        handle = self.worker.call("counter")["result"]
        self.assertEqual(["$handle"], list(handle))
        self.assertEqual(1, self.worker.call("increment", handle)["result"])
        self.assertEqual(2, self.worker.call("increment", handle)["result"])
        self.assertIsNone(self.worker.roundtrip("release", {"handles": [handle["$handle"], "h-unknown"]})["result"])
        error = self.assertError(self.worker.call("increment", handle), -32602)
        self.assertEqual("unknown or released handle %s" % handle["$handle"], error["message"])

    def test_bigints_bytes_and_special_floats_round_trip(self):
        value = [{"$bigint": "18446744073709551616"}, {"$bigint": "-9007199254740993"}, 9007199254740991,
                 {"$bytes": "AP8Q"}, {"$float": "NaN"}, {"$float": "-Infinity"}, {"$bigint": "7"},
                 {"nested": {"$bytes": ""}, "two": {"$bytes": "AA==", "x": 1}}]
        expected = value[:6] + [7, {"nested": {"$bytes": ""}, "two": {"$bytes": "AA==", "x": 1}}]
        self.assertEqual(expected, self.worker.call("echo", value)["result"])

    def test_result_that_cannot_be_encoded_is_an_internal_error(self):
        error = self.assertError(self.worker.call("a_set"), -32603)
        self.assertIn("set", error["message"])

    def test_malformed_json_is_a_parse_error_and_the_worker_reads_on(self):
        self.worker.write_raw(b"Content-Length: 9\r\nContent-Type: application/json\r\n\r\n{not json")
        response = self.worker.next_message()
        self.assertIsNone(response["id"])
        self.assertEqual(-32700, response["error"]["code"])
        self.assertEqual(3, self.worker.call("add", 1, 2)["result"])

    def test_print_goes_to_stderr_not_into_the_frames(self):
        self.assertEqual("ok", self.worker.call("chatty")["result"])
        self.worker.process.stdin.close()
        self.assertEqual(0, self.worker.process.wait(10))
        self.assertIn("hello from print", self.worker.stderr())
        self.assertIn("hello from a child process", self.worker.stderr())

    def test_shutdown_waits_for_calls_in_flight_then_exit_ends_with_0(self):
        # all sent at once, in one write, as a one-shot pipe would: nothing may be lost; slow
        # outlasts the reading of the frames after it by far
        slow, slow_frame = self.worker.request_frame("call", {"function": "slow", "args": ["done", 2]})
        shutdown, shutdown_frame = self.worker.request_frame("shutdown")
        late, late_frame = self.worker.request_frame("call", {"function": "add", "args": [1, 2]})
        self.worker.write_raw(slow_frame + shutdown_frame + late_frame + notification_frame("exit"))
        arrived = [self.worker.next_message() for _ in range(3)]
        self.assertEqual([late, slow, shutdown], [m["id"] for m in arrived])
        self.assertEqual("worker is shutting down", self.assertError(arrived[0], -32600)["message"])
        self.assertEqual("done", arrived[1]["result"])
        self.assertEqual({"jsonrpc": "2.0", "id": shutdown, "result": None}, arrived[2])
        self.assertEqual(0, self.worker.process.wait(10))

    def test_end_of_stdin_exits_with_0_even_with_a_call_in_flight(self):
        self.worker.request("call", {"function": "wait_for_cancel", "args": []})
        self.worker.process.stdin.close()
        self.assertEqual(0, self.worker.process.wait(5))

    def test_broken_framing_exits_with_2(self):
        self.worker.write_raw(b"Content-Type: text/plain\r\n\r\n{}")
        self.assertEqual(2, self.worker.process.wait(10))
        self.assertIn("frame without Content-Length", self.worker.stderr())


class TcpTest(unittest.TestCase):
    def test_serves_each_connection_over_tcp(self):
        env = dict(os.environ, GGEN_WORKER_LISTEN="127.0.0.1:0")
        process = subprocess.Popen([sys.executable, FIXTURE], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        self.addCleanup(process.wait)
        self.addCleanup(process.kill)
        line = process.stderr.readline().decode()
        process.stderr.close()
        port = int(re.match(r"ggen-worker: listening on 127\.0\.0\.1:(\d+)", line).group(1))
        for _ in range(2):  # two connections, one after the other
            with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
                messages = queue.Queue()
                rfile = connection.makefile("rb")
                connection.sendall(encode_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                                 "params": {"protocolVersion": 1}}))
                connection.sendall(encode_frame({"jsonrpc": "2.0", "id": 2, "method": "call",
                                                 "params": {"function": "add", "args": [20, 22]}}))
                connection.shutdown(socket.SHUT_WR)
                read_frames(rfile, messages)
                responses = {m["id"]: m for m in iter(messages.get, None)}
                self.assertEqual("fixture", responses[1]["result"]["name"])
                self.assertEqual(42, responses[2]["result"])


if __name__ == "__main__":
    unittest.main()
