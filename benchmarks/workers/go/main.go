// The Go worker of RpcCallBenchmark (sdk/go): add(a, b).
package main

import (
	"log"

	ggenworker "ggen.io/ffi/worker"
)

func main() {
	w := ggenworker.New("bench-go")
	w.Register("add", func(a, b int64) int64 { return a + b }, "a", "b")
	if err := w.Serve(); err != nil {
		log.Fatal(err)
	}
}
