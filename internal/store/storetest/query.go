package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// queryStore is what RunQuerier checks: a store with its read side.
type queryStore interface {
	store.Store
	store.Querier
}

// RunQuerier checks that the backend behind storage meets the
// store.Querier contract, with results every backend must give alike:
// the same rows in the same order for every filter, paging and ordering
// (newest first with undated last, ties by article and position), the
// same counts and aggregates; malformed values (bad dates, codes, NUL,
// invalid UTF-8, over-long values, negative paging) give ErrBadFilter,
// hostile ones (SQL, LIKE and full-text syntax) match nothing or what
// their words match, and never an error; and no query changes the store.
// The stores storage opens must implement store.Querier.
//
// Full-text relevance is only checked where the backends' ranking
// functions must agree (a title match above a text match); queries of
// English stop words, which PostgreSQL drops, are not used.
func RunQuerier(t *testing.T, storage Storage) {
	t.Run("Fixture", func(t *testing.T) {
		t.Parallel()
		s, _ := openStore(t, storage(t))
		qs, ok := s.(queryStore)
		if !ok {
			t.Fatalf("%T does not implement store.Querier", s)
		}
		arts := queryFixture()
		put(t, s, arts...)
		before := snapshot(t, qs)
		fx := newFixtureIndex(queryFixture())
		for _, c := range []struct {
			name string
			fn   func(t *testing.T, s queryStore, fx fixtureIndex)
		}{
			{"Events", testQueryEvents},
			{"EventsBad", testQueryEventsBad},
			{"EventByID", testEventByID},
			{"Articles", testQueryArticles},
			{"ArticlesBad", testQueryArticlesBad},
			{"MatchingArticleIDs", testMatchingArticleIDs},
			{"Quotes", testQueryQuotes},
			{"Actors", testQueryActors},
			{"Dyads", testDyads},
			{"EventCounts", testEventCounts},
			{"Concurrent", testQueryConcurrent},
		} {
			t.Run(c.name, func(t *testing.T) { c.fn(t, qs, fx) })
		}
		if after := snapshot(t, qs); !reflect.DeepEqual(before, after) {
			t.Errorf("queries changed the store:\nbefore %+v\nafter  %+v", before.stats, after.stats)
		}
	})
	t.Run("Paging", func(t *testing.T) {
		t.Parallel()
		s, _ := openStore(t, storage(t))
		qs, ok := s.(queryStore)
		if !ok {
			t.Fatalf("%T does not implement store.Querier", s)
		}
		testQueryPaging(t, qs)
	})
}

// queryFixture returns three articles written for these tests, with
// mentions, events (one undated, one negated) and quotes (one without a
// speaker); the third article is undated and has non-ASCII text.
func queryFixture() []*model.Article {
	mk := func(id, outlet, published, title, text string) *model.Article {
		return &model.Article{ID: id, ContentHash: ContentHash(id + text), Format: "txt", Outlet: outlet, Published: published,
			Language: "en", Title: title, Text: text,
			Paragraphs: []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan, Kind: model.KindBody}}}
	}
	span := func(text, word string) model.Span {
		i := strings.Index(text, word)
		return model.Span{Start: i, End: i + len(word)}
	}
	mention := func(a *model.Article, word, actor string) model.Mention {
		return model.Mention{Span: span(a.Text, word), Text: word, Kind: "LOC", Actor: actor, Via: "kb"}
	}
	ev := func(a *model.Article, n int, src, tgt, cameo, plover string, quad int, date string) model.Event {
		return model.Event{ID: fmt.Sprintf("%s-e%d", a.ID, n), Span: model.Span{Start: 0, End: len(a.Text)},
			Trigger: "x", TriggerSpan: model.Span{Start: n, End: n + 1},
			Source: model.Participant{Code: src, Sector: "GOV", Text: src}, Target: model.Participant{Code: tgt, Text: tgt},
			CAMEO: cameo, Root: cameo[:2], PLOVER: plover, Quad: quad, Goldstein: float64(5 - 2*quad), Date: date,
			DatePrecision: "day", DateSpan: model.NoSpan, Location: "harbour"}
	}
	a := mk("q1", "Harbor Gazette", "2024-05-02", "Offer rejected", "Norway rejected the offer from Chile.")
	a.Mentions = []model.Mention{mention(a, "Norway", "NOR"), mention(a, "Chile", "CHL")}
	a.Events = []model.Event{ev(a, 1, "NOR", "CHL", "120", "REJECT", 3, "2024-05-01"), ev(a, 2, "NOR", "", "130", "THREATEN", 3, "")}
	a.Quotes = []model.Quote{{ID: "q1-q1", Span: span(a.Text, "rejected"), Text: "rejected", Kind: "direct", Cue: "said", CueSpan: model.NoSpan,
		Speaker: &model.Speaker{Name: "Ana Krell", Actor: "NOR", Sector: "GOV", Mention: model.NoSpan}}}

	b := mk("q2", "Coastal Times", "2024-05-03", "Talks agreed", "Chile and Norway agreed to talk.")
	b.Mentions = []model.Mention{mention(b, "Chile", "CHL")}
	b.Events = []model.Event{ev(b, 1, "CHL", "NOR", "036", "CONSULT", 1, "2024-05-03"), ev(b, 2, "CHL", "NOR", "1711", "SEIZE", 4, "2024-05-03")}

	c := mk("q3", "Harbor Gazette", "", "Envoy in Zürich", "Ærø officials did not meet the envoy from Chile in Zürich as agreed, a spokesman said.")
	c.Mentions = []model.Mention{mention(c, "Ærø officials", "DNK"), mention(c, "Chile", "CHL"), mention(c, "a spokesman", "")}
	neg := ev(c, 1, "DNK", "CHL", "036", "CONSULT", 1, "2024-04-30")
	neg.Negated, neg.Modality = true, "denied"
	c.Events = []model.Event{neg}
	c.Quotes = []model.Quote{
		{ID: "q3-q1", Span: span(c.Text, "did not meet"), Text: "did not meet", Kind: "indirect", CueSpan: model.NoSpan},
		{ID: "q3-q2", Span: span(c.Text, "as agreed"), Text: "as agreed", Kind: "indirect", Cue: "said", CueSpan: span(c.Text, "said"),
			Speaker: &model.Speaker{Name: "Björn Ås", Actor: "DNK", Description: "a spokesman", Anonymous: true, Mention: span(c.Text, "a spokesman"), Channel: "statement"}},
	}
	return []*model.Article{a, b, c}
}

