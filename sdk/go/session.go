package ggenworker

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// errFraming marks a stream that is out of sync for good.
var errFraming = errors.New("broken framing")

// errExit is returned by run when the platform sent the exit notification.
var errExit = errors.New("exit")

type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  *string         `json:"method"`
	Params  json.RawMessage `json:"params"`
}

type inFlight struct {
	cancel    context.CancelFunc
	cancelled bool
}

// session is one stream of frames (stdio, or one TCP connection): its handles and calls in flight.
type session struct {
	w        *Worker
	in       *bufio.Reader
	out      io.Writer
	writeMu  sync.Mutex
	mu       sync.Mutex
	calls    map[string]*inFlight
	running  sync.WaitGroup
	shutdown bool
	answered chan struct{} // closed once the shutdown answer is written; exit waits for it
	handles  map[string]any
	nextID   int
}

func newSession(w *Worker, in io.Reader, out io.Writer) *session {
	return &session{w: w, in: bufio.NewReader(in), out: out, calls: map[string]*inFlight{}, handles: map[string]any{}}
}

// readFrame returns a frame body, io.EOF at a clean end of stream, or an errFraming error.
func (s *session) readFrame() ([]byte, error) {
	length := -1
	first := true
	for {
		line, err := s.in.ReadString('\n')
		if err != nil {
			if err == io.EOF && first && line == "" {
				return nil, io.EOF
			}
			if err == io.EOF {
				return nil, fmt.Errorf("%w: end of stream inside a frame header", errFraming)
			}
			return nil, err
		}
		first = false
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		colon := strings.IndexByte(line, ':')
		if colon < 0 {
			return nil, fmt.Errorf("%w: header line without ':': %.80q", errFraming, line)
		}
		if strings.EqualFold(strings.TrimSpace(line[:colon]), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(line[colon+1:]))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%w: Content-Length is not a number: %q", errFraming, line[colon+1:])
			}
			length = n
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: frame without Content-Length", errFraming)
	}
	if length > s.w.maxFrameBytes {
		return nil, fmt.Errorf("%w: frame of %d bytes exceeds the limit of %d bytes", errFraming, length, s.w.maxFrameBytes)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.in, body); err != nil {
		return nil, fmt.Errorf("%w: end of stream inside a frame body", errFraming)
	}
	return body, nil
}

func (s *session) send(msg map[string]any) {
	body, err := json.Marshal(msg)
	if err != nil {
		body, _ = json.Marshal(map[string]any{"jsonrpc": "2.0", "id": msg["id"],
			"error": newError(codeInternalError, "response cannot be encoded: "+err.Error())})
	}
	if len(body) > s.w.maxFrameBytes {
		body, _ = json.Marshal(map[string]any{"jsonrpc": "2.0", "id": msg["id"], "error": newError(codeInternalError,
			fmt.Sprintf("response of %d bytes exceeds the frame limit of %d bytes", len(body), s.w.maxFrameBytes))})
	}
	frame := append([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body))), body...)
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	// a failed write means the platform is gone; the read side sees the end of stream
	_, _ = s.out.Write(frame)
}

func (s *session) respond(id json.RawMessage, result any, rpcErr *rpcError) {
	if id == nil {
		id = json.RawMessage("null")
	}
	if rpcErr != nil {
		s.send(map[string]any{"jsonrpc": "2.0", "id": id, "error": rpcErr})
	} else {
		s.send(map[string]any{"jsonrpc": "2.0", "id": id, "result": result})
	}
}

// run serves until the end of stream (nil), exit (errExit) or broken framing (errFraming).
func (s *session) run() error {
	for {
		body, err := s.readFrame()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !json.Valid(body) {
			s.respond(nil, nil, newError(codeParseError, "parse error: the body is not JSON"))
			continue
		}
		var msg message
		if err := json.Unmarshal(body, &msg); err != nil || msg.JSONRPC != "2.0" || msg.Method == nil || !validID(msg.ID) {
			var id json.RawMessage
			if err == nil && validID(msg.ID) {
				id = msg.ID
			}
			s.respond(id, nil, newError(codeInvalidRequest, "not a JSON-RPC 2.0 request"))
			continue
		}
		if msg.ID == nil {
			if s.notification(*msg.Method, msg.Params) {
				return errExit
			}
			continue
		}
		if rpcErr := s.request(msg.ID, *msg.Method, msg.Params); rpcErr != nil {
			s.respond(msg.ID, nil, rpcErr)
		}
	}
}

func validID(id json.RawMessage) bool {
	if id == nil {
		return true
	}
	switch id[0] {
	case '"', 'n':
		return true
	}
	_, err := strconv.ParseFloat(string(id), 64)
	return err == nil
}

