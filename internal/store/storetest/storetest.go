package storetest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// Opener opens a Store on one storage location. Every call must reach the
// same data: the suite closes a store and calls its Opener again to check
// that data survive. The suite calls Close on every store it opens.
type Opener func() (store.Store, error)

// Storage prepares fresh, empty storage for one subtest (a file in
// t.TempDir(), a new database or schema) and returns an Opener for it. It
// removes the storage with t.Cleanup. Run calls it from parallel subtests.
type Storage func(t *testing.T) Opener

// Run checks that the backend behind storage meets the store.Store
// contract. Each subtest gets its own storage and runs in parallel with the
// others.
func Run(t *testing.T, storage Storage) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Opener)
	}{
		{"RoundTrip", testRoundTrip},
		{"Ownership", testOwnership},
		{"Idempotent", testIdempotent},
		{"Atomic", testAtomic},
		{"Order", testOrder},
		{"HasContent", testHasContent},
		{"NotFound", testNotFound},
		{"Search", testSearch},
		{"SearchHostile", testSearchHostile},
		{"Stats", testStats},
		{"Concurrent", testConcurrent},
		{"Reopen", testReopen},
		{"Stories", testStories},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, storage(t))
		})
	}
}

// openStore opens a store and registers its Close with t.Cleanup; the
// returned close function closes it earlier, at most once.
func openStore(t *testing.T, open Opener) (store.Store, func()) {
	t.Helper()
	s, err := open()
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	var once sync.Once
	closeStore := func() {
		once.Do(func() {
			if err := s.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		})
	}
	t.Cleanup(closeStore)
	return s, closeStore
}

func put(t *testing.T, s store.Store, arts ...*model.Article) []store.PutResult {
	t.Helper()
	res, err := s.PutArticles(context.Background(), arts)
	if err != nil {
		t.Fatalf("PutArticles: %v", err)
	}
	if len(res) != len(arts) {
		t.Fatalf("PutArticles returned %d results for %d articles", len(res), len(arts))
	}
	return res
}

func get(t *testing.T, s store.Store, id string) *model.Article {
	t.Helper()
	a, err := s.Article(context.Background(), id)
	if err != nil {
		t.Fatalf("Article(%s): %v", id, err)
	}
	return a
}

