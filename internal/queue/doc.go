// Package queue is sitrep's work queue for the scale-out path: documents
// travel from `sitrep enqueue` to any number of `sitrep worker` processes
// through a NATS JetStream stream, and the workers store what they make of
// them in a shared store.Store (PostgreSQL at scale).
//
// # Stream and consumer
//
// Open connects and creates (or updates) a stream with WorkQueue
// retention on one subject: a message leaves the stream once a worker
// acknowledges it. All workers share one durable pull consumer
// (Queue.Consumer), so JetStream hands each message to one worker at a
// time; a message not acknowledged within AckWait (the worker died or
// stalled) is delivered again, up to MaxDeliver times. Names, AckWait,
// MaxDeliver and the duplicate window are in Config; tests use unique names
// and Queue.Delete.
//
// # Messages
//
// A message is one model.Document as JSON, gzip-compressed (header
// Sitrep-Encoding: gzip) when the JSON exceeds 32 KiB: HTML pages compress
// tenfold, so most pages above NATS's default 1 MB payload limit still
// fit. A document that does not fit even compressed is refused by Publish
// with ErrTooLarge; the caller reports it as a rejection of that input
// (it is not split or referenced by path, which would need a file system
// shared by every worker). Each message carries a Nats-Msg-Id header, the
// SHA-256 of its JSON, so JetStream drops a document enqueued twice within
// Config.Duplicates; later copies are caught by the store, which is keyed
// by content hash.
//
// # Delivery and acknowledgement
//
// Delivery is at least once. Work (see Work) processes a fetched batch,
// stores the articles with one PutArticles call and acknowledges the
// messages only after the store commit, with one round trip per batch (the
// acknowledgements, then a flush that returns once the server has read
// them). A worker killed between commit and
// acknowledgement leaves messages that are delivered again; storing them
// again is a no-op because storage is idempotent by content hash, so every
// article is stored exactly once. Rejected documents (bad input) are
// acknowledged at once: a rejection is final. A message that cannot be
// decoded is terminated at once; one whose article the store refuses is
// retried with a growing delay and terminated, with a diagnostic, on its
// last delivery, so a poison message never blocks the queue. A store that
// is down (a trivial query fails too) is another matter: the worker holds
// its batch, extends the messages' AckWait (InProgress) and retries with a
// growing pause, so an outage costs no deliveries and terminates nothing.
package queue