// fixtureIndex finds the fixture's events and quotes by ID.
type fixtureIndex struct {
	arts   map[string]*model.Article
	events map[string]model.Event
	quotes map[string]model.Quote
	of     map[string]string // event or quote ID → article ID
}

func newFixtureIndex(arts []*model.Article) fixtureIndex {
	fx := fixtureIndex{arts: map[string]*model.Article{}, events: map[string]model.Event{}, quotes: map[string]model.Quote{}, of: map[string]string{}}
	for _, a := range arts {
		fx.arts[a.ID] = a
		for _, e := range a.Events {
			fx.events[e.ID], fx.of[e.ID] = e, a.ID
		}
		for _, q := range a.Quotes {
			fx.quotes[q.ID], fx.of[q.ID] = q, a.ID
		}
	}
	return fx
}

// checkEventHit checks that a hit carries the stored event and its
// article's metadata, field by field.
func (fx fixtureIndex) checkEventHit(t *testing.T, h store.EventHit) {
	t.Helper()
	want, ok := fx.events[h.Event.ID]
	if !ok {
		t.Errorf("unknown event %q", h.Event.ID)
		return
	}
	a := fx.arts[fx.of[want.ID]]
	if !reflect.DeepEqual(h.Event, want) {
		t.Errorf("event %s =\n%+v\nwant\n%+v", want.ID, h.Event, want)
	}
	if h.Article != a.ID || h.Title != a.Title || h.Outlet != a.Outlet || h.Published != a.Published || h.URL != a.URL {
		t.Errorf("event %s: article fields %q %q %q %q %q", want.ID, h.Article, h.Title, h.Outlet, h.Published, h.URL)
	}
}

// storeState is what a store holds, compared before and after queries.
type storeState struct {
	stats    store.Stats
	ids      []string
	articles []*model.Article
	stories  []model.Story
}

