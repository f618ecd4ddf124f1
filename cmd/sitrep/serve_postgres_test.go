package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/postgres"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// postgresOrSkip returns the PostgreSQL test database's DSN
// ($SITREP_POSTGRES_DSN or database "test" on 127.0.0.1:5432 as $PGUSER,
// default "postgres"), skipping the test when it is unreachable unless
// SITREP_REQUIRE_SERVICES=1.
func postgresOrSkip(t *testing.T) string {
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
		if requireServices() {
			t.Fatalf("PostgreSQL unreachable at %s and SITREP_REQUIRE_SERVICES=1: %v", dsn, err)
		}
		t.Skipf("PostgreSQL unreachable at %s (start it with .ci/run): %v", dsn, err)
	}
	conn.Close(ctx)
	return dsn
}

// copyStore copies every article, in ingest order, and every story, copy
// link, merged event and the story index from src to dst.
func copyStore(t *testing.T, src, dst store.Store) {
	t.Helper()
	ctx := context.Background()
	ids, err := src.ArticleIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var batch []*model.Article
	for i, id := range ids {
		a, err := src.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, a)
		if len(batch) == 32 || i == len(ids)-1 {
			if _, err := dst.PutArticles(ctx, batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	var u store.StoryUpdate
	if u.Stories, err = src.Stories(ctx); err != nil {
		t.Fatal(err)
	}
	if u.Links, err = src.DuplicateLinks(ctx); err != nil {
		t.Fatal(err)
	}
	if u.Merged, err = src.MergedEvents(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if u.Index, err = src.StoryIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if err := dst.PutStories(ctx, u); err != nil {
		t.Fatal(err)
	}
}

// TestServePostgres serves one store from SQLite ('sitrep demo') and a
// copy of it, stored with PutArticles and PutStories, from PostgreSQL
// ('sitrep serve --postgres DSN --schema S'): every page of the
// PostgreSQL server must answer, and the stories page, the story pages
// and the JSON API must answer exactly as the SQLite server does. A schema
// without a store is refused.
func TestServePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and starts servers")
	}
	dsn := postgresOrSkip(t)
	bin := buildBinary(t)
	dir := t.TempDir()
	if out, errOut, code := runBin(t, bin, "demo", "--keep", dir); code != 0 {
		t.Fatalf("demo: exit %d: %s\n%s", code, errOut, out)
	}
	db := filepath.Join(dir, "sitrep.db")

	b := make([]byte, 6)
	rand.Read(b)
	schema := "sitrep_test_" + hex.EncodeToString(b)
	t.Cleanup(func() {
		if err := postgres.DropSchema(context.Background(), dsn, schema); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	if _, errOut, code := runBin(t, bin, "serve", "--postgres", dsn, "--schema", schema, "--addr", "127.0.0.1:0"); code == 0 ||
		!strings.Contains(errOut, "no sitrep store") {
		t.Errorf("serve of a schema without a store: exit %d, %q; want a missing-store error", code, errOut)
	}
	src, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	dst, err := postgres.Open(context.Background(), dsn, postgres.WithSchema(schema))
	if err != nil {
		src.Close()
		t.Fatal(err)
	}
	copyStore(t, src, dst)
	stats, err := dst.Stats(context.Background())
	src.Close()
	dst.Close()
	if err != nil || stats.Articles == 0 || stats.Events == 0 || stats.Stories == 0 {
		t.Fatalf("PostgreSQL copy holds %+v, %v; want articles, events and stories", stats, err)
	}

	lite := startServe(t, bin, db)
	pg := startServeArgs(t, bin, "--postgres", dsn, "--schema", schema)
	story, events := crawl(t, pg)
	if story == "" || events == 0 {
		t.Fatalf("PostgreSQL server: best story %q with %d events; want a story with events", story, events)
	}
	var stories struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	getJSON(t, pg+"/api/stories?limit=500", &stories)
	same := []string{
		"/", "/?actor=USA", "/articles", "/events", "/actors",
		"/api/stats", "/api/stories?limit=500", "/api/events?limit=500", "/api/events?limit=7&offset=3",
		"/api/events?story=" + url.QueryEscape(story), "/api/events?root=04&from=2000-01-01",
		"/api/articles?limit=500", "/api/quotes?limit=500", "/api/actors?limit=500", "/api/dyads?limit=500",
		// Malformed and hostile values: the same 400 page, or nothing.
		"/api/events?from=yesterday", "/api/events?actor=%27%20OR%201%3D1%20--", "/api/events?offset=-1",
	}
	for _, s := range stories.Items {
		same = append(same, "/story/"+url.PathEscape(s.ID))
	}
	compared := 0
	for _, p := range same {
		wantCode, want, _ := httpGet(t, lite+p)
		gotCode, got, _ := httpGet(t, pg+p)
		if gotCode != wantCode || got != want {
			t.Errorf("GET %s: PostgreSQL answered %d (%d bytes), SQLite %d (%d bytes)\nPostgreSQL: %.300s\nSQLite:     %.300s",
				p, gotCode, len(got), wantCode, len(want), got, want)
			continue
		}
		compared += len(got)
	}
	// Search ranks and cuts snippets the backend's own way: the article a
	// title word comes from must be found, on the page and in the API.
	var arts struct {
		Items []struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		} `json:"items"`
	}
	getJSON(t, pg+"/api/articles?limit=500", &arts)
	searched := 0
	for _, a := range arts.Items {
		word := ""
		for _, w := range strings.FieldsFunc(a.Title, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) > len(word) {
				word = w
			}
		}
		if len(word) < 6 {
			continue
		}
		searched++
		var hits struct {
			Items []struct {
				ID      string `json:"id"`
				Snippet string `json:"snippet"`
			} `json:"items"`
		}
		getJSON(t, pg+"/api/articles?limit=500&q="+url.QueryEscape(word), &hits)
		found := false
		for _, h := range hits.Items {
			found = found || h.ID == a.ID && h.Snippet != ""
		}
		if !found {
			t.Errorf("search for %q (title of %s) did not find it with a snippet: %+v", word, a.ID, hits.Items)
		}
		if code, body, _ := httpGet(t, pg+"/articles?q="+url.QueryEscape(word)); code != 200 || !strings.Contains(body, a.ID) {
			t.Errorf("/articles?q=%s: %d, article %s not listed", word, code, a.ID)
		}
	}
	if searched == 0 {
		t.Errorf("no article title has a word to search for")
	}
	var ev struct {
		Total int `json:"total"`
	}
	getJSON(t, pg+"/api/events?limit=1", &ev)
	if ev.Total != stats.Events {
		t.Errorf("/api/events total %d, store holds %d events", ev.Total, stats.Events)
	}
	t.Logf("%d pages and API answers (%d bytes) alike from SQLite and PostgreSQL; %d events, %d stories; %d title searches found their article",
		len(same), compared, stats.Events, stats.Stories, searched)
}
