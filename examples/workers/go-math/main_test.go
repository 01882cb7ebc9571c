package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// With GO_MATH_CHILD=1 the test binary is the worker, so the test drives real frames over pipes.
func TestMain(m *testing.M) {
	if os.Getenv("GO_MATH_CHILD") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestFunctionsAndACounterHandleOverRealFrames(t *testing.T) {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "GO_MATH_CHILD=1")
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	in := bufio.NewReader(stdout)
	id := 0
	call := func(method string, params any) map[string]any {
		id++
		body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
		fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(body), body)
		length := -1
		for {
			line, err := in.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if line = strings.TrimSpace(line); line == "" {
				break
			}
			length, _ = strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Content-Length:")))
		}
		frame := make([]byte, length)
		if _, err := io.ReadFull(in, frame); err != nil {
			t.Fatal(err)
		}
		var response map[string]any
		if err := json.Unmarshal(frame, &response); err != nil {
			t.Fatal(err)
		}
		return response
	}

	if r := call("initialize", map[string]any{"protocolVersion": 1}); r["result"].(map[string]any)["name"] != "go-math" {
		t.Fatalf("initialize: %v", r)
	}
	if r := call("call", map[string]any{"function": "add", "args": []any{40, 2}}); r["result"] != 42.0 {
		t.Errorf("add: %v", r)
	}
	if r := call("call", map[string]any{"function": "factorial", "args": []any{25}}); fmt.Sprint(r["result"]) != "map[$bigint:15511210043330985984000000]" {
		t.Errorf("factorial: %v", r)
	}
	if r := call("call", map[string]any{"function": "sqrt", "args": []any{-1}}); r["error"].(map[string]any)["message"] != "*errors.errorString: sqrt of a negative number" {
		t.Errorf("sqrt: %v", r)
	}
	counter := call("call", map[string]any{"function": "newCounter", "args": []any{}})["result"]
	call("call", map[string]any{"function": "increment", "args": []any{counter, 5}})
	if r := call("call", map[string]any{"function": "increment", "args": []any{counter, 2}}); r["result"] != 7.0 {
		t.Errorf("increment: %v", r)
	}
	if r := call("shutdown", nil); r["error"] != nil {
		t.Fatalf("shutdown: %v", r)
	}
	fmt.Fprint(stdin, "Content-Length: 33\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}")
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v", err)
	}
}