func snapshot(t *testing.T, s queryStore) storeState {
	t.Helper()
	st := storeState{stats: stats(t, s), ids: ids(t, s)}
	for _, id := range st.ids {
		st.articles = append(st.articles, get(t, s, id))
	}
	var err error
	if st.stories, err = s.Stories(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// hostile are filter values that are valid text but hold SQL, LIKE,
// regular-expression or JSON syntax; each must match nothing.
var hostile = []string{
	"' OR 1=1 --", `" OR ""="`, "NOR' --", "NOR'; DROP TABLE events; --", "%", "_", "N%", "NO_", "$1", "?", `\`, `\'`,
	"*", ".*", `"]) OR 1=1 --`, `["q1"]`, "q1,q2", "{q1,q2}", "nor", " NOR", "NOR\n", "Ｎ", "\u200bNOR", "NOR\u0301",
}

func eventIDs(res store.EventResult) []string {
	var out []string
	for _, h := range res.Events {
		out = append(out, h.Event.ID)
	}
	return out
}

func testQueryEvents(t *testing.T, s queryStore, fx fixtureIndex) {
	ctx := context.Background()
	all := []string{"q2-e2", "q2-e1", "q1-e1", "q3-e1", "q1-e2"}
	for _, c := range []struct {
		name  string
		f     store.EventFilter
		want  []string
		total int // -1: len(want)
	}{
		{"all, newest first, undated last", store.EventFilter{}, all, -1},
		{"actor", store.EventFilter{Actor: "CHL"}, []string{"q2-e2", "q2-e1", "q1-e1", "q3-e1"}, -1},
		{"actor of a negated event", store.EventFilter{Actor: "DNK"}, []string{"q3-e1"}, -1},
		{"dyad", store.EventFilter{Source: "NOR", Target: "CHL"}, []string{"q1-e1"}, -1},
		{"source", store.EventFilter{Source: "CHL"}, []string{"q2-e2", "q2-e1"}, -1},
		{"target", store.EventFilter{Target: "CHL"}, []string{"q1-e1", "q3-e1"}, -1},
		{"dates", store.EventFilter{From: "2024-05-02", To: "2024-05-03"}, []string{"q2-e2", "q2-e1"}, -1},
		{"from leaves undated out", store.EventFilter{From: "2024-04-30"}, []string{"q2-e2", "q2-e1", "q1-e1", "q3-e1"}, -1},
		{"to leaves undated out", store.EventFilter{To: "2024-05-01"}, []string{"q1-e1", "q3-e1"}, -1},
		{"empty date range", store.EventFilter{From: "2024-05-04", To: "2024-05-01"}, nil, -1},
		{"cameo root", store.EventFilter{CAMEO: "17"}, []string{"q2-e2"}, -1},
		{"cameo base code", store.EventFilter{CAMEO: "171"}, []string{"q2-e2"}, -1},
		{"cameo full code", store.EventFilter{CAMEO: "1711"}, []string{"q2-e2"}, -1},
		{"cameo one digit", store.EventFilter{CAMEO: "0"}, []string{"q2-e1", "q3-e1"}, -1},
		{"cameo no match", store.EventFilter{CAMEO: "99"}, nil, -1},
		{"plover and quad", store.EventFilter{PLOVER: "REJECT", Quad: 3}, []string{"q1-e1"}, -1},
		{"quad", store.EventFilter{Quad: 1}, []string{"q2-e1", "q3-e1"}, -1},
		{"article", store.EventFilter{Article: "q2"}, []string{"q2-e2", "q2-e1"}, -1},
		{"articles", store.EventFilter{Articles: []string{"q1"}}, []string{"q1-e1", "q1-e2"}, -1},
		{"articles with unknown", store.EventFilter{Articles: []string{"nope", "q3"}}, []string{"q3-e1"}, -1},
		{"no articles", store.EventFilter{Articles: []string{}}, nil, -1},
		{"article and articles", store.EventFilter{Article: "q1", Articles: []string{"q2"}}, nil, -1},
		{"page", store.EventFilter{Page: store.Page{Limit: 2, Offset: 1}}, []string{"q2-e1", "q1-e1"}, 5},
		{"last page", store.EventFilter{Page: store.Page{Limit: 2, Offset: 4}}, []string{"q1-e2"}, 5},
		{"offset at the end", store.EventFilter{Page: store.Page{Offset: 5}}, nil, 5},
		{"huge offset", store.EventFilter{Page: store.Page{Offset: 1 << 40}}, nil, 5},
		{"huge limit", store.EventFilter{Page: store.Page{Limit: 1 << 40}}, all, -1},
		{"filtered page", store.EventFilter{Actor: "CHL", Page: store.Page{Limit: 1, Offset: 3}}, []string{"q3-e1"}, 4},
	} {
		res, err := s.QueryEvents(ctx, c.f)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := eventIDs(res); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		total := c.total
		if total < 0 {
			total = len(c.want)
		}
		if res.Total != total {
			t.Errorf("%s: total %d, want %d", c.name, res.Total, total)
		}
		for _, h := range res.Events {
			fx.checkEventHit(t, h)
		}
	}
	for _, v := range hostile {
		for _, f := range []store.EventFilter{
			{Actor: v}, {Source: v}, {Target: v}, {PLOVER: v}, {Article: v}, {Articles: []string{v}}, {Articles: []string{"q9", v}},
		} {
			res, err := s.QueryEvents(ctx, f)
			if err != nil || len(res.Events) != 0 || res.Total != 0 {
				t.Errorf("%+v: %v, total %d, %v; want nothing", f, eventIDs(res), res.Total, err)
			}
		}
	}
}

// badEventFilters are malformed event filters: each must give ErrBadFilter.
var badEventFilters = []store.EventFilter{
	{From: "2024-13-01"}, {From: "2024-02-30"}, {From: "2024-5-1"}, {To: "yesterday"}, {To: "2024-05-01' OR '1"}, {From: "2024-05-01\x00"},
	{CAMEO: "1' OR '1"}, {CAMEO: "12345"}, {CAMEO: "1a"}, {CAMEO: "%"}, {CAMEO: "１２"}, {Quad: 5}, {Quad: -1},
	{Actor: "a\x00b"}, {Actor: strings.Repeat("x", store.MaxFilterLen+1)}, {Source: "\xff"}, {Target: "N\xc3"},
	{PLOVER: "\x00"}, {Article: strings.Repeat("é", store.MaxFilterLen)}, {Articles: []string{"q1", "\x00"}}, {Articles: []string{"\xfe"}},
}

func testQueryEventsBad(t *testing.T, s queryStore, _ fixtureIndex) {
	ctx := context.Background()
	for _, f := range append(badEventFilters, store.EventFilter{Page: store.Page{Offset: -1}}, store.EventFilter{Page: store.Page{Limit: -1}}) {
		if _, err := s.QueryEvents(ctx, f); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("QueryEvents(%+v): %v, want ErrBadFilter", f, err)
		}
	}
	for _, f := range badEventFilters {
		if _, err := s.EventCounts(ctx, f); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("EventCounts(%+v): %v, want ErrBadFilter", f, err)
		}
	}
	for _, f := range []store.DyadFilter{
		{Actor: "\x00"}, {Actor: "\xff"}, {From: "2024-1-1"}, {To: "tomorrow"}, {Articles: []string{"\x00"}}, {Limit: -1},
	} {
		if _, err := s.Dyads(ctx, f); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("Dyads(%+v): %v, want ErrBadFilter", f, err)
		}
	}
}

