package ggenworker

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// JSON-RPC error codes of protocol 1.
const (
	codeParseError          = -32700
	codeInvalidRequest      = -32600
	codeMethodNotFound      = -32601
	codeInvalidParams       = -32602
	codeInternalError       = -32603
	codeFunctionFailed      = -32000
	codeVersionNotSupported = -32002
	codeCancelled           = -32800
)

type rpcError struct {
	Code    int            `json:"code"`
	Message string         `json:"message"`
	Data    map[string]any `json:"data,omitempty"`
}

func newError(code int, message string) *rpcError {
	return &rpcError{Code: code, Message: message}
}

func foreignError(typeName, message string, traceback []string) *rpcError {
	if traceback == nil {
		traceback = []string{}
	}
	return &rpcError{
		Code:    codeFunctionFailed,
		Message: typeName + ": " + message,
		Data:    map[string]any{"type": typeName, "message": message, "traceback": traceback},
	}
}

// errorFromReturn is the -32000 error for a non-nil error a function returned (Go has no stack for it).
func errorFromReturn(err error) *rpcError {
	return foreignError(fmt.Sprintf("%T", err), err.Error(), nil)
}

// errorFromPanic is the -32000 error for a recovered panic; call it inside the deferred recover.
func errorFromPanic(r any) *rpcError {
	return foreignError("panic", fmt.Sprint(r), panicFrames(string(debug.Stack())))
}

// panicFrames turns a debug.Stack() taken while recovering into "file:line in func" lines,
// innermost last: the frames between the panic and the reflective call of the user's function.
func panicFrames(stack string) []string {
	lines := strings.Split(stack, "\n")
	var frames []string
	afterPanic := false
	for i := 1; i+1 < len(lines); i += 2 {
		fn := lines[i]
		if strings.HasPrefix(fn, "panic(") {
			afterPanic = true
			continue
		}
		if !afterPanic {
			continue
		}
		if strings.HasPrefix(fn, "created by ") {
			break
		}
		if paren := strings.LastIndex(fn, "("); paren > 0 {
			fn = fn[:paren]
		}
		if strings.HasPrefix(fn, "reflect.") || strings.HasPrefix(fn, "ggen.io/ffi/worker.") {
			break // from here outwards: the SDK calling the function
		}
		if strings.HasPrefix(fn, "runtime.") {
			continue // e.g. runtime.panicdivide
		}
		location := strings.TrimSpace(lines[i+1])
		if plus := strings.LastIndex(location, " +0x"); plus > 0 {
			location = location[:plus]
		}
		frames = append(frames, location+" in "+fn)
	}
	for i, j := 0, len(frames)-1; i < j; i, j = i+1, j-1 {
		frames[i], frames[j] = frames[j], frames[i]
	}
	return frames
}
