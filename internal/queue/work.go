package queue

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// ProcessFunc turns one document into an article, or into the diagnostic
// that rejects it. Work calls it from several goroutines at once.
type ProcessFunc func(model.Document) (*model.Article, *model.Diagnostic)

// WorkOptions configures Work. The zero value is ready to use.
type WorkOptions struct {
	// Batch is the number of messages fetched, and articles stored in one
	// transaction, at a time; 0 means 32.
	Batch int
	// Workers is the number of batches worked on at once, each by its own
	// goroutine; 0 means one per CPU.
	Workers int
	// FetchWait bounds one wait for messages, and so how long Work takes
	// to notice that its context ended; 0 means one second.
	FetchWait time.Duration
	// ExitWhenEmpty makes Work return once the queue is drained (see
	// Consumer.Drained) instead of waiting for more documents.
	ExitWhenEmpty bool
	// Logf, when set, receives one line per rejected document, poison
	// message and store failure. It is called from several goroutines.
	Logf func(format string, args ...any)
}

// WorkStats counts what Work did.
type WorkStats struct {
	// Messages counts messages received; Redelivered those among them
	// delivered before (to this or another worker).
	Messages, Redelivered int
	// Stored and Duplicate count articles created and articles the store
	// already had; Rejected documents rejected by processing (the
	// messages are acknowledged: a rejection is final).
	Stored, Duplicate, Rejected int
	// Retried counts messages handed back for a later delivery after a
	// store failure; Terminated those given up on (undecodable, or failing
	// on their last delivery).
	Retried, Terminated int
	// Batches counts store transactions committed.
	Batches int
	Elapsed time.Duration
}

// String formats the stats as one line.
func (s WorkStats) String() string {
	return fmt.Sprintf("messages %d (redelivered %d), stored %d, duplicate %d, rejected %d, retried %d, terminated %d in %d batches, %s",
		s.Messages, s.Redelivered, s.Stored, s.Duplicate, s.Rejected, s.Retried, s.Terminated, s.Batches, s.Elapsed.Round(time.Millisecond))
}

func (s *WorkStats) add(o WorkStats) {
	s.Messages += o.Messages
	s.Redelivered += o.Redelivered
	s.Stored += o.Stored
	s.Duplicate += o.Duplicate
	s.Rejected += o.Rejected
	s.Retried += o.Retried
	s.Terminated += o.Terminated
	s.Batches += o.Batches
}

