package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// testURL returns the test NATS server's URL: $SITREP_NATS_URL or
// nats://127.0.0.1:4222. It skips the test when the server cannot be
// reached, unless SITREP_REQUIRE_SERVICES=1 (set by CI).
func testURL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("SITREP_NATS_URL")
	if url == "" {
		url = "nats://127.0.0.1:4222"
	}
	nc, err := nats.Connect(url, nats.Timeout(3*time.Second))
	if err != nil {
		if os.Getenv("SITREP_REQUIRE_SERVICES") == "1" {
			t.Fatalf("NATS unreachable at %s and SITREP_REQUIRE_SERVICES=1: %v", url, err)
		}
		t.Skipf("NATS unreachable at %s (start it with .ci/run, or set SITREP_NATS_URL): %v", url, err)
	}
	nc.Close()
	return url
}

// testQueue opens a queue with unique names and deletes its stream when t
// ends.
func testQueue(t testing.TB, cfg Config) *Queue {
	t.Helper()
	cfg.URL = testURL(t)
	b := make([]byte, 6)
	rand.Read(b)
	id := hex.EncodeToString(b)
	cfg.Stream = "SITREP_TEST_" + id
	cfg.Subject = "sitrep.test." + id
	cfg.Consumer = "workers"
	q, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := q.Delete(context.Background()); err != nil {
			t.Errorf("Delete: %v", err)
		}
		q.Close()
	})
	return q
}

func doc(path, text string) model.Document {
	return model.Document{Path: path, Format: "txt", Container: "txt", Raw: text,
		Meta: model.Meta{Outlet: "Test Wire"}, MetaSource: "manifest"}
}

func TestPublishFetchAck(t *testing.T) {
	q := testQueue(t, Config{})
	ctx := context.Background()
	docs := []model.Document{
		doc("a.txt", "Envoys met in the capital on Monday."),
		doc("b.txt", "Rain fell on the border crossing. Trucks waited."),
		{Path: "feed.jsonl", Line: 3, Format: "html", Container: "jsonl", Raw: "<p>Odd “quotes” and ünïcode</p>",
			Diagnostics: []model.Diagnostic{{Severity: model.Warning, Stage: "ingest", Code: "repaired", Span: &model.Span{Start: 1, End: 2}}}},
	}
	for _, d := range docs {
		if p, err := q.Publish(ctx, d); err != nil || p.Duplicate || p.Compressed {
			t.Fatalf("Publish(%s) = %+v, %v", d.Path, p, err)
		}
	}
	// The same document again is dropped by JetStream's duplicate window.
	if p, err := q.Publish(ctx, docs[0]); err != nil || !p.Duplicate {
		t.Errorf("second Publish of a.txt = %+v, %v; want a duplicate", p, err)
	}
	if n, err := q.Messages(ctx); err != nil || n != 3 {
		t.Errorf("Messages = %d, %v; want 3", n, err)
	}
	c, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(ctx, 10, 2*time.Second)
	if err != nil || len(msgs) != 3 {
		t.Fatalf("Fetch = %d messages, %v; want 3", len(msgs), err)
	}
	for i, m := range msgs {
		if m.Err != nil || m.Delivered != 1 || m.Last {
			t.Errorf("message %d: err %v, delivered %d, last %v", i, m.Err, m.Delivered, m.Last)
		}
		if m.Doc.Path != docs[i].Path || m.Doc.Raw != docs[i].Raw || m.Doc.Line != docs[i].Line || m.Doc.Meta != docs[i].Meta {
			t.Errorf("message %d = %+v, want %+v", i, m.Doc, docs[i])
		}
		if err := m.Ack(ctx); err != nil {
			t.Errorf("Ack: %v", err)
		}
	}
	if got := msgs[2].Doc.Diagnostics; len(got) != 1 || got[0].Span == nil || *got[0].Span != *docs[2].Diagnostics[0].Span {
		t.Errorf("diagnostics = %+v", got)
	}
	if msgs[2].Describe() != "feed.jsonl:3" {
		t.Errorf("Describe = %q", msgs[2].Describe())
	}
	// Acknowledged messages leave a work-queue stream.
	if n, err := q.Messages(ctx); err != nil || n != 0 {
		t.Errorf("Messages after acks = %d, %v; want 0", n, err)
	}
	if ok, err := c.Drained(ctx); err != nil || !ok {
		t.Errorf("Drained = %v, %v", ok, err)
	}
}