func ids(t *testing.T, s store.Store) []string {
	t.Helper()
	got, err := s.ArticleIDs(context.Background())
	if err != nil {
		t.Fatalf("ArticleIDs: %v", err)
	}
	return got
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func search(t *testing.T, s store.Store, q string, limit int) []store.SearchHit {
	t.Helper()
	hits, err := s.Search(context.Background(), q, limit)
	if err != nil {
		t.Fatalf("Search(%q, %d): %v", q, limit, err)
	}
	return hits
}

// diff lists the fields of model.Article in which got differs from want.
// Empty and nil slices are equal: the contract does not distinguish them.
func diff(want, got *model.Article) []string {
	var out []string
	wv, gv := reflect.ValueOf(want).Elem(), reflect.ValueOf(got).Elem()
	for i := range wv.NumField() {
		w, g := wv.Field(i), gv.Field(i)
		if w.Kind() == reflect.Slice && w.Len() == 0 && g.Len() == 0 {
			continue
		}
		if !reflect.DeepEqual(w.Interface(), g.Interface()) {
			out = append(out, fmt.Sprintf("%s:\n\twant %s\n\tgot  %s",
				wv.Type().Field(i).Name, clip(fmt.Sprintf("%+v", w.Interface())), clip(fmt.Sprintf("%+v", g.Interface()))))
		}
	}
	return out
}

func clip(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}

func checkEqual(t *testing.T, want, got *model.Article) {
	t.Helper()
	if d := diff(want, got); len(d) > 0 {
		t.Errorf("article %s differs after round trip:\n%s", want.ID, strings.Join(d, "\n"))
	}
}

func clone(a *model.Article) *model.Article {
	c := *a
	c.Paragraphs = slices.Clone(a.Paragraphs)
	c.Sentences = slices.Clone(a.Sentences)
	c.Tokens = slices.Clone(a.Tokens)
	c.DateCandidates = slices.Clone(a.DateCandidates)
	c.Diagnostics = slices.Clone(a.Diagnostics)
	c.Timexes = slices.Clone(a.Timexes)
	c.Mentions = slices.Clone(a.Mentions)
	c.Quotes = slices.Clone(a.Quotes)
	c.Events = slices.Clone(a.Events)
	for i, q := range c.Quotes {
		if q.Speaker != nil {
			sp := *q.Speaker
			c.Quotes[i].Speaker = &sp
		}
	}
	for i, d := range c.Diagnostics {
		if d.Span != nil {
			sp := *d.Span
			c.Diagnostics[i].Span = &sp
		}
	}
	return &c
}

func testRoundTrip(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	full := fullArticle()
	minimal := &model.Article{ID: "00000000000000aa", ContentHash: strings.Repeat("0", 62) + "aa"}
	plain := NewArticle("", "One line, no full stop")
	plain.Diagnostics = []model.Diagnostic{} // empty, not nil: comes back as either
	want := []*model.Article{clone(full), clone(minimal), clone(plain)}

	res := put(t, s, full, minimal, plain)
	for i, r := range res {
		if !r.Created || r.ID != want[i].ID {
			t.Errorf("result %d = %+v, want created %s", i, r, want[i].ID)
		}
	}
	for _, w := range want {
		checkEqual(t, w, get(t, s, w.ID))
	}
}

// testOwnership checks that a store keeps no reference to values passed in
// and hands out values the caller may change.
func testOwnership(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	in := fullArticle()
	want := clone(in)
	put(t, s, in)
	in.Title = "changed"
	in.Tokens[0].SpaceAfter = !in.Tokens[0].SpaceAfter
	in.Diagnostics[1].Span.Start = 99

	got := get(t, s, want.ID)
	checkEqual(t, want, got)
	got.Text = "changed"
	got.Paragraphs[0].Kind = model.KindHeading
	got.Diagnostics[1].Span.End = 77
	checkEqual(t, want, get(t, s, want.ID))

	list := ids(t, s)
	list[0] = "changed"
	if got := ids(t, s); got[0] != want.ID {
		t.Errorf("ArticleIDs after changing an earlier result = %v", got)
	}
}

func testIdempotent(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	a := NewArticle("Strike", "Workers struck at the port on Monday.")
	b := NewArticle("Talks", "Union leaders met the minister.")
	c := NewArticle("Deal", "A deal was signed late at night.")

	if r := put(t, s, a); !r[0].Created || r[0].ID != a.ID {
		t.Fatalf("first put = %+v, want created", r[0])
	}
	before := stats(t, s)
	if r := put(t, s, a); r[0].Created || r[0].ID != a.ID {
		t.Errorf("second put of the same article = %+v, want not created, ID %s", r[0], a.ID)
	}
	if after := stats(t, s); after != before {
		t.Errorf("stats after duplicate put = %+v, want %+v", after, before)
	}

	// The same content again, with other metadata and white space: the
	// stored copy wins.
	b2 := clone(b)
	b2.SourcePath = "elsewhere/copy.html"
	b2.Title = "Talks (copy)"
	res := put(t, s, b, b2, c, a, c)
	wantRes := []store.PutResult{
		{ID: b.ID, Created: true}, {ID: b.ID}, {ID: c.ID, Created: true}, {ID: a.ID}, {ID: c.ID},
	}
	if !slices.Equal(res, wantRes) {
		t.Errorf("batch with duplicates = %+v, want %+v", res, wantRes)
	}
	if got := get(t, s, b.ID); got.SourcePath != b.SourcePath || got.Title != b.Title {
		t.Errorf("stored %q %q, want the first copy %q %q", got.SourcePath, got.Title, b.SourcePath, b.Title)
	}
	if got := ids(t, s); !slices.Equal(got, []string{a.ID, b.ID, c.ID}) {
		t.Errorf("ArticleIDs = %v, want %v", got, []string{a.ID, b.ID, c.ID})
	}
	if st := stats(t, s); st.Articles != 3 {
		t.Errorf("Stats.Articles = %d, want 3", st.Articles)
	}
}

func testAtomic(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	ctx := context.Background()
	stored := NewArticle("Stored", "This article is stored first.")
	put(t, s, stored)
	before := stats(t, s)

	n1 := NewArticle("One", "First new article of the batch.")
	n2 := NewArticle("Two", "Second new article of the batch.")
	n3 := NewArticle("Three", "Third new article of the batch.")
	noHash := NewArticle("No hash", "An article without a content hash.")
	noHash.ContentHash = ""
	noID := NewArticle("No ID", "An article without an ID.")
	noID.ID = ""
	// Same ID as a stored article, other content: the ID is a key.
	clash := NewArticle("Clash", "Different text under a stored ID.")
	clash.ID = stored.ID
	// Same ID as an earlier article of the same batch.
	clashInBatch := NewArticle("Clash", "Different text under a new ID.")
	clashInBatch.ID = n1.ID

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	cases := []struct {
		name string
		ctx  context.Context
		arts []*model.Article
	}{
		{"empty content hash", ctx, []*model.Article{n1, n2, noHash, n3}},
		{"empty ID", ctx, []*model.Article{n1, noID}},
		{"nil article", ctx, []*model.Article{n1, n2, nil}},
		{"ID of a stored article", ctx, []*model.Article{n1, n2, clash, n3}},
		{"ID repeated in the batch", ctx, []*model.Article{n1, n2, clashInBatch, n3}},
		{"cancelled context", cancelled, []*model.Article{n1, n2, n3}},
	}
	for _, c := range cases {
		res, err := s.PutArticles(c.ctx, c.arts)
		if err == nil {
			t.Errorf("%s: PutArticles = %+v, nil error; want an error", c.name, res)
			continue
		}
		if got := stats(t, s); got != before {
			t.Errorf("%s: stats after failed batch = %+v, want %+v", c.name, got, before)
		}
		for _, a := range []*model.Article{n1, n2, n3} {
			if _, err := s.Article(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: Article(%s) after failed batch: err %v, want ErrNotFound", c.name, a.ID, err)
			}
			if ok, err := s.HasContent(ctx, a.ContentHash); ok || err != nil {
				t.Errorf("%s: HasContent after failed batch = %v, %v", c.name, ok, err)
			}
		}
		if hits := search(t, s, "batch", 10); len(hits) != 0 {
			t.Errorf("%s: search finds %d articles of a failed batch", c.name, len(hits))
		}
	}

	// The store is still usable and the batch goes in once fixed.
	res := put(t, s, n1, n2, n3)
	for i, r := range res {
		if !r.Created {
			t.Errorf("retry: result %d = %+v, want created", i, r)
		}
	}
	if got, want := ids(t, s), []string{stored.ID, n1.ID, n2.ID, n3.ID}; !slices.Equal(got, want) {
		t.Errorf("ArticleIDs = %v, want %v", got, want)
	}
}

func testOrder(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	if got := ids(t, s); len(got) != 0 {
		t.Fatalf("ArticleIDs of an empty store = %v", got)
	}
	var arts []*model.Article
	for i := range 9 {
		arts = append(arts, NewArticle(fmt.Sprintf("Report %d", i), fmt.Sprintf("Report number %d from the front.", i)))
	}
	// Ingest in descending ID order so that ingest order is not ID order.
	slices.SortFunc(arts, func(a, b *model.Article) int { return strings.Compare(b.ID, a.ID) })
	put(t, s, arts[0], arts[1], arts[2])
	put(t, s, arts[3])
	put(t, s, arts[1], arts[4], arts[0], arts[5]) // two duplicates keep their place
	put(t, s, arts[6], arts[7], arts[8])
	var want []string
	for _, a := range arts {
		want = append(want, a.ID)
	}
	if got := ids(t, s); !slices.Equal(got, want) {
		t.Errorf("ArticleIDs = %v, want ingest order %v", got, want)
	}
}

func testHasContent(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	ctx := context.Background()
	a := NewArticle("Flood", "Rivers rose across the north.")
	b := NewArticle("Drought", "The south saw no rain.")
	for _, h := range []string{a.ContentHash, ""} {
		if ok, err := s.HasContent(ctx, h); ok || err != nil {
			t.Errorf("HasContent(%q) on an empty store = %v, %v", h, ok, err)
		}
	}
	put(t, s, a)
	if ok, err := s.HasContent(ctx, a.ContentHash); !ok || err != nil {
		t.Errorf("HasContent(stored) = %v, %v; want true", ok, err)
	}
	if ok, err := s.HasContent(ctx, b.ContentHash); ok || err != nil {
		t.Errorf("HasContent(other) = %v, %v; want false", ok, err)
	}
	if ok, err := s.HasContent(ctx, a.ID); ok || err != nil {
		t.Errorf("HasContent(ID instead of hash) = %v, %v; want false", ok, err)
	}
}

func testNotFound(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	ctx := context.Background()
	a := NewArticle("Here", "This one exists.")
	put(t, s, a)
	for _, id := range []string{"0123456789abcdef", "", a.ContentHash, "'; DROP TABLE articles;--"} {
		got, err := s.Article(ctx, id)
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Article(%q) = %v, %v; want ErrNotFound", id, got, err)
		}
	}
	get(t, s, a.ID)
}

