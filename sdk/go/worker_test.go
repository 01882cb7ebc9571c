package ggenworker_test

import (
	"bufio"
	"net"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	ggenworker "ggen.io/ffi/worker"
)

func TestHandshakeListsTheFunctions(t *testing.T) {
	w := startWorker(t)
	result := w.response(w.request("initialize", map[string]any{"protocolVersion": 1}))["result"].(map[string]any)
	if result["protocolVersion"] != 1.0 || result["name"] != "fixture" || result["language"] != "go" {
		t.Fatalf("handshake: %v", result)
	}
	functions := map[string]any{}
	for _, f := range result["functions"].([]any) {
		functions[f.(map[string]any)["name"].(string)] = f
	}
	for name, want := range map[string][2]any{
		"add":    {[]any{"a", "b"}, "int64"},
		"concat": {[]any{"string", "[]uint8", "*big.Int"}, "string"},
	} {
		f := functions[name].(map[string]any)
		if !reflect.DeepEqual(f["params"], want[0]) || f["returns"] != want[1] {
			t.Errorf("%s: got params %v returns %v, want %v", name, f["params"], f["returns"], want)
		}
	}
}

func TestHandshakeTellsEachSignatureFromTheFunctionsType(t *testing.T) {
	w := startWorker(t)
	result := w.response(w.request("initialize", map[string]any{"protocolVersion": 1}))["result"].(map[string]any)
	signatures := map[string]any{}
	for _, f := range result["functions"].([]any) {
		signatures[f.(map[string]any)["name"].(string)] = f.(map[string]any)["signature"]
	}
	param := func(name, typ string) any { return map[string]any{"name": name, "type": typ, "optional": false} }
	for name, want := range map[string]any{
		"add": map[string]any{"params": []any{param("a", "int"), param("b", "int")}, "returns": "int",
			"doc": "", "variadic": false},
		"concat": map[string]any{"params": []any{param("arg0", "string"), param("arg1", "bytes"), param("arg2", "bigint")},
			"returns": "string", "doc": "", "variadic": false},
		"typed": map[string]any{"params": []any{param("words", "list<string>"), param("weights", "map<float>"),
			param("limit", "optional<int>"), param("scale", "float32"), param("flag", "bool")},
			"returns": "map<list<int>>", "doc": "Counts the words.", "variadic": false},
		"waitForCancel": map[string]any{"params": []any{}, "returns": "string", "doc": "", "variadic": false},
		"fail":          map[string]any{"params": []any{param("arg0", "string")}, "returns": "string", "doc": "", "variadic": false},
		"counter":       map[string]any{"params": []any{}, "returns": "handle", "doc": "", "variadic": false},
		"big":           map[string]any{"params": []any{}, "returns": "list<any>", "doc": "", "variadic": false},
	} {
		if !reflect.DeepEqual(signatures[name], want) {
			t.Errorf("%s: got %v, want %v", name, signatures[name], want)
		}
	}
}

func TestTypeNamesOfGoTypes(t *testing.T) {
	for _, c := range []struct {
		value any
		want  string
	}{
		{int8(0), "int"}, {uint64(0), "int"}, {0.5, "float"}, {float32(0), "float32"}, {"", "string"}, {true, "bool"},
		{[]byte{}, "bytes"}, {[][]byte{}, "list<bytes>"}, {map[int]string{}, "any"}, {struct{ A int }{}, "map<any>"},
		{new(string), "optional<string>"}, {[2]float64{}, "list<float>"}, {make(chan int), "any"},
	} {
		if got := ggenworker.TypeName(reflect.TypeOf(c.value)); got != c.want {
			t.Errorf("%T: got %s, want %s", c.value, got, c.want)
		}
	}
	if got := ggenworker.TypeName(reflect.TypeOf((*any)(nil)).Elem()); got != "any" {
		t.Errorf("any: got %s", got)
	}
}