func TestLargeDocuments(t *testing.T) {
	q := testQueue(t, Config{})
	ctx := context.Background()
	// Repetitive HTML far above the 1 MB payload limit compresses below it.
	page := "<html><body>" + strings.Repeat("<div class=\"nav\"><a href=\"/world\">World</a></div>\n", 40000) + "</body></html>"
	p, err := q.Publish(ctx, model.Document{Path: "big.html", Format: "html", Container: "html", Raw: page})
	if err != nil || !p.Compressed || p.Bytes >= len(page)/10 {
		t.Fatalf("Publish of a %d-byte page = %+v, %v; want compressed", len(page), p, err)
	}
	c, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(ctx, 1, 2*time.Second)
	if err != nil || len(msgs) != 1 || msgs[0].Err != nil || msgs[0].Doc.Raw != page {
		t.Fatalf("Fetch of the compressed page: %d messages, %v", len(msgs), err)
	}
	msgs[0].Ack(ctx)

	// Incompressible text above the limit is refused.
	noise := make([]byte, q.MaxMessageBytes()*2)
	rand.Read(noise)
	_, err = q.Publish(ctx, model.Document{Path: "noise.txt", Raw: hex.EncodeToString(noise)})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "noise.txt") {
		t.Errorf("Publish of incompressible %d bytes: %v, want ErrTooLarge naming the file", 2*len(noise), err)
	}
}

func TestRedelivery(t *testing.T) {
	q := testQueue(t, Config{AckWait: time.Second, MaxDeliver: 2})
	ctx := context.Background()
	if _, err := q.Publish(ctx, doc("a.txt", "A document a worker drops.")); err != nil {
		t.Fatal(err)
	}
	c, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(ctx, 5, 2*time.Second)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("first Fetch: %d, %v", len(msgs), err)
	}
	if ok, _ := c.Drained(ctx); ok {
		t.Error("Drained while a message is unacknowledged")
	}
	// Not acknowledged: delivered again after AckWait, for the last time.
	msgs, err = c.Fetch(ctx, 5, 3*time.Second)
	if err != nil || len(msgs) != 1 || msgs[0].Delivered != 2 || !msgs[0].Last {
		t.Fatalf("second Fetch: %d messages, %v; want one on its last delivery", len(msgs), err)
	}
	if err := msgs[0].Ack(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Drained(ctx); !ok || err != nil {
		t.Errorf("Drained after ack = %v, %v", ok, err)
	}
}

// memStore keeps articles in memory, idempotent by content hash. It
// implements the store methods Work uses; the others are left to the nil
// embedded interface and panic if called.
type memStore struct {
	store.Store
	mu     sync.Mutex
	ids    []string
	hashes map[string]string
}

func newMemStore() *memStore { return &memStore{hashes: map[string]string{}} }

func (m *memStore) PutArticles(ctx context.Context, arts []*model.Article) ([]store.PutResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	res := make([]store.PutResult, len(arts))
	for i, a := range arts {
		if id, ok := m.hashes[a.ContentHash]; ok {
			res[i] = store.PutResult{ID: id}
			continue
		}
		m.hashes[a.ContentHash] = a.ID
		m.ids = append(m.ids, a.ID)
		res[i] = store.PutResult{ID: a.ID, Created: true}
	}
	return res, nil
}

func (m *memStore) HasContent(_ context.Context, hash string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.hashes[hash]
	return ok, nil
}

func (m *memStore) ArticleIDs(context.Context) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.ids...), nil
}

// flaky is a store that refuses every batch holding an article whose text
// contains "POISON", as a store refuses a value it cannot hold.
type flaky struct {
	store.Store
	mu       sync.Mutex
	refusals int
}

func (f *flaky) PutArticles(ctx context.Context, arts []*model.Article) ([]store.PutResult, error) {
	for _, a := range arts {
		if strings.Contains(a.Text, "POISON") {
			f.mu.Lock()
			f.refusals++
			f.mu.Unlock()
			return nil, fmt.Errorf("refused article %s", a.ID)
		}
	}
	return f.Store.PutArticles(ctx, arts)
}

