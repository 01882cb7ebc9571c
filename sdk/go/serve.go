package ggenworker

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
)

// Serve serves over stdio, or over TCP when GGEN_WORKER_LISTEN=host:port is set.
func (w *Worker) Serve() error {
	if address := os.Getenv("GGEN_WORKER_LISTEN"); address != "" {
		return w.ServeTCP(address)
	}
	return w.ServeStdio()
}

// ServeStdio reads requests from stdin and writes frames to the original stdout; os.Stdout is
// pointed at stderr first, so fmt.Println cannot corrupt the frames. It returns nil at the end of
// stdin or on exit (return from main then, without waiting: the platform is gone or done); on
// broken framing it writes to stderr and exits the process with status 2.
func (w *Worker) ServeStdio() error {
	frames := os.Stdout
	os.Stdout = os.Stderr
	err := newSession(w, os.Stdin, frames).run()
	if errors.Is(err, errFraming) {
		fmt.Fprintf(os.Stderr, "ggen-worker %s: broken framing on stdin, exiting: %v\n", w.name, err)
		os.Exit(2)
	}
	if err == errExit {
		return nil
	}
	return err
}

// ServeTCP listens on address ("host:port"; port 0 picks one) and serves every connection as
// its own session. It writes "ggen-worker: listening on host:port" to stderr once listening and
// returns nil when a connection sends exit.
func (w *Worker) ServeTCP(address string) error {
	listener, err := net.Listen("tcp", address)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "ggen-worker: listening on %s\n", listener.Addr())
	var once sync.Once
	stop := func() { once.Do(func() { listener.Close() }) }
	for {
		conn, err := listener.Accept()
		if errors.Is(err, net.ErrClosed) {
			return nil // a connection sent exit
		}
		if err != nil {
			return err
		}
		go func() {
			defer conn.Close()
			s := newSession(w, conn, conn)
			err := s.run()
			switch {
			case err == errExit:
				stop()
			case errors.Is(err, errFraming):
				fmt.Fprintf(os.Stderr, "ggen-worker %s: broken framing, closing the connection: %v\n", w.name, err)
			default:
				s.running.Wait() // the peer may have only half-closed: answer what it asked
			}
		}()
	}
}