// searchCorpus is a small set of articles for the search tests.
func searchCorpus() []*model.Article {
	return []*model.Article{
		// 0: the word in the title and often in the text.
		NewArticle("Ceasefire holds in the north",
			"The ceasefire agreed on Sunday held overnight.\n\nMonitors said the ceasefire was respected by both sides."),
		// 1: the word once, in a longer text.
		NewArticle("Market report",
			"Grain prices rose on Monday. Traders cited weather, freight costs and a ceasefire far away. Wheat futures climbed again."),
		// 2: the word only in the title.
		NewArticle("Embassy reopens",
			"Diplomats returned to the building after two years. The ambassador thanked local staff."),
		// 3: unrelated.
		NewArticle("Election results",
			"Voters chose a new parliament. Turnout was high in the capital."),
		// 4: words that are operators in some query languages.
		NewArticle("Protest and counter-protest",
			"Protesters said they would not leave, and police said the march was legal or not.\n\nThe protest near the station ended at dusk."),
	}
}

func testSearch(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	corpus := searchCorpus()
	put(t, s, corpus...)
	id := func(i int) string { return corpus[i].ID }

	if hits := search(t, s, "ceasefire", 10); len(hits) != 2 {
		t.Errorf("ceasefire: %d hits %+v, want 2", len(hits), hits)
	} else {
		if hits[0].ID != id(0) || hits[1].ID != id(1) {
			t.Errorf("ceasefire: ranked %s, %s; want %s (title and text) before %s", hits[0].ID, hits[1].ID, id(0), id(1))
		}
		if hits[0].Rank < hits[1].Rank {
			t.Errorf("ceasefire: ranks %v, %v not best first", hits[0].Rank, hits[1].Rank)
		}
		if hits[0].Title != corpus[0].Title {
			t.Errorf("ceasefire: title %q, want %q", hits[0].Title, corpus[0].Title)
		}
		for _, h := range hits {
			if !strings.Contains(strings.ToLower(h.Snippet), "ceasefire") {
				t.Errorf("ceasefire: snippet %q lacks the word", h.Snippet)
			}
			if strings.ContainsAny(h.Snippet, "<>[]\x00") || len(h.Snippet) > 400 {
				t.Errorf("ceasefire: snippet %q is not short plain text", h.Snippet)
			}
		}
	}

	cases := []struct {
		query string
		want  []string // in any order
	}{
		{"embassy", []string{id(2)}},            // title only
		{"ambassador", []string{id(2)}},         // text only
		{"EMBASSY Diplomats", []string{id(2)}},  // case, words ANDed across columns
		{"grain wheat", []string{id(1)}},        // two words
		{"grain parliament", nil},               // no article has both
		{"turnout", []string{id(3)}},            // single article
		{"nonexistentword", nil},                // no match
		{"", nil},                               // empty
		{"   ", nil},                            // blank
		{"\"embassy\"", []string{id(2)}},        // quotes are not syntax
		{"embassy*", []string{id(2)}},           // nor is a star
		{"embassy\"", []string{id(2)}},          // nor is an unbalanced quote
		{"(embassy)", []string{id(2)}},          // nor are brackets
		{"station march", []string{id(4)}},      // across paragraphs
		{"Protesters police", []string{id(4)}},  // several words
		{"monitors respected", []string{id(0)}}, // second paragraph
	}
	for _, c := range cases {
		var got []string
		for _, h := range search(t, s, c.query, 10) {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(c.want))
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", c.query, got, want)
		}
	}

	if hits := search(t, s, "ceasefire", 1); len(hits) != 1 || hits[0].ID != id(0) {
		t.Errorf("ceasefire, limit 1: %+v", hits)
	}
	if hits := search(t, s, "ceasefire", 0); len(hits) != 0 {
		t.Errorf("limit 0: %d hits, want none", len(hits))
	}
}