func TestAnotherProtocolVersionIsRefused(t *testing.T) {
	w := startWorker(t)
	e := errorOf(t, w.response(w.request("initialize", map[string]any{"protocolVersion": 2})), -32002)
	if e["message"] != "protocol version 2 not supported; this worker speaks 1" {
		t.Errorf("message: %v", e["message"])
	}
}

func TestCallConvertsArgumentsAndReturnsTheValue(t *testing.T) {
	w := startWorker(t)
	if r := w.call("add", 2, 3); r["result"] != 5.0 || r["id"] != 1.0 {
		t.Errorf("add: %v", r)
	}
	r := w.call("concat", "a", map[string]any{"$bytes": "Yg=="}, map[string]any{"$bigint": "123456789012345678901234"})
	if r["result"] != "ab123456789012345678901234" {
		t.Errorf("concat: %v", r)
	}
}

func TestUnknownFunctionNamesItAndListsTheOthers(t *testing.T) {
	w := startWorker(t)
	e := errorOf(t, w.call("mul", 2, 3), -32601)
	if msg := e["message"].(string); !strings.Contains(msg, "'mul'") || !strings.Contains(msg, ": aChannel, add, big, chatty") {
		t.Errorf("message: %v", msg)
	}
}

func TestWrongArityAndWrongTypesAreInvalidParams(t *testing.T) {
	w := startWorker(t)
	errorOf(t, w.call("add", 1, 2, 3), -32602)
	e := errorOf(t, w.call("add", 1, "two"), -32602)
	if e["message"] != "argument 2 of add: cannot use string as int64" {
		t.Errorf("message: %v", e["message"])
	}
}

func TestReturnedErrorCarriesItsType(t *testing.T) {
	w := startWorker(t)
	e := errorOf(t, w.call("fail", "bad input"), -32000)
	data := e["data"].(map[string]any)
	if e["message"] != "*errors.errorString: bad input" || data["type"] != "*errors.errorString" ||
		data["message"] != "bad input" || len(data["traceback"].([]any)) != 0 {
		t.Errorf("error: %v", e)
	}
}

func TestPanicCarriesTheStackInnermostLast(t *testing.T) {
	w := startWorker(t)
	e := errorOf(t, w.call("explode", "boom"), -32000)
	data := e["data"].(map[string]any)
	if e["message"] != "panic: boom" || data["type"] != "panic" {
		t.Fatalf("error: %v", e)
	}
	traceback := data["traceback"].([]any)
	if len(traceback) < 2 {
		t.Fatalf("traceback: %v", traceback)
	}
	innermost, caller := traceback[len(traceback)-1].(string), traceback[len(traceback)-2].(string)
	if !regexp.MustCompile(`fixture_test\.go:\d+ in ggen\.io/ffi/worker_test\.check$`).MatchString(innermost) ||
		!regexp.MustCompile(`fixture_test\.go:\d+ in ggen\.io/ffi/worker_test\.fixture\.func\d+$`).MatchString(caller) {
		t.Errorf("traceback: %v", traceback)
	}
	for _, line := range traceback {
		if s := line.(string); strings.Contains(s, "session.go") || strings.Contains(s, "reflect") {
			t.Errorf("SDK frame in traceback: %v", traceback)
		}
	}
}

func TestBatchKeepsOrderAndAFailingItemDoesNotStopIt(t *testing.T) {
	w := startWorker(t)
	r := w.response(w.request("callBatch", map[string]any{"function": "div", "argsList": [][]any{{6, 3}, {1, 0}, {8, 2}}}))
	result := r["result"].([]any)
	if len(result) != 3 || !reflect.DeepEqual(result[0], map[string]any{"value": 2.0}) ||
		!reflect.DeepEqual(result[2], map[string]any{"value": 4.0}) {
		t.Fatalf("batch: %v", r)
	}
	e := result[1].(map[string]any)["error"].(map[string]any)
	if e["code"] != -32000.0 || e["message"] != "panic: runtime error: integer divide by zero" {
		t.Errorf("failing item: %v", e)
	}
}

