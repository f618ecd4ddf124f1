package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// testDSN returns the test database's DSN: $SITREP_POSTGRES_DSN, or the
// database "test" on 127.0.0.1:5432 as $PGUSER (default "postgres"). It
// skips the test when the server cannot be reached, unless
// SITREP_REQUIRE_SERVICES=1 (set by CI), which makes that a failure.
func testDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SITREP_POSTGRES_DSN")
	if dsn == "" {
		user := os.Getenv("PGUSER")
		if user == "" {
			user = "postgres"
		}
		dsn = "postgres://" + user + "@127.0.0.1:5432/test?sslmode=disable&connect_timeout=3"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		if os.Getenv("SITREP_REQUIRE_SERVICES") == "1" {
			t.Fatalf("PostgreSQL unreachable at %s and SITREP_REQUIRE_SERVICES=1: %v", dsn, err)
		}
		t.Skipf("PostgreSQL unreachable at %s (start it with .ci/run, or set SITREP_POSTGRES_DSN): %v", dsn, err)
	}
	conn.Close(ctx)
	return dsn
}

// testSchema returns a fresh schema name and drops the schema when t ends.
func testSchema(t testing.TB, dsn string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	name := "sitrep_test_" + hex.EncodeToString(b)
	t.Cleanup(func() {
		if err := DropSchema(context.Background(), dsn, name); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	return name
}

func mustOpen(t testing.TB, dsn, schema string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn, WithSchema(schema))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestConformance(t *testing.T) {
	dsn := testDSN(t)
	storetest.Run(t, func(t *testing.T) storetest.Opener {
		schema := testSchema(t, dsn)
		return func() (store.Store, error) {
			return Open(context.Background(), dsn, WithSchema(schema), WithMaxConns(2))
		}
	})
}

func schemaVersion(t *testing.T, s *Store) int {
	t.Helper()
	var v int
	if err := s.pool.QueryRow(context.Background(), `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrationsIdempotent(t *testing.T) {
	dsn := testDSN(t)
	schema := testSchema(t, dsn)
	ctx := context.Background()
	a := storetest.NewArticle("Border", "Troops withdrew from the border town.")
	s := mustOpen(t, dsn, schema)
	if _, err := s.PutArticles(ctx, []*model.Article{a}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for range 2 {
		s := mustOpen(t, dsn, schema)
		if got := schemaVersion(t, s); got != len(migrations) {
			t.Errorf("schema version = %d, want %d", got, len(migrations))
		}
		var n int
		if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(migrations) {
			t.Errorf("schema_migrations has %d rows (%v), want %d", n, err, len(migrations))
		}
		if ids, err := s.ArticleIDs(ctx); err != nil || !slices.Equal(ids, []string{a.ID}) {
			t.Errorf("ArticleIDs after reopen = %v, %v", ids, err)
		}
		s.Close()
	}
}

// TestConcurrentOpenMigratesOnce opens one new schema from several
// goroutines at once, as workers starting together would.
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	dsn := testDSN(t)
	schema := testSchema(t, dsn)
	var wg sync.WaitGroup
	stores := make([]*Store, 6)
	errs := make([]error, len(stores))
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(context.Background(), dsn, WithSchema(schema), WithMaxConns(2)) })
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Errorf("Open %d: %v", i, errs[i])
			continue
		}
		defer s.Close()
	}
	if t.Failed() {
		return
	}
	var n int
	if err := stores[0].pool.QueryRow(context.Background(), `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(migrations) {
		t.Errorf("schema_migrations has %d rows (%v), want %d", n, err, len(migrations))
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dsn := testDSN(t)
	schema := testSchema(t, dsn)
	s := mustOpen(t, dsn, schema)
	if _, err := s.pool.Exec(context.Background(), `INSERT INTO schema_migrations (version) VALUES ($1)`, len(migrations)+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(context.Background(), dsn, WithSchema(schema)); err == nil {
		s.Close()
		t.Fatal("Open of a schema from a newer program succeeded")
	} else if !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open: %v, want a schema version error", err)
	}
}

func TestOddSchemaNames(t *testing.T) {
	dsn := testDSN(t)
	for _, name := range []string{`Odd "Schema"; DROP`, "ünïcode-schéma"} {
		t.Run(name, func(t *testing.T) {
			t.Cleanup(func() { DropSchema(context.Background(), dsn, name) })
			s := mustOpen(t, dsn, name)
			defer s.Close()
			a := storetest.NewArticle("Odd", "A schema name with quotes and spaces.")
			if _, err := s.PutArticles(context.Background(), []*model.Article{a}); err != nil {
				t.Fatal(err)
			}
			if ok, err := s.HasContent(context.Background(), a.ContentHash); !ok || err != nil {
				t.Errorf("HasContent = %v, %v", ok, err)
			}
		})
	}
	for _, name := range []string{"", strings.Repeat("x", 64)} {
		if s, err := Open(context.Background(), dsn, WithSchema(name)); err == nil {
			s.Close()
			t.Errorf("Open with schema %q succeeded", name)
		}
	}
}

func TestExistingOnly(t *testing.T) {
	dsn := testDSN(t)
	schema := testSchema(t, dsn)
	if s, err := Open(context.Background(), dsn, WithSchema(schema), ExistingOnly()); !errors.Is(err, ErrNoStore) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("Open(ExistingOnly) of a missing schema: %v, want ErrNoStore", err)
	}
	mustOpen(t, dsn, schema).Close()
	s, err := Open(context.Background(), dsn, WithSchema(schema), ExistingOnly())
	if err != nil {
		t.Fatalf("Open(ExistingOnly) of a store: %v", err)
	}
	s.Close()
}

func TestUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	// Port 1 on the loopback refuses connections at once.
	if s, err := Open(ctx, "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"); err == nil {
		s.Close()
		t.Fatal("Open of an unreachable server succeeded")
	}
	if _, err := Open(ctx, "postgres://%zz"); err == nil {
		t.Fatal("Open of a malformed DSN succeeded")
	}
}

// TestNULRejected checks that a value PostgreSQL cannot hold fails the
// batch with an error (the worker then isolates the article) and leaves
// the store usable.
func TestNULRejected(t *testing.T) {
	dsn := testDSN(t)
	s := mustOpen(t, dsn, testSchema(t, dsn))
	defer s.Close()
	ctx := context.Background()
	good := storetest.NewArticle("Good", "A plain article.")
	bad := storetest.NewArticle("Bad", "A text with a NUL \x00 inside.")
	if _, err := s.PutArticles(ctx, []*model.Article{good, bad}); err == nil {
		t.Fatal("PutArticles with a NUL character succeeded")
	}
	if res, err := s.PutArticles(ctx, []*model.Article{good}); err != nil || !res[0].Created {
		t.Fatalf("PutArticles after a failed batch = %+v, %v", res, err)
	}
}

func TestCodecRoundTrip(t *testing.T) {
	a := storetest.NewArticle("T", "Üñíçødé words, here.\n\nA second paragraph!")
	a.Paragraphs[1].Raw = model.NoSpan
	a.Paragraphs[1].Kind = model.KindCaption
	a.Tokens = append(a.Tokens, model.Token{Span: model.NoSpan}, model.Token{Span: model.Span{Start: 3, End: 1}, SpaceAfter: true})
	toks, err := decodeTokens(encodeTokens(a.Tokens))
	if err != nil || !slices.Equal(toks, a.Tokens) {
		t.Errorf("tokens: %v\n got  %v\n want %v", err, toks, a.Tokens)
	}
	ss, err := decodeSentences(encodeSentences(a.Sentences))
	if err != nil || !slices.Equal(ss, a.Sentences) {
		t.Errorf("sentences: %v\n got  %v\n want %v", err, ss, a.Sentences)
	}
	ps, err := decodeParagraphs(encodeParagraphs(a.Paragraphs))
	if err != nil || !slices.Equal(ps, a.Paragraphs) {
		t.Errorf("paragraphs: %v\n got  %v\n want %v", err, ps, a.Paragraphs)
	}
	if toks, err := decodeTokens(encodeTokens(nil)); err != nil || toks != nil {
		t.Errorf("no tokens: %v, %v", toks, err)
	}
	for _, bad := range [][]byte{nil, {}, {2}, {1}, {1, 0xff}, {1, 5, 0}, {1, 1, 2, 4, 9}, {1, 0, 0}} {
		if _, err := decodeTokens(bad); !errors.Is(err, errCodec) {
			t.Errorf("decodeTokens(%x): %v, want errCodec", bad, err)
		}
		if _, err := decodeParagraphs(bad); !errors.Is(err, errCodec) {
			t.Errorf("decodeParagraphs(%x): %v, want errCodec", bad, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	a := storetest.NewArticle("T", "Some words. More words.\n\nEnd")
	f.Add(encodeTokens(a.Tokens))
	f.Add(encodeSentences(a.Sentences))
	f.Add(encodeParagraphs(a.Paragraphs))
	f.Fuzz(func(t *testing.T, b []byte) {
		// Varints may be written longer than needed, so only the decoded
		// values must survive a second round trip.
		if toks, err := decodeTokens(b); err == nil {
			if again, err := decodeTokens(encodeTokens(toks)); err != nil || !slices.Equal(again, toks) {
				t.Errorf("tokens do not round-trip: %v", err)
			}
		}
		decodeSentences(b)
		decodeParagraphs(b)
	})
}

// BenchmarkPutArticles stores new articles of about 1,800 bytes and 330
// tokens each, 64 to a batch, in a fresh schema.
func BenchmarkPutArticles(b *testing.B) {
	const batch = 64
	dsn := testDSN(b)
	s := mustOpen(b, dsn, testSchema(b, dsn))
	defer s.Close()
	ctx := context.Background()
	var text strings.Builder
	for p := range 6 {
		if p > 0 {
			text.WriteString("\n\n")
		}
		for i := range 5 {
			fmt.Fprintf(&text, "Delegates from province %d met mediators on day %d and agreed to resume talks after the ceasefire collapsed near the border. ", p, i)
		}
	}
	base := storetest.NewArticle("Talks to resume after ceasefire collapse", text.String())
	b.Logf("article: %d bytes, %d paragraphs, %d sentences, %d tokens",
		len(base.Text), len(base.Paragraphs), len(base.Sentences), len(base.Tokens))
	arts := make([]*model.Article, batch)
	copies := make([]model.Article, batch)
	n := 0
	b.ReportAllocs()
	b.SetBytes(int64(batch * len(base.Text)))
	for b.Loop() {
		for i := range arts {
			copies[i] = *base
			copies[i].ContentHash = fmt.Sprintf("%064x", n)
			copies[i].ID = copies[i].ContentHash[48:]
			arts[i] = &copies[i]
			n++
		}
		if _, err := s.PutArticles(ctx, arts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
