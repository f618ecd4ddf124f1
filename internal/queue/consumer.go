package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/model"
)

// Consumer is the durable pull consumer every worker shares. It is safe
// for concurrent use: several goroutines may Fetch at once.
type Consumer struct {
	q *Queue
	c jetstream.Consumer
}

// Consumer creates the queue's durable consumer, or binds to it when
// another worker already has.
func (q *Queue) Consumer(ctx context.Context) (*Consumer, error) {
	c, err := q.stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       q.cfg.Consumer,
		Description:   "sitrep workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.cfg.AckWait,
		MaxDeliver:    q.cfg.MaxDeliver,
		FilterSubject: q.cfg.Subject,
		MaxAckPending: 4096,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", q.cfg.Consumer, err)
	}
	return &Consumer{q: q, c: c}, nil
}

// Message is one delivered document.
type Message struct {
	// Doc is the document; it is zero when Err is set.
	Doc model.Document
	// Err is set when the message could not be decoded: it is poison and
	// should be terminated.
	Err error
	// Delivered counts deliveries of this message, this one included;
	// Last is true when no further delivery will follow.
	Delivered int
	Last      bool

	msg jetstream.Msg
}

// Fetch returns at most n messages: those available at once or, when
// none is, the first to arrive within wait, topped up
// with any available then. It may return none. Messages must each be
// acknowledged, retried or terminated; those left alone are delivered
// again after AckWait. Fetch never holds early messages back while waiting
// for a full batch, which would eat into their AckWait.
func (c *Consumer) Fetch(ctx context.Context, n int, wait time.Duration) ([]*Message, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out, err := c.fetchNoWait(n)
	if err != nil || len(out) > 0 {
		return out, err
	}
	// The wait is the pull request's expiry on the server, which answers
	// when it ends; a client-side deadline could instead drop a message
	// the server sent just before it, costing that message an AckWait and
	// a delivery.
	batch, err := c.c.Fetch(1, jetstream.FetchMaxWait(max(wait, 10*time.Millisecond)))
	if err != nil {
		return nil, fmt.Errorf("queue: fetch: %w", err)
	}
	out = c.collect(batch, nil)
	if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, nats.ErrTimeout) {
		return out, fmt.Errorf("queue: fetch: %w", err)
	}
	if len(out) == 0 || n == 1 {
		return out, nil
	}
	more, err := c.fetchNoWait(n - 1)
	return append(out, more...), err
}

// fetchNoWait returns up to n of the messages available now.
func (c *Consumer) fetchNoWait(n int) ([]*Message, error) {
	batch, err := c.c.FetchNoWait(n)
	if err != nil {
		return nil, fmt.Errorf("queue: fetch: %w", err)
	}
	out := c.collect(batch, nil)
	if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, nats.ErrTimeout) {
		return out, fmt.Errorf("queue: fetch: %w", err)
	}
	return out, nil
}

// collect decodes a fetched batch's messages.
func (c *Consumer) collect(batch jetstream.MessageBatch, out []*Message) []*Message {
	for m := range batch.Messages() {
		msg := &Message{msg: m, Delivered: 1}
		if md, err := m.Metadata(); err == nil {
			msg.Delivered = int(md.NumDelivered)
		}
		msg.Last = msg.Delivered >= c.q.cfg.MaxDeliver
		msg.Doc, msg.Err = decode(m.Data(), m.Headers().Get(encodingHeader))
		out = append(out, msg)
	}
	return out
}

// Drained reports whether the consumer has nothing left to do: no message
// waits for delivery and none is delivered and unacknowledged (by any
// worker). Messages whose deliveries are exhausted do not count.
func (c *Consumer) Drained(ctx context.Context) (bool, error) {
	info, err := c.c.Info(ctx)
	if err != nil {
		return false, fmt.Errorf("queue: consumer info: %w", err)
	}
	return info.NumPending == 0 && info.NumAckPending == 0, nil
}

// Ack acknowledges m and waits for the server to confirm, so that a nil
// error means the message will not be delivered again.
func (m *Message) Ack(ctx context.Context) error {
	return m.msg.DoubleAck(ctx)
}

// AckAll acknowledges msgs with one round trip to the server instead of
// one each: the acknowledgements are sent, then a flush waits until the
// server has read them. It returns the first error. An acknowledgement
// the server has read can still be lost if the server fails before
// applying it; the message is then delivered again, which callers absorb
// (the store is idempotent).
func (c *Consumer) AckAll(ctx context.Context, msgs []*Message) error {
	var first error
	for _, m := range msgs {
		if err := m.msg.Ack(); err != nil && first == nil {
			first = fmt.Errorf("queue: ack %s: %w", m.Describe(), err)
		}
	}
	if err := c.q.nc.FlushWithContext(ctx); err != nil && first == nil {
		first = fmt.Errorf("queue: ack: flush: %w", err)
	}
	return first
}

// Retry asks for m to be delivered again after delay (if deliveries are
// left).
func (m *Message) Retry(delay time.Duration) error { return m.msg.NakWithDelay(delay) }

// Terminate stops all further deliveries of m.
func (m *Message) Terminate() error { return m.msg.Term() }

// InProgress tells the server that m is still being worked on, restarting
// its AckWait.
func (m *Message) InProgress() error { return m.msg.InProgress() }

// Describe names m's document for log lines: its path (and JSONL line),
// or its stream sequence when it could not be decoded.
func (m *Message) Describe() string {
	if m.Err == nil && m.Doc.Path != "" {
		if m.Doc.Line > 0 {
			return fmt.Sprintf("%s:%d", m.Doc.Path, m.Doc.Line)
		}
		return m.Doc.Path
	}
	if md, err := m.msg.Metadata(); err == nil {
		return fmt.Sprintf("message %d", md.Sequence.Stream)
	}
	return "message"
}
