package ggenworker_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"testing"
	"time"

	ggenworker "ggen.io/ffi/worker"
)

// The tests start this test binary again as the worker: with GGENWORKER_TEST_CHILD=1 it serves
// the fixture functions instead of running tests.
func TestMain(m *testing.M) {
	if os.Getenv("GGENWORKER_TEST_CHILD") == "1" {
		if err := fixture().Serve(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type counter struct{ n int64 }

func check(text string) {
	panic(text)
}

func fixture() *ggenworker.Worker {
	w := ggenworker.New("fixture")
	meeting := make(chan struct{})
	w.Register("add", func(a, b int64) int64 { return a + b }, "a", "b")
	w.Register("concat", func(a string, b []byte, n *big.Int) string { return a + string(b) + n.String() })
	w.Register("fail", func(text string) (string, error) { return "", errors.New(text) })
	w.Register("explode", func(text string) string { check(text); return "" })
	w.Register("div", func(a, b int64) int64 { return a / b })
	w.Register("echo", func(v any) any { return v })
	w.Register("rendezvous", func() (string, error) {
		// returns only if a second rendezvous() runs at the same time
		select {
		case meeting <- struct{}{}:
		case <-meeting:
		case <-time.After(10 * time.Second):
			return "", errors.New("no second call came")
		}
		return "met", nil
	})
	w.Register("waitForCancel", func(ctx context.Context) string {
		select {
		case <-ctx.Done():
			return "cancelled"
		case <-time.After(10 * time.Second):
			return "never cancelled"
		}
	})
	w.RegisterDoc("typed", "Counts the words.", func(ctx context.Context, words []string, weights map[string]float64,
		limit *int32, scale float32, flag bool) (map[string][]int, error) {
		return nil, nil
	}, "words", "weights", "limit", "scale", "flag")
	w.Register("slow", func(v string, ms int) string { time.Sleep(time.Duration(ms) * time.Millisecond); return v })
	w.Register("counter", func() *ggenworker.Handle { return ggenworker.NewHandle(&counter{}) })
	w.Register("increment", func(c *counter) int64 { c.n++; return c.n })
	w.Register("chatty", func() string { fmt.Println("hello from fmt.Println"); return "ok" })
	w.Register("aChannel", func() chan int { return make(chan int) })
	w.Register("traceparent", func(ctx context.Context) any {
		if span, ok := ggenworker.SpanFromContext(ctx); ok {
			return span.Traceparent()
		}
		return nil
	})
	w.Register("big", func() []any { return []any{int64(1) << 60, uint64(1) << 63, strconv.Itoa(7)} })
	return w
}