func testEventByID(t *testing.T, s queryStore, fx fixtureIndex) {
	ctx := context.Background()
	for id := range fx.events {
		h, err := s.EventByID(ctx, id)
		if err != nil {
			t.Errorf("EventByID(%s): %v", id, err)
			continue
		}
		fx.checkEventHit(t, h)
	}
	for _, id := range append([]string{"q2-e9", "q2-e", "nope", "", "-e1", "q2-e1\x00", "\xff-e1", "q2-e1 ", strings.Repeat("q", 1000) + "-e1"}, hostile...) {
		if _, err := s.EventByID(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("EventByID(%q): %v, want ErrNotFound", id, err)
		}
	}
}

func articleIDs(res store.ArticleResult) []string {
	var out []string
	for _, a := range res.Articles {
		out = append(out, a.ID)
	}
	return out
}

func testQueryArticles(t *testing.T, s queryStore, fx fixtureIndex) {
	ctx := context.Background()
	all := []string{"q2", "q1", "q3"}
	for _, c := range []struct {
		name   string
		f      store.ArticleFilter
		want   []string
		total  int  // -1: len(want)
		sorted bool // compare as sets: relevance order is the backend's own
	}{
		{"all, newest first, undated last", store.ArticleFilter{}, all, -1, false},
		{"outlet", store.ArticleFilter{Outlet: "Harbor Gazette"}, []string{"q1", "q3"}, -1, false},
		{"from", store.ArticleFilter{From: "2024-05-02"}, []string{"q2", "q1"}, -1, false},
		{"to leaves undated out", store.ArticleFilter{To: "2024-05-02"}, []string{"q1"}, -1, false},
		{"actor", store.ArticleFilter{Actor: "CHL"}, all, -1, false},
		{"actor in one article", store.ArticleFilter{Actor: "NOR"}, []string{"q1"}, -1, false},
		{"unicode actor", store.ArticleFilter{Actor: "DNK"}, []string{"q3"}, -1, false},
		{"ids", store.ArticleFilter{IDs: []string{"q3", "q1", "nope"}}, []string{"q1", "q3"}, -1, false},
		{"no ids", store.ArticleFilter{IDs: []string{}}, nil, -1, false},
		{"page", store.ArticleFilter{Page: store.Page{Limit: 1, Offset: 2}}, []string{"q3"}, 3, false},
		{"offset at the end", store.ArticleFilter{Page: store.Page{Offset: 3}}, nil, 3, false},
		{"query and actor", store.ArticleFilter{Query: "rejected offer", Actor: "NOR"}, []string{"q1"}, -1, false},
		{"query, title above text", store.ArticleFilter{Query: "agreed"}, []string{"q2", "q3"}, -1, false},
		{"query, title above text, page", store.ArticleFilter{Query: "agreed", Page: store.Page{Limit: 1, Offset: 1}}, []string{"q3"}, 2, false},
		{"query with filters", store.ArticleFilter{Query: "agreed", Outlet: "Harbor Gazette"}, []string{"q3"}, -1, false},
		{"query, non-ASCII word", store.ArticleFilter{Query: "Zürich"}, []string{"q3"}, -1, false},
		{"query in every article", store.ArticleFilter{Query: "Chile"}, all, -1, true},
		{"query with quotes", store.ArticleFilter{Query: `Chile "Norway`}, []string{"q1", "q2"}, -1, true},
		{"query with a prefix operator", store.ArticleFilter{Query: "chile:*"}, all, -1, true},
		{"query with NUL", store.ArticleFilter{Query: "Chile\x00"}, all, -1, true},
		{"query with SQL", store.ArticleFilter{Query: "' OR 1=1 --"}, nil, -1, false},
		{"query with operators", store.ArticleFilter{Query: "Chile AND NEAR(Norway)"}, nil, -1, false},
		{"query without words", store.ArticleFilter{Query: "!!! --- '"}, nil, -1, false},
		{"query no match", store.ArticleFilter{Query: "submarine"}, nil, -1, false},
	} {
		res, err := s.QueryArticles(ctx, c.f)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got, want := articleIDs(res), c.want
		if c.sorted {
			got, want = slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		total := c.total
		if total < 0 {
			total = len(c.want)
		}
		if res.Total != total {
			t.Errorf("%s: total %d, want %d", c.name, res.Total, total)
		}
		for _, a := range res.Articles {
			w := fx.arts[a.ID]
			if a.Title != w.Title || a.Outlet != w.Outlet || a.Published != w.Published || a.URL != w.URL ||
				a.Mentions != len(w.Mentions) || a.Quotes != len(w.Quotes) || a.Events != len(w.Events) {
				t.Errorf("%s: summary %+v does not match article %s", c.name, a, w.ID)
			}
			if (a.Snippet != "") != (c.f.Query != "") || strings.ContainsAny(a.Snippet, "\n\t") {
				t.Errorf("%s: snippet %q", c.name, a.Snippet)
			}
		}
	}
	for _, v := range hostile {
		for _, f := range []store.ArticleFilter{{Outlet: v}, {Actor: v}, {IDs: []string{v}}} {
			res, err := s.QueryArticles(ctx, f)
			if err != nil || len(res.Articles) != 0 || res.Total != 0 {
				t.Errorf("%+v: %v, total %d, %v; want nothing", f, articleIDs(res), res.Total, err)
			}
		}
	}
}

// badArticleFilters are malformed article filters: each must give
// ErrBadFilter.
var badArticleFilters = []store.ArticleFilter{
	{Query: "\xff"}, {Query: strings.Repeat("war ", store.MaxFilterLen+1)}, {From: "2024-02-30"}, {To: "May"},
	{Outlet: "\x00"}, {Outlet: strings.Repeat("o", store.MaxFilterLen+1)}, {Actor: "\xc3"}, {IDs: []string{"q1", "\x00"}},
}

func testQueryArticlesBad(t *testing.T, s queryStore, _ fixtureIndex) {
	ctx := context.Background()
	for _, f := range append(badArticleFilters, store.ArticleFilter{Page: store.Page{Offset: -1}}) {
		if _, err := s.QueryArticles(ctx, f); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("QueryArticles(%+v): %v, want ErrBadFilter", f, err)
		}
	}
	for _, f := range badArticleFilters {
		if _, err := s.MatchingArticleIDs(ctx, f); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("MatchingArticleIDs(%+v): %v, want ErrBadFilter", f, err)
		}
	}
}