func testSearchHostile(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	corpus := searchCorpus()
	put(t, s, corpus...)
	before := stats(t, s)
	known := map[string]bool{}
	for _, a := range corpus {
		known[a.ID] = true
	}
	queries := []string{
		`"`, `""`, `"""`, `'`, `''`, `\`, `\"`,
		`AND`, `OR`, `NOT`, `AND OR NOT`, `NOT embassy`, `embassy NOT`, `embassy OR`,
		`*`, `**`, `embassy*`, `*embassy`, `^embassy`, `+embassy -ceasefire`,
		`'; DROP TABLE articles;--`, `"; DROP TABLE articles; --`, `1=1 OR 1=1`,
		`title:x`, `title:embassy`, `text:ceasefire`, `{title text}: embassy`, `-title:embassy`,
		`NEAR(`, `NEAR(embassy ceasefire)`, `NEAR(embassy ceasefire, 5)`, `NEAR/3`,
		`(`, `)`, `()`, `(embassy`, `embassy)`, `[`, `]`, `{`, `}`, `:`, `::`, `,`, `.`, `%`, `_`, `?`, `$1`, `@x`,
		`a & b | c ! d`, `<->`, `embassy <-> ambassador`, `embassy & !ceasefire`,
		"\x00", "embassy\x00ceasefire", "\xff\xfe", "\t\n\r", "embassy\u00a0ambassador", "😀", "e\u0301",
		strings.Repeat("embassy ", 200), strings.Repeat("(", 1000), strings.Repeat(`"`, 1001),
	}
	for _, q := range queries {
		hits := search(t, s, q, 10)
		for _, h := range hits {
			if !known[h.ID] {
				t.Errorf("Search(%q) returned unknown ID %q", q, h.ID)
			}
		}
	}
	if got := stats(t, s); got != before {
		t.Errorf("stats after hostile queries = %+v, want %+v", got, before)
	}
	if got := ids(t, s); len(got) != len(corpus) {
		t.Errorf("ArticleIDs after hostile queries: %d, want %d", len(got), len(corpus))
	}
}

