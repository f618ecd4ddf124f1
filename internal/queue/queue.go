package queue

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep/internal/model"
)

// Defaults for Config fields left zero.
const (
	DefaultStream     = "SITREP_DOCS"
	DefaultSubject    = "sitrep.docs"
	DefaultConsumer   = "sitrep-workers"
	DefaultAckWait    = 60 * time.Second
	DefaultMaxDeliver = 5
	DefaultDuplicates = time.Hour
)

// compressAbove is the JSON size above which a message is gzipped.
const compressAbove = 32 << 10

// headerRoom is kept free of the server's payload limit for headers.
const headerRoom = 512

// encodingHeader names the header that says how a message body is encoded.
const encodingHeader = "Sitrep-Encoding"

// ErrTooLarge is returned by Publish for a document that does not fit in a
// message even compressed.
var ErrTooLarge = errors.New("document too large for a queue message")

// Config says where the queue is and how it behaves. The zero value of a
// field means its default.
type Config struct {
	// URL is the NATS server URL (nats.DefaultURL when empty); several
	// URLs may be given separated by commas.
	URL string
	// Stream, Subject and Consumer name the JetStream stream, the subject
	// documents are published on, and the durable consumer every worker
	// shares.
	Stream, Subject, Consumer string
	// AckWait is how long a delivered message may stay unacknowledged
	// before it is delivered again. It must exceed the time a worker takes
	// for one batch.
	AckWait time.Duration
	// MaxDeliver bounds deliveries of one message; a message that fails
	// every time is terminated on its last delivery.
	MaxDeliver int
	// Duplicates is JetStream's window for dropping a document published
	// twice.
	Duplicates time.Duration
	// Name is the NATS connection name shown in server monitoring.
	Name string
}

func (c *Config) defaults() {
	if c.URL == "" {
		c.URL = nats.DefaultURL
	}
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	if c.MaxDeliver <= 0 {
		c.MaxDeliver = DefaultMaxDeliver
	}
	if c.Duplicates <= 0 {
		c.Duplicates = DefaultDuplicates
	}
	if c.Name == "" {
		c.Name = "sitrep"
	}
}

// Queue is a connection to the work queue's stream. It is safe for
// concurrent use. The caller owns it and must Close it.
type Queue struct {
	cfg    Config
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
}

// Open connects to NATS and creates the stream, or updates its settings to
// cfg's.
func Open(ctx context.Context, cfg Config) (*Queue, error) {
	cfg.defaults()
	nc, err := nats.Connect(cfg.URL, nats.Name(cfg.Name), nats.Timeout(5*time.Second),
		nats.MaxReconnects(-1), nats.ReconnectWait(time.Second))
	if err != nil {
		return nil, fmt.Errorf("queue: connect %s: %w", cfg.URL, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: %w", err)
	}
	stream, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        cfg.Stream,
		Description: "sitrep documents waiting for a worker",
		Subjects:    []string{cfg.Subject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  cfg.Duplicates,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: stream %s: %w", cfg.Stream, err)
	}
	return &Queue{cfg: cfg, nc: nc, js: js, stream: stream}, nil
}

// Config returns the queue's configuration with defaults filled in.
func (q *Queue) Config() Config { return q.cfg }

// Close drains nothing: it closes the connection at once. Messages fetched
// and not acknowledged are delivered again after AckWait.
func (q *Queue) Close() { q.nc.Close() }

// Delete removes the stream with its messages and consumer. Tests use it
// to clean up.
func (q *Queue) Delete(ctx context.Context) error {
	if err := q.js.DeleteStream(ctx, q.cfg.Stream); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
		return fmt.Errorf("queue: delete stream %s: %w", q.cfg.Stream, err)
	}
	return nil
}

// Messages returns the number of messages in the stream: documents not
// yet acknowledged, including those being worked on and those whose
// deliveries are exhausted.
func (q *Queue) Messages(ctx context.Context) (uint64, error) {
	info, err := q.stream.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("queue: stream info: %w", err)
	}
	return info.State.Msgs, nil
}

// MaxMessageBytes is the largest message body the server accepts, less
// room for headers.
func (q *Queue) MaxMessageBytes() int { return int(q.nc.MaxPayload()) - headerRoom }

// Published says what Publish did with one document.
type Published struct {
	// Bytes is the size of the message body; Compressed says whether it
	// is gzipped.
	Bytes      int
	Compressed bool
	// Duplicate is true when JetStream had the same document within its
	// duplicate window and dropped this copy.
	Duplicate bool
}

// Publish enqueues doc and waits for JetStream to store it. It returns an
// error wrapping ErrTooLarge, and publishes nothing, when doc does not fit
// in a message.
func (q *Queue) Publish(ctx context.Context, doc model.Document) (Published, error) {
	body, compressed, id, err := encode(doc)
	if err != nil {
		return Published{}, fmt.Errorf("queue: publish %s: %w", doc.Path, err)
	}
	if max := q.MaxMessageBytes(); len(body) > max {
		return Published{}, fmt.Errorf("queue: publish %s: %w: %d bytes after compression, limit %d (raise the server's max_payload)",
			doc.Path, ErrTooLarge, len(body), max)
	}
	msg := nats.NewMsg(q.cfg.Subject)
	msg.Data = body
	if compressed {
		msg.Header.Set(encodingHeader, "gzip")
	}
	ack, err := q.js.PublishMsg(ctx, msg, jetstream.WithMsgID(id), jetstream.WithExpectStream(q.cfg.Stream))
	if err != nil {
		return Published{}, fmt.Errorf("queue: publish %s: %w", doc.Path, err)
	}
	return Published{Bytes: len(body), Compressed: compressed, Duplicate: ack.Duplicate}, nil
}

// encode returns doc's message body, whether it is compressed, and its
// message ID (hex SHA-256 of the JSON).
func encode(doc model.Document) (body []byte, compressed bool, id string, err error) {
	js, err := json.Marshal(doc)
	if err != nil {
		return nil, false, "", err
	}
	sum := sha256.Sum256(js)
	id = hex.EncodeToString(sum[:])
	if len(js) <= compressAbove {
		return js, false, id, nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	zw.Write(js)
	if err := zw.Close(); err != nil {
		return nil, false, "", err
	}
	return buf.Bytes(), true, id, nil
}

// maxDecoded bounds a decompressed message body, against gzip bombs.
const maxDecoded = 64 << 20

// decode is the inverse of encode.
func decode(body []byte, encoding string) (model.Document, error) {
	var doc model.Document
	switch encoding {
	case "":
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return doc, fmt.Errorf("gzip: %w", err)
		}
		body, err = io.ReadAll(io.LimitReader(zr, maxDecoded+1))
		if err != nil {
			return doc, fmt.Errorf("gzip: %w", err)
		}
		if len(body) > maxDecoded {
			return doc, fmt.Errorf("gzip: body larger than %d bytes", maxDecoded)
		}
	default:
		return doc, fmt.Errorf("unknown %s %q", encodingHeader, encoding)
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return doc, fmt.Errorf("not a document: %w", err)
	}
	return doc, nil
}
