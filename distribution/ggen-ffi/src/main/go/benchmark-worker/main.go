// The Go worker of `ggen benchmark-ffi`: its three workloads, on the SDK. The distribution's build
// compiles it into lib/workers/ggen-benchmark-worker when Go is installed.
package main

import (
	"log"
	"strings"

	ggenworker "ggen.io/ffi/worker"
)

type record struct {
	Name  string  `json:"name"`
	Items []int64 `json:"items"`
}

func main() {
	w := ggenworker.New("benchmark")
	w.Register("add", func(a, b int64) int64 { return a + b }, "a", "b")
	w.Register("length", func(s string) int64 { return int64(len([]rune(s))) }, "s")
	w.Register("transform", func(o record) map[string]any {
		var total int64
		for _, n := range o.Items {
			total += n
		}
		return map[string]any{"name": strings.ToUpper(o.Name), "total": total}
	}, "o")
	if err := w.Serve(); err != nil {
		log.Fatal(err)
	}
}