// key is the canonical form of an id, to match $/cancelRequest with its request.
func key(id json.RawMessage) string {
	var v any
	if err := decodeJSON(id, &v); err != nil {
		return string(id)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func (s *session) notification(method string, params json.RawMessage) (exit bool) {
	switch method {
	case "exit":
		s.mu.Lock()
		answered := s.answered
		s.mu.Unlock()
		if answered != nil {
			<-answered
		}
		return true
	case "$/cancelRequest":
		var p struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(params, &p) == nil && p.ID != nil {
			s.mu.Lock()
			if c, ok := s.calls[key(p.ID)]; ok {
				c.cancelled = true
				c.cancel()
			}
			s.mu.Unlock()
		}
	}
	return false
}

func (s *session) request(id json.RawMessage, method string, params json.RawMessage) *rpcError {
	switch method {
	case "initialize":
		var p struct {
			ProtocolVersion json.RawMessage `json:"protocolVersion"`
		}
		if json.Unmarshal(params, &p) != nil || p.ProtocolVersion == nil {
			return newError(codeInvalidParams, `initialize needs {"protocolVersion": 1}`)
		}
		if string(p.ProtocolVersion) != "1" {
			return newError(codeVersionNotSupported, fmt.Sprintf(
				"protocol version %s not supported; this worker speaks %d", p.ProtocolVersion, ProtocolVersion))
		}
		s.respond(id, map[string]any{"protocolVersion": ProtocolVersion, "name": s.w.name, "language": "go",
			"functions": s.w.describe()}, nil)
	case "release":
		var p struct {
			Handles []string `json:"handles"`
		}
		if json.Unmarshal(params, &p) != nil || p.Handles == nil {
			return newError(codeInvalidParams, `release needs {"handles": [ids]}`)
		}
		s.mu.Lock()
		for _, h := range p.Handles {
			delete(s.handles, h)
		}
		s.mu.Unlock()
		s.respond(id, nil, nil)
	case "shutdown":
		answered := make(chan struct{})
		s.mu.Lock()
		s.shutdown = true
		s.answered = answered
		s.mu.Unlock()
		go func() {
			defer close(answered)
			s.running.Wait()
			s.respond(id, nil, nil)
		}()
	case "call", "callBatch":
		ctx, cancel := context.WithCancel(context.Background())
		c := &inFlight{cancel: cancel}
		k := key(id)
		s.mu.Lock()
		if s.shutdown {
			s.mu.Unlock()
			cancel()
			return newError(codeInvalidRequest, "worker is shutting down")
		}
		s.calls[k] = c
		s.running.Add(1)
		s.mu.Unlock()
		span, traced := traceOf(params)
		if traced {
			ctx = context.WithValue(ctx, spanKey{}, span)
		}
		go func() {
			defer s.running.Done()
			start := time.Now()
			result, rpcErr := s.w.dispatchCall(ctx, s, method, params)
			s.mu.Lock()
			cancelled := c.cancelled
			s.mu.Unlock()
			if cancelled {
				result, rpcErr = nil, newError(codeCancelled, "cancelled")
			}
			if traced {
				s.sendSpan(id, span, method, params, start, time.Now(), rpcErr)
			}
			s.respond(id, result, rpcErr)
			s.mu.Lock()
			delete(s.calls, k)
			s.mu.Unlock()
			cancel()
		}()
	default:
		return newError(codeMethodNotFound, "unknown method "+method)
	}
	return nil
}

func (s *session) putHandle(v any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	id := "h" + strconv.Itoa(s.nextID)
	s.handles[id] = v
	return id
}

func (s *session) handle(id string) (any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.handles[id]
	return v, ok
}

// dispatchCall runs call or callBatch; the result is JSON-marshalable.
func (w *Worker) dispatchCall(ctx context.Context, s *session, method string, params json.RawMessage) (any, *rpcError) {
	var p struct {
		Function *string `json:"function"`
		Args     []any   `json:"args"`
		ArgsList [][]any `json:"argsList"`
	}
	if err := decodeJSON(params, &p); err != nil || p.Function == nil {
		return nil, newError(codeInvalidParams, `params need a "function" name, and "args" as an array`)
	}
	f, rpcErr := w.lookup(*p.Function)
	if rpcErr != nil {
		return nil, rpcErr
	}
	if method == "call" {
		return s.invoke(ctx, f, p.Args)
	}
	if p.ArgsList == nil {
		return nil, newError(codeInvalidParams, `callBatch needs "argsList": [[...], ...]`)
	}
	results := make([]any, 0, len(p.ArgsList))
	for _, args := range p.ArgsList {
		if ctx.Err() != nil {
			break
		}
		if v, err := s.invoke(ctx, f, args); err != nil {
			results = append(results, map[string]any{"error": err})
		} else {
			results = append(results, map[string]any{"value": v})
		}
	}
	return results, nil
}

func (s *session) invoke(ctx context.Context, f *function, args []any) (result any, rpcErr *rpcError) {
	if len(args) != len(f.params) {
		return nil, newError(codeInvalidParams, fmt.Sprintf("wrong number of arguments for %s: needs %d, got %d",
			f.name, len(f.params), len(args)))
	}
	in := make([]reflect.Value, 0, len(args)+1)
	if f.takesCtx {
		in = append(in, reflect.ValueOf(ctx))
	}
	for i, a := range args {
		natural, rpcErr := s.resolve(a)
		if rpcErr != nil {
			return nil, rpcErr
		}
		v, err := convert(natural, f.params[i])
		if err != nil {
			return nil, newError(codeInvalidParams, fmt.Sprintf("argument %d of %s: %v", i+1, f.name, err))
		}
		in = append(in, v)
	}
	out, rpcErr := call(f, in)
	if rpcErr != nil {
		return nil, rpcErr
	}
	if f.returnsErr {
		if err, _ := out[len(out)-1].Interface().(error); err != nil {
			return nil, errorFromReturn(err)
		}
	}
	if !f.returnsData {
		return nil, nil
	}
	encoded, err := s.encode(out[0])
	if err != nil {
		return nil, newError(codeInternalError, fmt.Sprintf("result of %s cannot be encoded: %v", f.name, err))
	}
	return encoded, nil
}

// call runs the user's function, turning a panic into a -32000 error with its stack.
func call(f *function, in []reflect.Value) (out []reflect.Value, rpcErr *rpcError) {
	defer func() {
		if r := recover(); r != nil {
			rpcErr = errorFromPanic(r)
		}
	}()
	return f.fn.Call(in), nil
}