func testMatchingArticleIDs(t *testing.T, s queryStore, _ fixtureIndex) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		f    store.ArticleFilter
		want []string
	}{
		{"all, ingest order", store.ArticleFilter{}, []string{"q1", "q2", "q3"}},
		{"from", store.ArticleFilter{From: "2024-05-03"}, []string{"q2"}},
		{"query, ingest order", store.ArticleFilter{Query: "agreed"}, []string{"q2", "q3"}},
		{"actor and outlet", store.ArticleFilter{Actor: "CHL", Outlet: "Harbor Gazette"}, []string{"q1", "q3"}},
		{"paging ignored", store.ArticleFilter{Actor: "CHL", Page: store.Page{Limit: 1, Offset: 1}}, []string{"q1", "q2", "q3"}},
		{"hostile", store.ArticleFilter{Actor: "' OR 1=1 --"}, nil},
		{"query without words", store.ArticleFilter{Query: "--"}, nil},
	} {
		got, err := s.MatchingArticleIDs(ctx, c.f)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.want)
		}
	}
}

func testQueryQuotes(t *testing.T, s queryStore, fx fixtureIndex) {
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		f     store.QuoteFilter
		want  []string
		total int // -1: len(want)
	}{
		{"all, by speaker, speakerless last", store.QuoteFilter{}, []string{"q1-q1", "q3-q2", "q3-q1"}, -1},
		{"speaker", store.QuoteFilter{Speaker: "Ana Krell"}, []string{"q1-q1"}, -1},
		{"non-ASCII speaker", store.QuoteFilter{Speaker: "Björn Ås"}, []string{"q3-q2"}, -1},
		{"speaker is exact", store.QuoteFilter{Speaker: "ana krell"}, nil, -1},
		{"actor", store.QuoteFilter{Actor: "DNK"}, []string{"q3-q2"}, -1},
		{"speaker and actor", store.QuoteFilter{Speaker: "Ana Krell", Actor: "DNK"}, nil, -1},
		{"article", store.QuoteFilter{Article: "q3"}, []string{"q3-q2", "q3-q1"}, -1},
		{"articles", store.QuoteFilter{Articles: []string{"q2", "q1"}}, []string{"q1-q1"}, -1},
		{"no articles", store.QuoteFilter{Articles: []string{}}, nil, -1},
		{"page", store.QuoteFilter{Page: store.Page{Limit: 1, Offset: 1}}, []string{"q3-q2"}, 3},
		{"offset at the end", store.QuoteFilter{Page: store.Page{Offset: 3}}, nil, 3},
	} {
		res, err := s.QueryQuotes(ctx, c.f)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var got []string
		for _, h := range res.Quotes {
			got = append(got, h.Quote.ID)
			want, a := fx.quotes[h.Quote.ID], fx.arts[fx.of[h.Quote.ID]]
			if !reflect.DeepEqual(h.Quote, want) || h.Article != a.ID || h.Outlet != a.Outlet || h.Published != a.Published {
				t.Errorf("%s: hit %+v (speaker %+v), want %+v (speaker %+v) of %s", c.name, h, h.Quote.Speaker, want, want.Speaker, a.ID)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		total := c.total
		if total < 0 {
			total = len(c.want)
		}
		if res.Total != total {
			t.Errorf("%s: total %d, want %d", c.name, res.Total, total)
		}
	}
	for _, v := range hostile {
		for _, f := range []store.QuoteFilter{{Speaker: v}, {Actor: v}, {Article: v}, {Articles: []string{v}}} {
			res, err := s.QueryQuotes(ctx, f)
			if err != nil || len(res.Quotes) != 0 || res.Total != 0 {
				t.Errorf("%+v: %d quotes, total %d, %v; want nothing", f, len(res.Quotes), res.Total, err)
			}
		}
	}
	for _, f := range []store.QuoteFilter{
		{Speaker: "\xff"}, {Speaker: "Ana\x00"}, {Actor: "\x00"}, {Article: strings.Repeat("a", store.MaxFilterLen+1)},
		{Articles: []string{"\xff"}}, {Page: store.Page{Offset: -1}}, {Page: store.Page{Limit: -5}},
	} {
		if _, err := s.QueryQuotes(ctx, f); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("QueryQuotes(%+v): %v, want ErrBadFilter", f, err)
		}
	}
}