func TestTwoCallsRunAtTheSameTime(t *testing.T) {
	w := startWorker(t)
	first := w.request("call", map[string]any{"function": "rendezvous", "args": []any{}})
	second := w.request("call", map[string]any{"function": "rendezvous", "args": []any{}})
	if r := w.response(first); r["result"] != "met" {
		t.Errorf("first: %v", r)
	}
	if r := w.response(second); r["result"] != "met" {
		t.Errorf("second: %v", r)
	}
}

func TestCancelledCallAnswersCancelledAndTheWorkerGoesOn(t *testing.T) {
	w := startWorker(t)
	waiting := w.request("call", map[string]any{"function": "waitForCancel", "args": []any{}})
	if r := w.call("add", 4, 4); r["result"] != 8.0 { // the waiting call is in flight
		t.Fatalf("add: %v", r)
	}
	w.notify("$/cancelRequest", map[string]any{"id": waiting})
	if e := errorOf(t, w.response(waiting), -32800); e["message"] != "cancelled" {
		t.Errorf("message: %v", e["message"])
	}
	if r := w.call("add", 1, 2); r["result"] != 3.0 {
		t.Errorf("add: %v", r)
	}
}

func TestHandleResolvesToTheObjectUntilReleased(t *testing.T) {
	w := startWorker(t)
	handle := w.call("counter")["result"].(map[string]any)
	id, ok := handle["$handle"].(string)
	if !ok || len(handle) != 1 {
		t.Fatalf("handle: %v", handle)
	}
	if r := w.call("increment", handle); r["result"] != 1.0 {
		t.Fatalf("increment: %v", r)
	}
	if r := w.call("increment", handle); r["result"] != 2.0 {
		t.Fatalf("increment: %v", r)
	}
	if r := w.response(w.request("release", map[string]any{"handles": []string{id, "h-unknown"}})); r["result"] != nil || r["error"] != nil {
		t.Fatalf("release: %v", r)
	}
	if e := errorOf(t, w.call("increment", handle), -32602); e["message"] != "unknown or released handle "+id {
		t.Errorf("message: %v", e["message"])
	}
}

func TestBigintsBytesAndSpecialFloatsRoundTrip(t *testing.T) {
	w := startWorker(t)
	value := []any{map[string]any{"$bigint": "18446744073709551616"}, map[string]any{"$bigint": "-9007199254740993"},
		9007199254740991.0, map[string]any{"$bytes": "AP8Q"}, map[string]any{"$float": "NaN"},
		map[string]any{"$float": "-Infinity"}, map[string]any{"$bigint": "7"}, 1.5,
		map[string]any{"nested": map[string]any{"$bytes": ""}, "two": map[string]any{"$bytes": "AA==", "x": 1.0}}}
	want := append(append([]any{}, value[:6]...), 7.0, 1.5, value[8])
	if r := w.call("echo", value); !reflect.DeepEqual(r["result"], want) {
		t.Errorf("echo:\n got %v\nwant %v", r["result"], want)
	}
	want = []any{map[string]any{"$bigint": "1152921504606846976"}, map[string]any{"$bigint": "9223372036854775808"}, "7"}
	if r := w.call("big"); !reflect.DeepEqual(r["result"], want) {
		t.Errorf("big: %v", r)
	}
}

func TestResultThatCannotBeEncodedIsAnInternalError(t *testing.T) {
	w := startWorker(t)
	if e := errorOf(t, w.call("aChannel"), -32603); !strings.Contains(e["message"].(string), "chan int") {
		t.Errorf("message: %v", e["message"])
	}
}

func TestMalformedJSONIsAParseErrorAndTheWorkerReadsOn(t *testing.T) {
	w := startWorker(t)
	w.writeRaw("Content-Length: 9\r\nContent-Type: application/json\r\n\r\n{not json")
	r := w.next()
	if r["id"] != nil || errorOf(t, r, -32700) == nil {
		t.Fatalf("parse error: %v", r)
	}
	if r := w.call("add", 1, 2); r["result"] != 3.0 {
		t.Errorf("add: %v", r)
	}
}