func testStats(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	if st := stats(t, s); st != (store.Stats{}) {
		t.Errorf("Stats of an empty store = %+v", st)
	}
	arts := []*model.Article{fullArticle(), NewArticle("B", "Two sentences here. And here.\n\nA second paragraph."), {ID: "x", ContentHash: "x"}}
	var want store.Stats
	for _, a := range arts {
		want.Articles++
		want.Paragraphs += len(a.Paragraphs)
		want.Sentences += len(a.Sentences)
		want.Tokens += len(a.Tokens)
		want.Timexes += len(a.Timexes)
		want.Mentions += len(a.Mentions)
		want.Quotes += len(a.Quotes)
		want.Events += len(a.Events)
	}
	put(t, s, arts...)
	put(t, s, arts[1])
	if st := stats(t, s); st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
}

func testConcurrent(t *testing.T, open Opener) {
	s, _ := openStore(t, open)
	ctx := context.Background()
	const writers, nArts, batch = 8, 40, 5
	arts := make([]*model.Article, nArts)
	for i := range arts {
		arts[i] = NewArticle(fmt.Sprintf("Dispatch %d", i), fmt.Sprintf("Dispatch %d: shelling reported near checkpoint %d overnight.", i, i*7))
	}

	var mu sync.Mutex
	created := map[string]int{}
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 1))
			order := rng.Perm(nArts)
			for start := 0; start < nArts; start += batch {
				var b []*model.Article
				for _, i := range order[start:min(start+batch, nArts)] {
					b = append(b, arts[i])
				}
				res, err := s.PutArticles(ctx, b)
				if err != nil {
					t.Errorf("writer %d: PutArticles: %v", w, err)
					return
				}
				mu.Lock()
				for i, r := range res {
					if r.ID != b[i].ID {
						t.Errorf("writer %d: result ID %s, want %s", w, r.ID, b[i].ID)
					}
					if r.Created {
						created[r.ID]++
					}
				}
				mu.Unlock()
			}
		})
	}
	// Readers run alongside the writers.
	for r := range 4 {
		wg.Go(func() {
			for i := range 20 {
				a := arts[(r*11+i)%nArts]
				if _, err := s.HasContent(ctx, a.ContentHash); err != nil {
					t.Errorf("reader %d: HasContent: %v", r, err)
				}
				if _, err := s.Search(ctx, "shelling checkpoint", 5); err != nil {
					t.Errorf("reader %d: Search: %v", r, err)
				}
				if got, err := s.Article(ctx, a.ID); err == nil {
					checkEqual(t, a, got)
				} else if !errors.Is(err, store.ErrNotFound) {
					t.Errorf("reader %d: Article: %v", r, err)
				}
				if _, err := s.Stats(ctx); err != nil {
					t.Errorf("reader %d: Stats: %v", r, err)
				}
			}
		})
	}
	wg.Wait()

	for _, a := range arts {
		if n := created[a.ID]; n != 1 {
			t.Errorf("article %s reported created %d times, want once", a.ID, n)
		}
	}
	got := ids(t, s)
	if len(got) != nArts {
		t.Errorf("%d articles stored, want %d", len(got), nArts)
	}
	if st := stats(t, s); st.Articles != nArts {
		t.Errorf("Stats.Articles = %d, want %d", st.Articles, nArts)
	}
	seen := map[string]bool{}
	for _, id := range got {
		if seen[id] {
			t.Errorf("ArticleIDs lists %s twice", id)
		}
		seen[id] = true
	}
	for _, a := range arts {
		checkEqual(t, a, get(t, s, a.ID))
	}
}