func testQueryActors(t *testing.T, s queryStore, _ fixtureIndex) {
	ctx := context.Background()
	chl := store.ActorSummary{Code: "CHL", Mentions: 3, Articles: 3, AsSource: 2, AsTarget: 2}
	nor := store.ActorSummary{Code: "NOR", Mentions: 1, Articles: 1, AsSource: 2, AsTarget: 2, Quotes: 1}
	dnk := store.ActorSummary{Code: "DNK", Mentions: 1, Articles: 1, AsSource: 1, Quotes: 1}
	for _, c := range []struct {
		name  string
		f     store.ActorFilter
		want  []store.ActorSummary
		total int
	}{
		{"all, most mentioned first", store.ActorFilter{}, []store.ActorSummary{chl, nor, dnk}, 3},
		{"code", store.ActorFilter{Code: "CHL"}, []store.ActorSummary{chl}, 1},
		{"code of a speaker", store.ActorFilter{Code: "DNK"}, []store.ActorSummary{dnk}, 1},
		{"prefix", store.ActorFilter{Prefix: "N"}, []store.ActorSummary{nor}, 1},
		{"prefix is case-sensitive", store.ActorFilter{Prefix: "n"}, nil, 0},
		{"prefix and code", store.ActorFilter{Prefix: "C", Code: "NOR"}, nil, 0},
		{"articles, ties by code", store.ActorFilter{Articles: []string{"q3"}}, []store.ActorSummary{
			{Code: "CHL", Mentions: 1, Articles: 1, AsTarget: 1}, {Code: "DNK", Mentions: 1, Articles: 1, AsSource: 1, Quotes: 1}}, 2},
		{"articles and code", store.ActorFilter{Articles: []string{"q1", "q2"}, Code: "CHL"},
			[]store.ActorSummary{{Code: "CHL", Mentions: 2, Articles: 2, AsSource: 2, AsTarget: 1}}, 1},
		{"no articles", store.ActorFilter{Articles: []string{}}, nil, 0},
		{"page", store.ActorFilter{Page: store.Page{Limit: 1, Offset: 1}}, []store.ActorSummary{nor}, 3},
	} {
		res, err := s.QueryActors(ctx, c.f)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(res.Actors, c.want) || res.Total != c.total {
			t.Errorf("%s: %+v total %d, want %+v total %d", c.name, res.Actors, res.Total, c.want, c.total)
		}
	}
	if res, err := s.QueryActors(ctx, store.ActorFilter{Page: store.Page{Offset: 3}}); err != nil || len(res.Actors) != 0 {
		t.Errorf("offset at the end: %+v, %v", res, err)
	}
	for _, v := range hostile {
		for _, f := range []store.ActorFilter{{Prefix: v}, {Code: v}, {Articles: []string{v}}} {
			res, err := s.QueryActors(ctx, f)
			if err != nil || len(res.Actors) != 0 || res.Total != 0 {
				t.Errorf("%+v: %+v, %v; want nothing", f, res, err)
			}
		}
	}
	for _, f := range []store.ActorFilter{
		{Prefix: "\xff"}, {Code: "\x00"}, {Code: strings.Repeat("A", store.MaxFilterLen+1)}, {Articles: []string{"\x00"}}, {Page: store.Page{Offset: -1}},
	} {
		if _, err := s.QueryActors(ctx, f); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("QueryActors(%+v): %v, want ErrBadFilter", f, err)
		}
	}
}

