package ggenworker_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// workerProcess is a minimal platform side: it starts the fixture worker, writes and reads frames.
type workerProcess struct {
	t        *testing.T
	cmd      *exec.Cmd
	stdin    io.WriteCloser
	messages chan map[string]any
	pending  map[any]map[string]any
	nextID   int
	stderrMu sync.Mutex
	stderr   bytes.Buffer
	exited   chan int
}

func startWorker(t *testing.T, env ...string) *workerProcess {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(append(os.Environ(), "GGENWORKER_TEST_CHILD=1"), env...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := &workerProcess{t: t, cmd: cmd, stdin: stdin, messages: make(chan map[string]any, 100),
		pending: map[any]map[string]any{}, exited: make(chan int, 1)}
	var readers sync.WaitGroup
	readers.Add(2)
	go func() {
		defer readers.Done()
		readFrames(stdout, w.messages)
	}()
	go func() {
		defer readers.Done()
		buf := make([]byte, 4096)
		for {
			n, err := stderr.Read(buf)
			w.stderrMu.Lock()
			w.stderr.Write(buf[:n])
			w.stderrMu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() {
		readers.Wait()
		_ = cmd.Wait()
		w.exited <- cmd.ProcessState.ExitCode()
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return w
}

func encodeFrame(msg any) []byte {
	body, _ := json.Marshal(msg)
	return append([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body))), body...)
}

// readFrames sends every frame on r to sink and closes sink at the end of the stream.
func readFrames(r io.Reader, sink chan<- map[string]any) {
	defer close(sink)
	in := bufio.NewReader(r)
	for {
		length := -1
		for {
			line, err := in.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			if line == "" {
				break
			}
			if strings.HasPrefix(strings.ToLower(line), "content-length:") {
				length, _ = strconv.Atoi(strings.TrimSpace(line[len("content-length:"):]))
			}
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(in, body); err != nil {
			return
		}
		var msg map[string]any
		_ = json.Unmarshal(body, &msg)
		sink <- msg
	}
}

func (w *workerProcess) writeRaw(data string) {
	if _, err := io.WriteString(w.stdin, data); err != nil {
		w.t.Fatal(err)
	}
}

func (w *workerProcess) request(method string, params any) float64 {
	id, frame := w.requestFrame(method, params)
	w.writeRaw(string(frame))
	return id
}

// requestFrame is a request with the next id, for the caller to write (with others in one write).
func (w *workerProcess) requestFrame(method string, params any) (float64, []byte) {
	w.nextID++
	msg := map[string]any{"jsonrpc": "2.0", "id": w.nextID, "method": method}
	if params != nil {
		msg["params"] = params
	}
	return float64(w.nextID), encodeFrame(msg)
}

func (w *workerProcess) notify(method string, params any) {
	w.writeRaw(string(notificationFrame(method, params)))
}

func notificationFrame(method string, params any) []byte {
	return encodeFrame(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

func (w *workerProcess) next() map[string]any {
	w.t.Helper()
	select {
	case msg, ok := <-w.messages:
		if !ok {
			w.t.Fatalf("worker closed stdout; stderr: %s", w.stderrText())
		}
		return msg
	case <-time.After(15 * time.Second):
		w.t.Fatalf("no frame within 15 s; stderr: %s", w.stderrText())
	}
	return nil
}

func (w *workerProcess) response(id float64) map[string]any {
	w.t.Helper()
	for {
		if msg, ok := w.pending[id]; ok {
			delete(w.pending, id)
			return msg
		}
		msg := w.next()
		w.pending[msg["id"]] = msg
	}
}

func (w *workerProcess) call(function string, args ...any) map[string]any {
	w.t.Helper()
	if args == nil {
		args = []any{}
	}
	return w.response(w.request("call", map[string]any{"function": function, "args": args}))
}

func (w *workerProcess) exitCode() int {
	w.t.Helper()
	select {
	case code := <-w.exited:
		return code
	case <-time.After(10 * time.Second):
		w.t.Fatal("worker did not exit")
	}
	return -1
}

func (w *workerProcess) stderrText() string {
	w.stderrMu.Lock()
	defer w.stderrMu.Unlock()
	return w.stderr.String()
}

// errorOf returns the response's error object, failing the test unless it has the code.
func errorOf(t *testing.T, response map[string]any, code float64) map[string]any {
	t.Helper()
	e, ok := response["error"].(map[string]any)
	if !ok || e["code"] != code {
		t.Fatalf("want error %v, got %v", code, response)
	}
	return e
}
