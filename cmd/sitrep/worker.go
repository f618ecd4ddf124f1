package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/pipeline"
	"github.com/sitrep/sitrep/internal/queue"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
)

// The scale-out commands: enqueue publishes documents to a NATS JetStream
// work queue; any number of workers on any machines process them into
// PostgreSQL. See internal/queue and docs/architecture.md ("Scale-out").

func init() {
	commands["enqueue"] = command{"publish article files to the NATS JetStream work queue (enqueue PATH... --nats URL)", runEnqueue}
	commands["worker"] = command{"process documents from the work queue into PostgreSQL (worker --nats URL --postgres DSN)", runWorker}
}

// queueFlags adds the flags naming the work queue.
func queueFlags(fs *flag.FlagSet) *queue.Config {
	c := &queue.Config{}
	fs.StringVar(&c.URL, "nats", "nats://127.0.0.1:4222", "NATS server URL (JetStream enabled)")
	fs.StringVar(&c.Stream, "stream", queue.DefaultStream, "JetStream stream name")
	fs.StringVar(&c.Subject, "subject", queue.DefaultSubject, "subject documents are published on")
	fs.StringVar(&c.Consumer, "consumer", queue.DefaultConsumer, "durable consumer shared by the workers")
	fs.DurationVar(&c.AckWait, "ack-wait", queue.DefaultAckWait, "time a worker has for a batch before its messages are delivered again")
	fs.IntVar(&c.MaxDeliver, "max-deliver", queue.DefaultMaxDeliver, "deliveries of a message before it is given up")
	return c
}

func runEnqueue(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("enqueue", "PATH... [--nats URL] [--stream NAME] [--manifest FILE]", stderr)
	cfg := queueFlags(fs)
	manifest := fs.String("manifest", "", "manifest sidecar (JSONL), as for ingest")
	maxMB := fs.Int("max-mb", int(ingest.DefaultMaxBytes>>20), "largest input accepted, in MiB")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no input paths", errUsage)
	}
	start := time.Now()
	plan, err := ingest.NewPlan(paths, ingest.Options{Manifest: *manifest, MaxBytes: int64(*maxMB) << 20})
	if err != nil {
		return err
	}
	for _, d := range plan.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", d.String())
	}
	q, err := queue.Open(ctx, *cfg)
	if err != nil {
		return err
	}
	defer q.Close()
	var published, duplicate, rejected, compressed int
	var bytes int64
	reject := func(d model.Diagnostic) {
		rejected++
		fmt.Fprintf(stderr, "rejected: %s\n", d.String())
	}
	err = plan.Read(ctx, func(it ingest.Item, _ int64) error {
		if it.Reject != nil {
			reject(*it.Reject)
			return nil
		}
		p, err := q.Publish(ctx, it.Doc)
		if errors.Is(err, queue.ErrTooLarge) {
			reject(model.Diagnostic{Severity: model.Error, Stage: "enqueue", Code: "too-large",
				Message: err.Error(), File: it.Doc.Path, Line: it.Doc.Line})
			return nil
		}
		if err != nil {
			return err
		}
		if p.Duplicate {
			duplicate++
			return nil
		}
		published++
		bytes += int64(p.Bytes)
		if p.Compressed {
			compressed++
		}
		return nil
	})
	fmt.Fprintf(stdout, "%s: enqueued %d (%d compressed, %d bytes), duplicate %d, rejected %d in %s\n",
		q.Config().Stream, published, compressed, bytes, duplicate, rejected, time.Since(start).Round(time.Millisecond))
	return err
}

func runWorker(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("worker", "--postgres DSN [--schema NAME] [--nats URL] [--stream NAME] [--batch N] [--workers N] [--exit-when-empty]", stderr)
	cfg := queueFlags(fs)
	dsn := fs.String("postgres", "", "PostgreSQL DSN (postgres://user@host:5432/db or key=value form)")
	schema := fs.String("schema", postgres.DefaultSchema, "PostgreSQL schema holding the store")
	batch := fs.Int("batch", 32, "documents fetched and stored per transaction")
	workers := fs.Int("workers", 0, "batches worked on in parallel (0: one per CPU)")
	exitWhenEmpty := fs.Bool("exit-when-empty", false, "exit once the queue is drained instead of waiting for more")
	quiet := fs.Bool("quiet", false, "do not log rejections and retries")
	if rest, err := parseFlags(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, rest[0])
	}
	if *dsn == "" {
		fs.Usage()
		return fmt.Errorf("%w: --postgres is required", errUsage)
	}
	// SIGTERM (what orchestrators send) stops the worker like SIGINT: the
	// batches in hand are finished, stored and acknowledged. A second
	// signal kills the process.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()

	st, err := postgres.Open(ctx, *dsn, postgres.WithSchema(*schema))
	if err != nil {
		return err
	}
	defer st.Close()
	q, err := queue.Open(ctx, *cfg)
	if err != nil {
		return err
	}
	defer q.Close()
	c, err := q.Consumer(ctx)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	logf := func(format string, args ...any) {
		if *quiet {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stderr, format+"\n", args...)
	}
	// The same per-document stages as ingest, loaded once.
	stages, err := pipeline.DefaultStages()
	if err != nil {
		return err
	}
	process := func(doc model.Document) (*model.Article, *model.Diagnostic) {
		return pipeline.Process(doc, pipeline.Options{Stages: stages})
	}
	stats, err := queue.Work(ctx, c, st, process, queue.WorkOptions{
		Batch: *batch, Workers: *workers, ExitWhenEmpty: *exitWhenEmpty, Logf: logf,
	})
	fmt.Fprintf(stdout, "worker: %s\n", stats.String())
	if err != nil {
		return err
	}
	return st.Close()
}

// openReadStore opens the store a reading command (export, report, serve)
// works on: the PostgreSQL store in schema when postgresDSN is set, else
// the SQLite file db, which must exist. Neither is created when missing.
// Commands add the flags with readStoreFlags and call it as
//
//	st, err := openReadStore(ctx, *db, *pg, *schema)
//
// in place of openExisting(*db); the caller must Close the store.
func openReadStore(ctx context.Context, db, postgresDSN, schema string) (store.Store, error) {
	if postgresDSN == "" {
		st, err := openExisting(db)
		if err != nil {
			return nil, err // not a nil *sqlite.Store in a non-nil interface
		}
		return st, nil
	}
	st, err := postgres.Open(ctx, postgresDSN, postgres.WithSchema(schema), postgres.ExistingOnly())
	if errors.Is(err, postgres.ErrNoStore) {
		return nil, fmt.Errorf("%w (run 'sitrep worker' first, or pass --schema)", err)
	}
	return st, err
}

// readStoreFlags adds --postgres and --schema to a reading command's flags.
func readStoreFlags(fs *flag.FlagSet) (postgresDSN, schema *string) {
	postgresDSN = fs.String("postgres", "", "read the PostgreSQL store at this DSN instead of --db")
	schema = fs.String("schema", postgres.DefaultSchema, "PostgreSQL schema holding the store (with --postgres)")
	return postgresDSN, schema
}
