// A Go worker with typed functions, for BindgenIT: the SDK describes them, from their Go types, in its
// initialize answer.
package main

import (
	"log"
	"strings"

	ggenworker "ggen.io/ffi/worker"
)

func main() {
	w := ggenworker.New("typed-worker")
	w.Register("add", func(a, b int64) int64 { return a + b }, "a", "b")
	w.Register("shout", func(text string, times int64) string {
		return strings.Repeat(strings.ToUpper(text)+"!", int(times))
	}, "text", "times")
	w.Register("evens", func(values []int64) []int64 {
		evens := []int64{}
		for _, v := range values {
			if v%2 == 0 {
				evens = append(evens, v)
			}
		}
		return evens
	}, "values")
	w.Register("doubled", func(table map[string]float64) map[string]float64 {
		out := map[string]float64{}
		for k, v := range table {
			out[k] = v * 2
		}
		return out
	}, "table")
	w.Register("find", func(table map[string]int64, key string) *int64 {
		if v, ok := table[key]; ok {
			return &v
		}
		return nil
	}, "table", "key")
	if err := w.Serve(); err != nil {
		log.Fatal(err)
	}
}