func testReopen(t *testing.T, open Opener) {
	s, closeStore := openStore(t, open)
	full := fullArticle()
	others := searchCorpus()
	put(t, s, full)
	put(t, s, others[:3]...)
	wantIDs := ids(t, s)
	wantStats := stats(t, s)
	closeStore()

	s, closeStore = openStore(t, open)
	checkEqual(t, full, get(t, s, full.ID))
	if got := ids(t, s); !slices.Equal(got, wantIDs) {
		t.Errorf("ArticleIDs after reopen = %v, want %v", got, wantIDs)
	}
	if got := stats(t, s); got != wantStats {
		t.Errorf("Stats after reopen = %+v, want %+v", got, wantStats)
	}
	if hits := search(t, s, "embassy", 10); len(hits) != 1 || hits[0].ID != others[2].ID {
		t.Errorf("Search after reopen = %+v", hits)
	}
	if r := put(t, s, full); r[0].Created {
		t.Errorf("put after reopen of a stored article: created")
	}
	// New articles continue the ingest order.
	put(t, s, others[3:]...)
	for _, a := range others[3:] {
		wantIDs = append(wantIDs, a.ID)
	}
	closeStore()

	s, _ = openStore(t, open)
	if got := ids(t, s); !slices.Equal(got, wantIDs) {
		t.Errorf("ArticleIDs after second reopen = %v, want %v", got, wantIDs)
	}
}