func TestPrintlnGoesToStderrNotIntoTheFrames(t *testing.T) {
	w := startWorker(t)
	if r := w.call("chatty"); r["result"] != "ok" {
		t.Fatalf("chatty: %v", r)
	}
	w.stdin.Close()
	if code := w.exitCode(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if !strings.Contains(w.stderrText(), "hello from fmt.Println") {
		t.Errorf("stderr: %q", w.stderrText())
	}
}

func TestShutdownWaitsForCallsInFlightThenExitEndsWith0(t *testing.T) {
	w := startWorker(t)
	// all sent at once, in one write, as a one-shot pipe would: nothing may be lost; slow
	// outlasts the reading of the frames after it by far
	slow, slowFrame := w.requestFrame("call", map[string]any{"function": "slow", "args": []any{"done", 2000}})
	shutdown, shutdownFrame := w.requestFrame("shutdown", nil)
	late, lateFrame := w.requestFrame("call", map[string]any{"function": "add", "args": []any{1, 2}})
	w.writeRaw(string(slowFrame) + string(shutdownFrame) + string(lateFrame) + string(notificationFrame("exit", nil)))
	arrived := []map[string]any{w.next(), w.next(), w.next()}
	if arrived[0]["id"] != late || arrived[1]["id"] != slow || arrived[2]["id"] != shutdown {
		t.Fatalf("order: %v", arrived)
	}
	if e := errorOf(t, arrived[0], -32600); e["message"] != "worker is shutting down" {
		t.Errorf("message: %v", e["message"])
	}
	if arrived[1]["result"] != "done" || arrived[2]["result"] != nil || arrived[2]["error"] != nil {
		t.Errorf("responses: %v", arrived)
	}
	if code := w.exitCode(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestEndOfStdinExitsWith0EvenWithACallInFlight(t *testing.T) {
	w := startWorker(t)
	w.request("call", map[string]any{"function": "waitForCancel", "args": []any{}})
	time.Sleep(100 * time.Millisecond)
	w.stdin.Close()
	if code := w.exitCode(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestBrokenFramingExitsWith2(t *testing.T) {
	w := startWorker(t)
	w.writeRaw("Content-Type: text/plain\r\n\r\n{}")
	if code := w.exitCode(); code != 2 {
		t.Errorf("exit code %d", code)
	}
	if !strings.Contains(w.stderrText(), "frame without Content-Length") {
		t.Errorf("stderr: %q", w.stderrText())
	}
}

func TestServesEachConnectionOverTCP(t *testing.T) {
	w := startWorker(t, "GGEN_WORKER_LISTEN=127.0.0.1:0")
	var address string
	for deadline := time.Now().Add(10 * time.Second); address == "" && time.Now().Before(deadline); {
		if m := regexp.MustCompile(`ggen-worker: listening on (127\.0\.0\.1:\d+)`).FindStringSubmatch(w.stderrText()); m != nil {
			address = m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	for i := 0; i < 2; i++ { // two connections, one after the other
		conn, err := net.Dial("tcp", address)
		if err != nil {
			t.Fatal(err)
		}
		conn.Write(encodeFrame(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": map[string]any{"protocolVersion": 1}}))
		conn.Write(encodeFrame(map[string]any{"jsonrpc": "2.0", "id": 2, "method": "call", "params": map[string]any{"function": "slow", "args": []any{"42", 50}}}))
		conn.(*net.TCPConn).CloseWrite()
		messages := make(chan map[string]any, 10)
		readFrames(bufio.NewReader(conn), messages)
		conn.Close()
		responses := map[any]map[string]any{}
		for m := range messages {
			responses[m["id"]] = m
		}
		if responses[1.0]["result"].(map[string]any)["name"] != "fixture" || responses[2.0]["result"] != "42" {
			t.Errorf("responses: %v", responses)
		}
	}
}
