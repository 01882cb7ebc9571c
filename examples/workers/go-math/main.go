// go-math is an example worker: a few math functions and a counter that stays in the worker as a
// handle. Run it through the platform (see README.md) or by hand: go run .
package main

import (
	"context"
	"errors"
	"log"
	"math"
	"math/big"
	"sync"
	"time"

	ggenworker "ggen.io/ffi/worker"
)

// Counter stays in the worker; the platform holds it as a handle.
type Counter struct {
	mu sync.Mutex
	n  int64
}

func newWorker() *ggenworker.Worker {
	w := ggenworker.New("go-math")
	w.Register("add", func(a, b int64) int64 { return a + b }, "a", "b")
	w.Register("sqrt", func(x float64) (float64, error) {
		if x < 0 {
			return 0, errors.New("sqrt of a negative number")
		}
		return math.Sqrt(x), nil
	}, "x")
	w.Register("factorial", func(n int64) (*big.Int, error) {
		if n < 0 {
			return nil, errors.New("factorial of a negative number")
		}
		return new(big.Int).MulRange(1, n), nil
	}, "n")
	// primesBelow stops early when the platform cancels the call.
	w.Register("primesBelow", func(ctx context.Context, limit int64) ([]int64, error) {
		var primes []int64
		for candidate := int64(2); candidate < limit; candidate++ {
			if candidate%1024 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			prime := true
			for _, p := range primes {
				if p*p > candidate {
					break
				}
				if candidate%p == 0 {
					prime = false
					break
				}
			}
			if prime {
				primes = append(primes, candidate)
			}
		}
		return primes, nil
	}, "limit")
	w.Register("newCounter", func() *ggenworker.Handle { return ggenworker.NewHandle(&Counter{}) })
	w.Register("increment", func(c *Counter, by int64) int64 {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.n += by
		return c.n
	}, "counter", "by")
	w.Register("sleep", func(ctx context.Context, ms int64) string {
		select {
		case <-time.After(time.Duration(ms) * time.Millisecond):
			return "slept"
		case <-ctx.Done():
			return "woken"
		}
	}, "ms")
	return w
}

func main() {
	if err := newWorker().Serve(); err != nil {
		log.Fatal(err)
	}
}