func testDyads(t *testing.T, s queryStore, _ fixtureIndex) {
	ctx := context.Background()
	// Negated events and events without a target are not counted.
	chlNor := store.Dyad{Source: "CHL", Target: "NOR", Events: 2, Goldstein: 3 + -3, Quads: [4]int{1, 0, 0, 1}}
	norChl := store.Dyad{Source: "NOR", Target: "CHL", Events: 1, Goldstein: -1, Quads: [4]int{0, 0, 1, 0}}
	for _, c := range []struct {
		name string
		f    store.DyadFilter
		want []store.Dyad
	}{
		{"all, most events first", store.DyadFilter{}, []store.Dyad{chlNor, norChl}},
		{"actor", store.DyadFilter{Actor: "NOR"}, []store.Dyad{chlNor, norChl}},
		{"actor of a negated event only", store.DyadFilter{Actor: "DNK"}, nil},
		{"articles", store.DyadFilter{Articles: []string{"q1", "q3"}}, []store.Dyad{norChl}},
		{"from", store.DyadFilter{From: "2024-05-02"}, []store.Dyad{chlNor}},
		{"to", store.DyadFilter{To: "2024-05-01"}, []store.Dyad{norChl}},
		{"limit", store.DyadFilter{Limit: 1}, []store.Dyad{chlNor}},
		{"huge limit", store.DyadFilter{Limit: 1 << 40}, []store.Dyad{chlNor, norChl}},
		{"hostile actor", store.DyadFilter{Actor: "' OR 1=1 --"}, nil},
		{"hostile articles", store.DyadFilter{Articles: []string{"q1') OR ('1'='1"}}, nil},
	} {
		got, err := s.Dyads(ctx, c.f)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, %v; want %+v", c.name, got, err, c.want)
		}
	}
}

func testEventCounts(t *testing.T, s queryStore, _ fixtureIndex) {
	ctx := context.Background()
	may1 := store.DateCount{Date: "2024-05-01", Quad: 3, Events: 1, Goldstein: -1}
	may3q1 := store.DateCount{Date: "2024-05-03", Quad: 1, Events: 1, Goldstein: 3}
	may3q4 := store.DateCount{Date: "2024-05-03", Quad: 4, Events: 1, Goldstein: -3}
	for _, c := range []struct {
		name string
		f    store.EventFilter
		want []store.DateCount
	}{
		{"all, date order, negated and undated left out", store.EventFilter{}, []store.DateCount{may1, may3q1, may3q4}},
		{"actor", store.EventFilter{Actor: "CHL"}, []store.DateCount{may1, may3q1, may3q4}},
		{"actor of a negated event only", store.EventFilter{Actor: "DNK"}, nil},
		{"quad", store.EventFilter{Quad: 4}, []store.DateCount{may3q4}},
		{"articles", store.EventFilter{Articles: []string{"q1"}}, []store.DateCount{may1}},
		{"paging ignored", store.EventFilter{Page: store.Page{Limit: 1, Offset: 2}}, []store.DateCount{may1, may3q1, may3q4}},
		{"hostile", store.EventFilter{PLOVER: "' OR 1=1 --"}, nil},
	} {
		got, err := s.EventCounts(ctx, c.f)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, %v; want %+v", c.name, got, err, c.want)
		}
	}
}

