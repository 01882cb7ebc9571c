package ggenworker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"regexp"
	"time"
)

var traceparentPattern = regexp.MustCompile(`^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$`)

// SpanContext is the span a traced call runs in: the caller's trace (the request's optional "trace",
// W3C trace context) and the worker's own span for the call, which the worker sends back before the
// answer ($/spans) so that the caller's trace holds it.
type SpanContext struct {
	TraceID      string
	SpanID       string
	ParentSpanID string
	Flags        string
	TraceState   string
}

// Traceparent is the call's span as a W3C traceparent header, to trace further work under it.
func (sc SpanContext) Traceparent() string {
	return "00-" + sc.TraceID + "-" + sc.SpanID + "-" + sc.Flags
}

type spanKey struct{}

// SpanFromContext returns the span of the traced call that ctx (a function's first parameter)
// belongs to; ok is false when the caller does not trace the call.
func SpanFromContext(ctx context.Context) (sc SpanContext, ok bool) {
	sc, ok = ctx.Value(spanKey{}).(SpanContext)
	return sc, ok
}

// traceOf reads the request's "trace"; ok is false without one, or with a malformed traceparent.
func traceOf(params json.RawMessage) (SpanContext, bool) {
	var p struct {
		Trace *struct {
			Traceparent string `json:"traceparent"`
			Tracestate  string `json:"tracestate"`
		} `json:"trace"`
	}
	if json.Unmarshal(params, &p) != nil || p.Trace == nil {
		return SpanContext{}, false
	}
	m := traceparentPattern.FindStringSubmatch(p.Trace.Traceparent)
	if m == nil {
		return SpanContext{}, false
	}
	id := make([]byte, 8)
	if _, err := rand.Read(id); err != nil {
		return SpanContext{}, false
	}
	return SpanContext{TraceID: m[1], SpanID: hex.EncodeToString(id), ParentSpanID: m[2], Flags: m[3],
		TraceState: p.Trace.Tracestate}, true
}

// sendSpan sends the call's span, before its answer: {"id": request id, "spans": [span]} as $/spans.
func (s *session) sendSpan(id json.RawMessage, sc SpanContext, method string, params json.RawMessage,
	start, end time.Time, rpcErr *rpcError) {
	var p struct {
		Function string  `json:"function"`
		ArgsList [][]any `json:"argsList"`
	}
	_ = json.Unmarshal(params, &p)
	attributes := map[string]any{"rpc.method": method, "worker.name": s.w.name, "worker.language": "go",
		"process.pid": os.Getpid()}
	if method == "callBatch" {
		attributes["batch.size"] = len(p.ArgsList)
	}
	span := map[string]any{"traceId": sc.TraceID, "spanId": sc.SpanID, "parentSpanId": sc.ParentSpanID,
		"name": p.Function, "start": start.UnixNano(), "end": end.UnixNano(), "attributes": attributes}
	if rpcErr != nil {
		span["error"] = rpcErr.Message
	}
	s.send(map[string]any{"jsonrpc": "2.0", "method": "$/spans",
		"params": map[string]any{"id": id, "spans": []any{span}}})
}
