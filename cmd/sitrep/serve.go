package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/sitrep/sitrep/internal/web"
)

func init() {
	commands["serve"] = command{"serve the web UI and JSON API of a store (read-only, 127.0.0.1:8080 by default)", runServe}
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "[--db FILE | --postgres DSN [--schema NAME]] [--addr 127.0.0.1:8080]", stderr)
	db := fs.String("db", defaultDB, "SQLite store file")
	pg, schema := readStoreFlags(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	st, err := openReadStore(ctx, *db, *pg, *schema)
	if err != nil {
		return err
	}
	defer st.Close()
	ws, ok := st.(web.Store)
	if !ok {
		return fmt.Errorf("serve: the %T store has no query interface (store.Querier), so it cannot be served", st)
	}
	where := "store " + *db
	if *pg != "" {
		where = "PostgreSQL schema " + *schema
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	srv, err := web.New(ws, web.Options{Names: web.DefaultNames(), Logger: logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hs := web.NewHTTPServer(ln.Addr().String(), srv)
	// The first line says where to connect: scripts (and the end-to-end
	// test) read it to find a port chosen by the system.
	fmt.Fprintf(stdout, "sitrep serve: listening on http://%s/ (%s, read-only)\n", ln.Addr(), where)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(shut); err != nil {
			return err
		}
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