// process is a simple stand-in for the pipeline: the document's text as
// one paragraph, rejected when empty, panicking on "PANIC".
func process(d model.Document) (*model.Article, *model.Diagnostic) {
	if strings.TrimSpace(d.Raw) == "" {
		return nil, &model.Diagnostic{Severity: model.Error, Stage: "extract", Code: "empty", Message: "no text", File: d.Path}
	}
	if strings.Contains(d.Raw, "PANIC") {
		panic("stage bug")
	}
	a := storetest.NewArticle("", d.Raw)
	a.SourcePath = d.Path
	return a, nil
}

func TestWork(t *testing.T) {
	q := testQueue(t, Config{AckWait: 2 * time.Second, MaxDeliver: 2})
	ctx := context.Background()
	sq := newMemStore()
	st := &flaky{Store: sq}

	const good = 40
	for i := range good {
		if _, err := q.Publish(ctx, doc(fmt.Sprintf("d%02d.txt", i), fmt.Sprintf("Report %d: talks in city %d resumed.", i, i*7))); err != nil {
			t.Fatal(err)
		}
	}
	// A copy under another name: a new message, a duplicate article.
	q.Publish(ctx, doc("copy.txt", "Report 3: talks in city 21 resumed."))
	q.Publish(ctx, doc("empty.txt", "  "))
	q.Publish(ctx, doc("bug.txt", "This one makes a stage PANIC."))
	q.Publish(ctx, doc("poison.txt", "The store refuses this POISON article."))
	// A message that is not a document at all.
	nc, err := nats.Connect(q.Config().URL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if _, err := q.js.Publish(ctx, q.Config().Subject, []byte("{not json")); err != nil {
		t.Fatal(err)
	}

	c, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var logMu sync.Mutex
	var logs []string
	stats, err := Work(ctx, c, st, process, WorkOptions{Batch: 8, Workers: 2, FetchWait: 200 * time.Millisecond, ExitWhenEmpty: true,
		Logf: func(f string, args ...any) {
			logMu.Lock()
			logs = append(logs, fmt.Sprintf(f, args...))
			logMu.Unlock()
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", stats)
	if stats.Stored != good || stats.Duplicate != 1 || stats.Rejected != 2 || stats.Terminated != 2 {
		t.Errorf("stats %+v: want %d stored, 1 duplicate, 2 rejected (empty, panic), 2 terminated (undecodable, poison)", stats, good)
	}
	// The poison article was tried on both its deliveries.
	if st.refusals < 2 || stats.Retried != 1 || stats.Redelivered != 1 {
		t.Errorf("poison refused %d times, retried %d, redelivered %d; want ≥ 2, 1, 1", st.refusals, stats.Retried, stats.Redelivered)
	}
	ids, err := sq.ArticleIDs(ctx)
	if err != nil || len(ids) != good {
		t.Errorf("stored %d articles (%v), want %d", len(ids), err, good)
	}
	if n, err := q.Messages(ctx); err != nil || n != 0 {
		t.Errorf("%d messages left in the stream (%v), want 0", n, err)
	}
	joined := strings.Join(logs, "\n")
	for _, want := range []string{"undecodable", "poison.txt: store failed on delivery 2, the last; terminated", "BUG: processing failed", "empty.txt"} {
		if !strings.Contains(joined, want) {
			t.Errorf("logs lack %q:\n%s", want, joined)
		}
	}
}

// down is a store that is unavailable (every call fails) until up is
// set.
type down struct {
	*memStore
	up atomic.Bool
}

func (d *down) PutArticles(ctx context.Context, arts []*model.Article) ([]store.PutResult, error) {
	if !d.up.Load() {
		return nil, errors.New("connection refused")
	}
	return d.memStore.PutArticles(ctx, arts)
}

func (d *down) HasContent(ctx context.Context, hash string) (bool, error) {
	if !d.up.Load() {
		return false, errors.New("connection refused")
	}
	return false, nil
}

// TestWorkStoreOutage checks that a store outage longer than AckWait costs
// no delivery: the worker holds its batch, extends AckWait and stores it
// once the store is back.
func TestWorkStoreOutage(t *testing.T) {
	q := testQueue(t, Config{AckWait: 2 * time.Second, MaxDeliver: 2})
	ctx := context.Background()
	for i := range 10 {
		if _, err := q.Publish(ctx, doc(fmt.Sprintf("o%d.txt", i), fmt.Sprintf("Outage report %d from the coast.", i))); err != nil {
			t.Fatal(err)
		}
	}
	st := &down{memStore: newMemStore()}
	time.AfterFunc(4500*time.Millisecond, func() { st.up.Store(true) })
	c, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := Work(ctx, c, st, process, WorkOptions{Batch: 10, Workers: 1, FetchWait: 200 * time.Millisecond, ExitWhenEmpty: true})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Stored != 10 || stats.Redelivered != 0 || stats.Retried != 0 || stats.Terminated != 0 {
		t.Errorf("after an outage: %s; want 10 stored, nothing delivered twice, retried or terminated", stats)
	}
}

func TestWorkStopsOnCancel(t *testing.T) {
	q := testQueue(t, Config{})
	sq := newMemStore()
	c, err := q.Consumer(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := Work(ctx, c, sq, process, WorkOptions{Workers: 2, FetchWait: 500 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	// A wait for messages is not interrupted: Work stops within FetchWait.
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("Work took %s to stop after its context ended", d)
	}
}

func TestDecodeHostile(t *testing.T) {
	for _, c := range []struct {
		body, enc string
	}{
		{"", ""}, {"null", "gzip"}, {"\x1f\x8b\x08\x00garbage", "gzip"}, {`{"Path": 3}`, ""}, {"{}", "br"},
	} {
		if _, err := decode([]byte(c.body), c.enc); err == nil && c.body != "null" {
			t.Errorf("decode(%q, %q) succeeded", c.body, c.enc)
		}
	}
	d := doc("x.txt", strings.Repeat("é", 40000))
	body, compressed, _, err := encode(d)
	if err != nil || !compressed {
		t.Fatalf("encode: %v, compressed %v", err, compressed)
	}
	if got, err := decode(body, "gzip"); err != nil || got.Raw != d.Raw {
		t.Errorf("round trip: %v", err)
	}
}

// FuzzDecode feeds arbitrary message bodies to decode, which reads what
// the network delivers: it must return an error or a document, never
// panic.
func FuzzDecode(f *testing.F) {
	small, _, _, _ := encode(doc("a.txt", "A short report."))
	big, _, _, _ := encode(doc("b.html", strings.Repeat("<p>Long page.</p>", 4000)))
	f.Add(small, "")
	f.Add(big, "gzip")
	f.Add([]byte("{"), "")
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255}, "gzip")
	f.Fuzz(func(t *testing.T, body []byte, enc string) {
		d, err := decode(body, enc)
		if err == nil && enc == "" {
			again, _, _, err := encode(d)
			if err != nil {
				t.Fatalf("a decoded document does not encode: %v", err)
			}
			if d2, err := decode(again, ""); err != nil || d2.Raw != d.Raw || d2.Path != d.Path {
				t.Fatalf("round trip: %v", err)
			}
		}
	})
}

// TestWorkSlowBatch has a batch outlast AckWait: the worker's progress
// heartbeats keep its messages from being delivered to anyone else (an
// observer fetching beside it meanwhile).
func TestWorkSlowBatch(t *testing.T) {
	q := testQueue(t, Config{AckWait: 1500 * time.Millisecond, MaxDeliver: 3})
	ctx := context.Background()
	for i := range 4 {
		if _, err := q.Publish(ctx, doc(fmt.Sprintf("s%d.txt", i), fmt.Sprintf("Slow report %d.", i))); err != nil {
			t.Fatal(err)
		}
	}
	c, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slow := func(d model.Document) (*model.Article, *model.Diagnostic) {
		time.Sleep(600 * time.Millisecond)
		return process(d)
	}
	var stolen atomic.Int64
	obs, stopObs := context.WithCancel(ctx)
	defer stopObs()
	go func() {
		time.Sleep(300 * time.Millisecond) // the worker has the batch
		for obs.Err() == nil {
			msgs, _ := c.Fetch(obs, 10, 100*time.Millisecond)
			stolen.Add(int64(len(msgs)))
		}
	}()
	st := newMemStore()
	stats, err := Work(ctx, c, st, slow, WorkOptions{Batch: 4, Workers: 1, FetchWait: 200 * time.Millisecond, ExitWhenEmpty: true})
	stopObs()
	if err != nil {
		t.Fatal(err)
	}
	if stats.Stored != 4 || stolen.Load() != 0 {
		t.Errorf("a batch longer than AckWait: %s, %d messages delivered to another consumer; want 4 stored, none elsewhere", stats, stolen.Load())
	}
}
