package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

func tempPath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "sitrep.db")
}

func mustOpen(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Opener {
		path := tempPath(t)
		return func() (store.Store, error) {
			s, err := Open(path)
			if err != nil {
				return nil, err
			}
			return checked{s, t}, nil
		}
	})
}

// checked runs IntegrityCheck before closing, so that every store the
// conformance suite uses is verified once the suite is done with it.
type checked struct {
	*Store
	t *testing.T
}

func (c checked) Close() error {
	if err := c.IntegrityCheck(context.Background()); err != nil {
		c.t.Errorf("IntegrityCheck: %v", err)
	}
	return c.Store.Close()
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+escapePath(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrationsIdempotent(t *testing.T) {
	path := tempPath(t)
	ctx := context.Background()
	a := storetest.NewArticle("Border", "Troops withdrew from the border town.")

	s := mustOpen(t, path)
	if _, err := s.PutArticles(ctx, []*model.Article{a}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		s := mustOpen(t, path)
		if got := userVersion(t, path); got != len(migrations) {
			t.Errorf("user_version = %d, want %d", got, len(migrations))
		}
		if ids, err := s.ArticleIDs(ctx); err != nil || !slices.Equal(ids, []string{a.ID}) {
			t.Errorf("ArticleIDs after reopen = %v, %v", ids, err)
		}
		if err := s.IntegrityCheck(ctx); err != nil {
			t.Error(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestConcurrentOpenMigratesOnce(t *testing.T) {
	path := tempPath(t)
	var wg sync.WaitGroup
	stores := make([]*Store, 6)
	errs := make([]error, len(stores))
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(path) })
	}
	wg.Wait()
	for i, s := range stores {
		if errs[i] != nil {
			t.Errorf("Open %d: %v", i, errs[i])
			continue
		}
		defer s.Close()
	}
	if got := userVersion(t, path); got != len(migrations) {
		t.Errorf("user_version = %d, want %d", got, len(migrations))
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := tempPath(t)
	s := mustOpen(t, path)
	if _, err := s.write.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(path); err == nil {
		s.Close()
		t.Fatal("Open of a file from a newer program succeeded")
	} else if !strings.Contains(err.Error(), "newer") {
		t.Errorf("Open: %v, want a schema version error", err)
	}
}

func TestOpenRefusesNonFiles(t *testing.T) {
	for _, p := range []string{"", ":memory:", "file:x.db?mode=memory"} {
		if s, err := Open(p); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", p)
		}
	}
}

func TestOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a?b#c%20d.db")
	s := mustOpen(t, path)
	s.Close()
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.db")); len(m) != 1 || m[0] != path {
		t.Errorf("files = %v, want %s", m, path)
	}
}

// TestTwoHandles has two Stores on one file, as two processes would, write
// the same articles at once.
func TestTwoHandles(t *testing.T) {
	path := tempPath(t)
	ctx := context.Background()
	s1, s2 := mustOpen(t, path), mustOpen(t, path)
	defer s1.Close()
	defer s2.Close()
	var arts []*model.Article
	for i := range 30 {
		arts = append(arts, storetest.NewArticle("", fmt.Sprintf("Item %d of the shared feed.", i)))
	}
	var wg sync.WaitGroup
	created := make([]int, 2)
	for i, s := range []*Store{s1, s2} {
		wg.Go(func() {
			for j := 0; j < len(arts); j += 3 {
				res, err := s.PutArticles(ctx, arts[j:j+3])
				if err != nil {
					t.Errorf("handle %d: %v", i, err)
					return
				}
				for _, r := range res {
					if r.Created {
						created[i]++
					}
				}
			}
		})
	}
	wg.Wait()
	if created[0]+created[1] != len(arts) {
		t.Errorf("created %v, want %d in total", created, len(arts))
	}
	if err := s1.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestCorruptTokensReported(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	defer s.Close()
	ctx := context.Background()
	a := storetest.NewArticle("T", "Some words here.")
	if _, err := s.PutArticles(ctx, []*model.Article{a}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.Exec(`UPDATE articles SET tokens = x'01ff' WHERE id = ?`, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Article(ctx, a.ID); !errors.Is(err, errTokenBlob) {
		t.Errorf("Article with corrupt tokens: %v, want errTokenBlob", err)
	}
}

func TestFTSQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{"embassy", `"embassy"`},
		{"Embassy staff", `"Embassy" "staff"`},
		{`say "hi"`, `"say" """hi"""`},
		{`"`, ``},
		{`AND OR NOT`, `"AND" "OR" "NOT"`},
		{`title:x`, `"title:x"`},
		{`NEAR(`, `"NEAR("`},
		{`a* - +`, `"a*"`},
		{`'; DROP TABLE articles;--`, `"DROP" "TABLE" "articles;--"`},
		{"a\x00b", `"a b"`},
		{"\xffx", `"x"`},
	} {
		if got := ftsQuery(c.in); got != c.want {
			t.Errorf("ftsQuery(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

// BenchmarkPutArticles stores new articles of about 1,800 bytes and 330
// tokens each, 64 to a batch, in a file in a temporary directory.
func BenchmarkPutArticles(b *testing.B) {
	const batch = 64
	s := mustOpen(b, tempPath(b))
	defer s.Close()
	ctx := context.Background()

	words := strings.Fields(`the minister said on Tuesday that talks with rebel leaders
		would resume in the capital next week after a ceasefire brokered by regional mediators
		collapsed amid reports of shelling near the northern border where thousands of civilians
		have fled their homes since fighting began in March according to the United Nations`)
	var text strings.Builder
	for p := range 6 {
		if p > 0 {
			text.WriteString("\n\n")
		}
		for i := range 50 {
			if i > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(words[(p*50+i)%len(words)])
			if i%12 == 11 {
				text.WriteByte('.')
			}
		}
		text.WriteByte('.')
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

func TestConnectionSettings(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	defer s.Close()
	for _, c := range []struct {
		pool         string
		db           *sql.DB
		pragma, want string
	}{
		{"write", s.write, "journal_mode", "wal"},
		{"write", s.write, "foreign_keys", "1"},
		{"write", s.write, "synchronous", "1"},
		{"write", s.write, "busy_timeout", fmt.Sprint(busyTimeoutMillis)},
		{"write", s.write, "query_only", "0"},
		{"read", s.read, "journal_mode", "wal"},
		{"read", s.read, "foreign_keys", "1"},
		{"read", s.read, "synchronous", "1"},
		{"read", s.read, "busy_timeout", fmt.Sprint(busyTimeoutMillis)},
		{"read", s.read, "query_only", "1"},
	} {
		var got string
		if err := c.db.QueryRow("PRAGMA " + c.pragma).Scan(&got); err != nil {
			t.Fatalf("%s: PRAGMA %s: %v", c.pool, c.pragma, err)
		}
		if got != c.want {
			t.Errorf("%s pool: %s = %s, want %s", c.pool, c.pragma, got, c.want)
		}
	}
	if _, err := s.read.Exec("DELETE FROM articles"); err == nil {
		t.Error("read pool accepted a write")
	}
}

// TestIntegrityCheckAfterSearch is the regression test for a false
// "fts5: corruption found reading blob ..." from IntegrityCheck: a read
// connection that has run a full-text query keeps FTS5's index structure
// cached, and PRAGMA integrity_check used that cache without checking it
// against writes committed since, so once later writes had merged away
// segments it named, the check reported them missing. Reads are sequential
// here, so the read pool has one connection, and the check runs on the one
// that searched.
func TestIntegrityCheckAfterSearch(t *testing.T) {
	s := mustOpen(t, tempPath(t))
	defer s.Close()
	ctx := context.Background()
	const n = 60
	for i := range n {
		// One article per call: each commit adds an FTS5 segment, and
		// FTS5 merges segments as they accumulate.
		a := storetest.NewArticle(fmt.Sprintf("Bulletin %d", i), fmt.Sprintf("Bulletin %d: the ferry service resumed after the storm, officials said.", i))
		if _, err := s.PutArticles(ctx, []*model.Article{a}); err != nil {
			t.Fatal(err)
		}
		if i%7 == 0 {
			if hits, err := s.Search(ctx, "ferry storm", n); err != nil || len(hits) != i+1 {
				t.Fatalf("after %d articles: Search = %d hits, %v", i+1, len(hits), err)
			}
		}
		if err := s.IntegrityCheck(ctx); err != nil {
			t.Fatalf("after %d articles: %v", i+1, err)
		}
	}
}

// TestOpenAcrossProcesses opens one new file from several processes at
// once, round after round: every Open must succeed (a process switching
// the file to WAL holds a lock others do not wait for under busy_timeout).
func TestOpenAcrossProcesses(t *testing.T) {
	if path := os.Getenv("SITREP_SQLITE_OPEN_HELPER"); path != "" {
		s, err := Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		s.Close()
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	for round := range 8 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("open%d.db", round))
		var cmds []*exec.Cmd
		var outs []*strings.Builder
		for range 4 {
			cmd := exec.Command(os.Args[0], "-test.run=^TestOpenAcrossProcesses$")
			cmd.Env = append(os.Environ(), "SITREP_SQLITE_OPEN_HELPER="+path)
			var out strings.Builder
			cmd.Stderr = &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds, outs = append(cmds, cmd), append(outs, &out)
		}
		for i, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				t.Errorf("round %d: process %d: %v: %s", round, i, err, outs[i].String())
			}
		}
	}
}
