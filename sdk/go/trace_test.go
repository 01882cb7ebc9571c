package ggenworker_test

import (
	"regexp"
	"strings"
	"testing"
)

func TestATracedCallSendsItsSpanBeforeTheAnswer(t *testing.T) {
	w := startWorker(t)
	traceID, parent := "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	id := w.request("call", map[string]any{"function": "traceparent", "args": []any{},
		"trace": map[string]any{"traceparent": "00-" + traceID + "-" + parent + "-01"}})
	spans, answer := w.next(), w.next()
	if spans["method"] != "$/spans" {
		t.Fatalf("first message: %v", spans)
	}
	params := spans["params"].(map[string]any)
	span := params["spans"].([]any)[0].(map[string]any)
	if params["id"] != id || span["traceId"] != traceID || span["parentSpanId"] != parent || span["name"] != "traceparent" {
		t.Errorf("span: %v", params)
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(span["spanId"].(string)) {
		t.Errorf("span id: %v", span["spanId"])
	}
	if span["start"].(float64) > span["end"].(float64) || span["start"].(float64) < 1.6e18 {
		t.Errorf("times: %v", span)
	}
	attributes := span["attributes"].(map[string]any)
	if attributes["worker.language"] != "go" || attributes["process.pid"] != float64(w.cmd.Process.Pid) {
		t.Errorf("attributes: %v", attributes)
	}
	if _, failed := span["error"]; failed {
		t.Errorf("an error in a call that worked: %v", span)
	}
	if answer["id"] != id || answer["result"] != "00-"+traceID+"-"+span["spanId"].(string)+"-01" {
		t.Errorf("answer: %v (the function passes its own span on)", answer)
	}
}

func TestAFailedTracedCallSaysSoAndAnUntracedOneSendsNoSpan(t *testing.T) {
	w := startWorker(t)
	w.request("call", map[string]any{"function": "fail", "args": []any{"boom"},
		"trace": map[string]any{"traceparent": "00-" + strings.Repeat("1", 32) + "-" + strings.Repeat("2", 16) + "-01"}})
	span := w.next()["params"].(map[string]any)["spans"].([]any)[0].(map[string]any)
	if !strings.Contains(span["error"].(string), "boom") {
		t.Errorf("span of a failed call: %v", span)
	}
	w.next()
	for _, trace := range []any{nil, map[string]any{"traceparent": "not a header"}, "00-x"} {
		params := map[string]any{"function": "traceparent", "args": []any{}}
		if trace != nil {
			params["trace"] = trace
		}
		id := w.request("call", params)
		if msg := w.next(); msg["id"] != id || msg["result"] != nil {
			t.Errorf("trace %v: %v", trace, msg)
		}
	}
}