// testQueryConcurrent runs the read queries from several goroutines at
// once; each must give the result it gives alone.
func testQueryConcurrent(t *testing.T, s queryStore, _ fixtureIndex) {
	ctx := context.Background()
	one := func() (string, error) {
		ev, err := s.QueryEvents(ctx, store.EventFilter{Actor: "CHL", Page: store.Page{Limit: 2}})
		if err != nil {
			return "", err
		}
		ar, err := s.QueryArticles(ctx, store.ArticleFilter{Query: "agreed"})
		if err != nil {
			return "", err
		}
		ac, err := s.QueryActors(ctx, store.ActorFilter{})
		if err != nil {
			return "", err
		}
		dy, err := s.Dyads(ctx, store.DyadFilter{})
		if err != nil {
			return "", err
		}
		return fmt.Sprint(eventIDs(ev), ev.Total, articleIDs(ar), ac, dy), nil
	}
	want, err := one()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			for range 5 {
				got, err := one()
				if err == nil && got != want {
					err = fmt.Errorf("got %s, want %s", got, want)
				}
				if err != nil {
					errs[i] = err
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Error(err)
	}
}

// testQueryPaging stores more events than one page may hold, on several
// dates and in several articles, and reads them back page by page: every
// event once, in the documented order, with the limit capped at MaxLimit.
func testQueryPaging(t *testing.T, s queryStore) {
	ctx := context.Background()
	const perArticle = 130
	dates := []string{"2023-12-31", "", "2024-01-02", "2024-01-02", "2024-01-01"}
	var arts []*model.Article
	type key struct{ date, article, id string }
	var keys []key
	for i := range 4 {
		a := NewArticle(fmt.Sprintf("Paging %d", i), fmt.Sprintf("Report number %d on the talks.", i))
		for j := range perArticle {
			d := dates[(i+j)%len(dates)]
			e := model.Event{ID: fmt.Sprintf("%s-e%d", a.ID, j+1), Source: model.Participant{Code: "AAA"}, Target: model.Participant{Code: "BBB"},
				CAMEO: "042", Root: "04", PLOVER: "CONSULT", Quad: 1, Goldstein: 1.9, Date: d, DateSpan: model.NoSpan}
			a.Events = append(a.Events, e)
			keys = append(keys, key{d, a.ID, fmt.Sprintf("%08d", j)})
		}
		arts = append(arts, a)
	}
	put(t, s, arts...)
	// The documented order: date descending (undated last), then article
	// and position descending.
	slices.SortFunc(keys, func(x, y key) int {
		if c := strings.Compare(y.date, x.date); c != 0 {
			return c
		}
		if c := strings.Compare(y.article, x.article); c != 0 {
			return c
		}
		return strings.Compare(y.id, x.id)
	})
	var want []string
	for _, k := range keys {
		var j int
		fmt.Sscanf(k.id, "%d", &j)
		want = append(want, fmt.Sprintf("%s-e%d", k.article, j+1))
	}
	total := len(want)
	res, err := s.QueryEvents(ctx, store.EventFilter{Page: store.Page{Limit: 1 << 30}})
	if err != nil || len(res.Events) != store.MaxLimit || res.Total != total {
		t.Fatalf("huge limit: %d events, total %d, %v; want %d of %d", len(res.Events), res.Total, err, store.MaxLimit, total)
	}
	var got []string
	for off := 0; off < total; off += 37 {
		res, err := s.QueryEvents(ctx, store.EventFilter{Page: store.Page{Limit: 37, Offset: off}})
		if err != nil || res.Total != total {
			t.Fatalf("offset %d: total %d, %v", off, res.Total, err)
		}
		got = append(got, eventIDs(res)...)
	}
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("pages differ from the documented order at %d: %s, want %s (%d and %d events)", i, got[i], want[i], len(got), len(want))
			}
		}
		t.Fatalf("pages hold %d events, want %d", len(got), len(want))
	}
	res, err = s.QueryEvents(ctx, store.EventFilter{})
	if err != nil || len(res.Events) != store.DefaultLimit {
		t.Errorf("default limit: %d events, %v; want %d", len(res.Events), err, store.DefaultLimit)
	}
	counts, err := s.EventCounts(ctx, store.EventFilter{})
	n := 0
	for _, c := range counts {
		n += c.Events
	}
	if err != nil || len(counts) != 3 || n != total-total/len(dates) {
		t.Errorf("EventCounts: %+v, %v; want 3 dates with %d events", counts, err, total-total/len(dates))
	}
	ds, err := s.Dyads(ctx, store.DyadFilter{})
	if err != nil || len(ds) != 1 || ds[0].Events != total || ds[0].Quads[0] != total {
		t.Errorf("Dyads: %+v, %v", ds, err)
	}
}
