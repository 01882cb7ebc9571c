// Package ggenworker writes a worker for the GGen FFI RPC bridge in a few lines (protocol 1,
// docs/rpc-protocol.md):
//
//	w := ggenworker.New("math")
//	w.Register("add", func(a, b int64) int64 { return a + b })
//	if err := w.Serve(); err != nil {
//		log.Fatal(err)
//	}
//
// Functions take JSON-convertible parameters (int, int64, float64, string, bool, []byte, *big.Int,
// []any, map[string]any, any, and slices/maps/structs of those), optionally preceded by a
// context.Context that is cancelled when the platform cancels the call. They return nothing, a
// value, an error, or a value and an error. Workers log to stderr: stdout carries the frames.
package ggenworker

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// ProtocolVersion is the protocol version this package speaks.
const ProtocolVersion = 1

// DefaultMaxFrameBytes is the frame size cap unless GGEN_WORKER_MAX_FRAME_BYTES says otherwise.
const DefaultMaxFrameBytes = 64 << 20

// Handle keeps a value in the worker; the platform sees {"$handle": "<id>"}. Return NewHandle(v)
// from a function; when the handle comes back as an argument the function receives v itself.
type Handle struct {
	value any
}

// NewHandle wraps v so that it stays in the worker.
func NewHandle(v any) *Handle { return &Handle{value: v} }

// Worker is a named set of functions served over protocol 1.
type Worker struct {
	name          string
	mu            sync.RWMutex
	functions     map[string]*function
	maxFrameBytes int
}

// New returns a worker with no functions.
func New(name string) *Worker {
	max := DefaultMaxFrameBytes
	if n, err := strconv.Atoi(os.Getenv("GGEN_WORKER_MAX_FRAME_BYTES")); err == nil && n > 0 {
		max = n
	}
	return &Worker{name: name, functions: map[string]*function{}, maxFrameBytes: max}
}

var (
	contextType = reflect.TypeOf((*context.Context)(nil)).Elem()
	errorType   = reflect.TypeOf((*error)(nil)).Elem()
)

type function struct {
	name        string
	fn          reflect.Value
	takesCtx    bool
	params      []reflect.Type
	paramNames  []string
	doc         string
	returnsErr  bool
	returnsData bool
}

// Register offers fn under name. paramNames are optional, for initialize (Go keeps no parameter
// names at run time; without them the parameter types are listed, and the signature names them
// arg0, arg1...). Register panics if fn is not a function of the supported shape: that is a
// programming error, found at start.
func (w *Worker) Register(name string, fn any, paramNames ...string) {
	w.RegisterDoc(name, "", fn, paramNames...)
}

// RegisterDoc is Register with a comment for the function's signature in initialize (what
// ggen bindgen writes into the generated interface).
func (w *Worker) RegisterDoc(name, doc string, fn any, paramNames ...string) {
	v := reflect.ValueOf(fn)
	t := v.Type()
	if t.Kind() != reflect.Func || t.IsVariadic() {
		panic(fmt.Sprintf("ggenworker: %s: want a non-variadic func, got %T", name, fn))
	}
	f := &function{name: name, fn: v}
	for i := 0; i < t.NumIn(); i++ {
		if i == 0 && t.In(0) == contextType {
			f.takesCtx = true
			continue
		}
		f.params = append(f.params, t.In(i))
	}
	switch {
	case t.NumOut() == 0:
	case t.NumOut() == 1 && t.Out(0) == errorType:
		f.returnsErr = true
	case t.NumOut() == 1:
		f.returnsData = true
	case t.NumOut() == 2 && t.Out(1) == errorType:
		f.returnsData, f.returnsErr = true, true
	default:
		panic(fmt.Sprintf("ggenworker: %s: results must be (), (V), (error) or (V, error); got %s", name, t))
	}
	if len(paramNames) > 0 && len(paramNames) != len(f.params) {
		panic(fmt.Sprintf("ggenworker: %s: %d parameter names for %d parameters", name, len(paramNames), len(f.params)))
	}
	f.paramNames = paramNames
	f.doc = doc
	w.mu.Lock()
	w.functions[name] = f
	w.mu.Unlock()
}

func (w *Worker) lookup(name string) (*function, *rpcError) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if f, ok := w.functions[name]; ok {
		return f, nil
	}
	names := make([]string, 0, len(w.functions))
	for n := range w.functions {
		names = append(names, n)
	}
	sort.Strings(names)
	list := "(nothing)"
	if len(names) > 0 {
		list = strings.Join(names, ", ")
	}
	return nil, newError(codeMethodNotFound, fmt.Sprintf("unknown function '%s'; this worker has: %s", name, list))
}

func (w *Worker) describe() []map[string]any {
	w.mu.RLock()
	defer w.mu.RUnlock()
	names := make([]string, 0, len(w.functions))
	for n := range w.functions {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]map[string]any, 0, len(names))
	for _, n := range names {
		f := w.functions[n]
		params := f.paramNames
		if len(params) == 0 {
			params = make([]string, len(f.params))
			for i, p := range f.params {
				params[i] = p.String()
			}
		}
		returns := "null"
		if f.returnsData {
			returns = f.fn.Type().Out(0).String()
		}
		out = append(out, map[string]any{"name": n, "params": params, "returns": returns, "signature": f.signature()})
	}
	return out
}

// signature is the function's signature member of initialize (docs/rpc-protocol.md), from its type.
func (f *function) signature() map[string]any {
	params := make([]map[string]any, len(f.params))
	for i, p := range f.params {
		name := "arg" + strconv.Itoa(i)
		if len(f.paramNames) > 0 {
			name = f.paramNames[i]
		}
		params[i] = map[string]any{"name": name, "type": TypeName(p), "optional": false}
	}
	returns := "null"
	if f.returnsData {
		returns = TypeName(f.fn.Type().Out(0))
	}
	return map[string]any{"params": params, "returns": returns, "doc": f.doc, "variadic": false}
}

var handleType = reflect.TypeOf((*Handle)(nil))

// TypeName is the neutral type name of a Go type in a signature: integer kinds are int, float64
// float, float32 float32, string, bool, []byte bytes, *big.Int bigint, *Handle handle, other slices
// and arrays list<T>, map[string]T map<T>, structs map<any>, other pointers optional<T>; anything
// else (interfaces, other maps, channels, functions) is any.
func TypeName(t reflect.Type) string {
	switch t {
	case bigIntType:
		return "bigint"
	case handleType:
		return "handle"
	case bytesType:
		return "bytes"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "int"
	case reflect.Float64:
		return "float"
	case reflect.Float32:
		return "float32"
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "bool"
	case reflect.Slice, reflect.Array:
		return "list<" + TypeName(t.Elem()) + ">"
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return "map<" + TypeName(t.Elem()) + ">"
		}
		return "any"
	case reflect.Struct:
		return "map<any>"
	case reflect.Pointer:
		return "optional<" + TypeName(t.Elem()) + ">"
	}
	return "any"
}