// Work pulls documents from c, processes each with process, stores each
// batch's articles in st with one PutArticles call and acknowledges the
// batch's messages after the commit. It runs until ctx ends (or, with
// ExitWhenEmpty, until the queue is drained); a batch in hand when ctx
// ends is finished, stored and acknowledged first, so a signal never
// wastes work. While the store is unavailable a worker holds its batch and
// retries (see storeBatch); an article the store refuses is retried
// through redelivery and terminated on its last delivery. Work returns an
// error only when the queue itself fails persistently.
func Work(ctx context.Context, c *Consumer, st store.Store, process ProcessFunc, opts WorkOptions) (WorkStats, error) {
	start := time.Now()
	if opts.Batch <= 0 {
		opts.Batch = 32
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.FetchWait <= 0 {
		opts.FetchWait = time.Second
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	w := &worker{c: c, st: st, process: process, opts: opts}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var total WorkStats
	var firstErr error
	for range opts.Workers {
		wg.Go(func() {
			s, err := w.loop(ctx)
			mu.Lock()
			defer mu.Unlock()
			total.add(s)
			if err != nil && firstErr == nil {
				firstErr = err
			}
		})
	}
	wg.Wait()
	total.Elapsed = time.Since(start)
	return total, firstErr
}

type worker struct {
	c       *Consumer
	st      store.Store
	process ProcessFunc
	opts    WorkOptions
}

// maxFetchFailures is how many fetches in a row may fail (NATS down)
// before a worker goroutine gives up.
const maxFetchFailures = 60

// loop is one worker goroutine.
func (w *worker) loop(ctx context.Context) (WorkStats, error) {
	var s WorkStats
	failures := 0
	for ctx.Err() == nil {
		msgs, err := w.c.Fetch(ctx, w.opts.Batch, w.opts.FetchWait)
		if err != nil && len(msgs) == 0 {
			if ctx.Err() != nil {
				break
			}
			failures++
			if failures >= maxFetchFailures {
				return s, err
			}
			w.opts.Logf("worker: %v (retrying)", err)
			sleep(ctx, time.Second)
			continue
		}
		failures = 0
		if len(msgs) == 0 {
			if w.opts.ExitWhenEmpty {
				if drained, err := w.c.Drained(ctx); err == nil && drained {
					break
				}
			}
			continue
		}
		// The batch is finished even when ctx ends meanwhile, unless the
		// store is down.
		w.batch(context.WithoutCancel(ctx), ctx, msgs, &s)
	}
	return s, nil
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// errStopped is storeBatch's answer when Work was stopped during a store
// outage.
var errStopped = errors.New("stopped while the store was unavailable")

// storeBatch stores arts. While the store is unavailable (PutArticles
// fails and so does a trivial query) it keeps the batch, extends the
// messages' AckWait and retries with a growing pause, so an outage costs
// no delivery attempts and terminates nothing; it gives up with errStopped
// only when stop ends. An error with the store available means the batch
// itself is refused.
func (w *worker) storeBatch(ctx, stop context.Context, arts []*model.Article, held []*Message) ([]store.PutResult, error) {
	pause := time.Second
	maxPause := min(30*time.Second, w.c.q.cfg.AckWait/2)
	for {
		res, err := w.put(ctx, arts)
		if err == nil {
			return res, nil
		}
		pctx, cancel := context.WithTimeout(ctx, maxPause)
		_, probe := w.st.HasContent(pctx, "")
		cancel()
		if probe == nil {
			return nil, err
		}
		pause = min(pause, maxPause)
		w.opts.Logf("worker: store unavailable, holding a batch of %d, retrying in %s: %v", len(arts), pause, err)
		for _, m := range held {
			m.InProgress()
		}
		if sleep(stop, pause); stop.Err() != nil {
			return nil, errStopped
		}
		pause *= 2
	}
}

// put stores arts within AckWait: a store call that hangs (a network
// partition) fails instead of holding the worker forever.
func (w *worker) put(ctx context.Context, arts []*model.Article) ([]store.PutResult, error) {
	ctx, cancel := context.WithTimeout(ctx, w.c.q.cfg.AckWait)
	defer cancel()
	return w.st.PutArticles(ctx, arts)
}

// batch processes, stores and settles one fetched batch. ctx is not
// cancelled when Work is stopped, so that the batch is finished; stop is.
func (w *worker) batch(ctx, stop context.Context, msgs []*Message, s *WorkStats) {
	var arts []*model.Article
	var held []*Message // the message of each article
	// A batch of slow documents may outlast AckWait: tell the server the
	// batch is in progress each third of it.
	beat, every := time.Now(), w.c.q.cfg.AckWait/3
	for i, m := range msgs {
		if time.Since(beat) > every {
			for _, m := range msgs[i:] {
				m.InProgress()
			}
			for _, m := range held {
				m.InProgress()
			}
			beat = time.Now()
		}
		s.Messages++
		if m.Delivered > 1 {
			s.Redelivered++
		}
		if m.Err != nil {
			w.opts.Logf("worker: %s: undecodable, terminated: %v", m.Describe(), m.Err)
			w.settle(m.Terminate(), m, "terminate")
			s.Terminated++
			continue
		}
		a, rej := processSafe(w.process, m.Doc)
		if rej != nil {
			w.opts.Logf("rejected: %s", rej.String())
			w.settle(m.Ack(ctx), m, "ack")
			s.Rejected++
			continue
		}
		arts = append(arts, a)
		held = append(held, m)
	}
	if len(arts) == 0 {
		return
	}
	res, err := w.storeBatch(ctx, stop, arts, held)
	if errors.Is(err, errStopped) {
		// Handed back undone: whoever fetches them next stores them.
		for _, m := range held {
			w.settle(m.Retry(0), m, "retry")
		}
		return
	}
	if err == nil {
		s.Batches++
		w.stored(ctx, res, held, s)
		return
	}
	if len(arts) == 1 {
		w.failed(held[0], err, s)
		return
	}
	// Find the article the store refuses by storing one at a time:
	// storage is idempotent, so nothing is stored twice.
	w.opts.Logf("worker: storing a batch of %d failed, storing one by one: %v", len(arts), err)
	for i, a := range arts {
		res, err := w.put(ctx, []*model.Article{a})
		if err != nil {
			w.failed(held[i], err, s)
			continue
		}
		s.Batches++
		w.stored(ctx, res, held[i:i+1], s)
	}
}

// stored acknowledges the messages of committed articles, with one round
// trip.
func (w *worker) stored(ctx context.Context, res []store.PutResult, held []*Message, s *WorkStats) {
	for _, r := range res {
		if r.Created {
			s.Stored++
		} else {
			s.Duplicate++
		}
	}
	if err := w.c.AckAll(ctx, held); err != nil {
		w.opts.Logf("worker: %v (the batch will be delivered again)", err)
	}
}

// failed hands a message whose article could not be stored back for a
// later delivery, with a delay growing with its deliveries, or terminates
// it on its last delivery.
func (w *worker) failed(m *Message, err error, s *WorkStats) {
	if m.Last {
		w.opts.Logf("worker: %s: store failed on delivery %d, the last; terminated: %v", m.Describe(), m.Delivered, err)
		w.settle(m.Terminate(), m, "terminate")
		s.Terminated++
		return
	}
	delay := min(time.Duration(1<<min(m.Delivered, 6))*time.Second, time.Minute)
	w.opts.Logf("worker: %s: store failed on delivery %d, retrying in %s: %v", m.Describe(), m.Delivered, delay, err)
	w.settle(m.Retry(delay), m, "retry")
	s.Retried++
}

// settle logs a failed acknowledgement: the message will be delivered
// again, which the idempotent store absorbs.
func (w *worker) settle(err error, m *Message, what string) {
	if err != nil {
		w.opts.Logf("worker: %s: %s failed (it will be delivered again): %v", m.Describe(), what, err)
	}
}

// processSafe runs process and turns a panic into a rejection of that one
// document, as the ingest pipeline does.
func processSafe(process ProcessFunc, doc model.Document) (a *model.Article, rej *model.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			a = nil
			rej = &model.Diagnostic{Severity: model.Error, Stage: "pipeline", Code: "internal",
				Message: fmt.Sprintf("BUG: processing failed: %v", r), File: doc.Path, Line: doc.Line}
		}
	}()
	return process(doc)
}
