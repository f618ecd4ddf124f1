package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// queryFixture stores two articles written for this test with events,
// mentions and quotes.
func queryFixture(t *testing.T) *Store {
	t.Helper()
	s := mustOpen(t, tempPath(t))
	t.Cleanup(func() { s.Close() })
	mk := func(id, hash, outlet, published, text string) *model.Article {
		return &model.Article{ID: id, ContentHash: hash, Format: "txt", Outlet: outlet, Published: published, Language: "en", Text: text,
			Paragraphs: []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan, Kind: model.KindBody}}}
	}
	ev := func(id string, n int, src, tgt, cameo, plover string, quad int, date string) model.Event {
		return model.Event{ID: id + "-e" + string(rune('0'+n)), Source: model.Participant{Code: src}, Target: model.Participant{Code: tgt},
			CAMEO: cameo, Root: cameo[:2], PLOVER: plover, Quad: quad, Goldstein: float64(5 - 2*quad), Date: date}
	}
	a := mk("q1", "h1", "Harbor Gazette", "2024-05-02", "Norway rejected the offer from Chile.")
	a.Mentions = []model.Mention{{Span: model.Span{Start: 0, End: 6}, Text: "Norway", Kind: "LOC", Actor: "NOR"}, {Span: model.Span{Start: 31, End: 36}, Text: "Chile", Kind: "LOC", Actor: "CHL"}}
	a.Events = []model.Event{ev("q1", 1, "NOR", "CHL", "120", "REJECT", 3, "2024-05-01"), ev("q1", 2, "NOR", "", "130", "THREATEN", 3, "")}
	a.Quotes = []model.Quote{{ID: "q1-q1", Text: "no", Kind: "direct", Speaker: &model.Speaker{Name: "Ana Krell", Actor: "NOR"}}}
	b := mk("q2", "h2", "Coastal Times", "2024-05-03", "Chile and Norway agreed to talk.")
	b.Mentions = []model.Mention{{Span: model.Span{Start: 0, End: 5}, Text: "Chile", Kind: "LOC", Actor: "CHL"}}
	b.Events = []model.Event{ev("q2", 1, "CHL", "NOR", "036", "CONSULT", 1, "2024-05-03"), ev("q2", 2, "CHL", "NOR", "1711", "SEIZE", 4, "2024-05-03")}
	if _, err := s.PutArticles(context.Background(), []*model.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestQueryEvents(t *testing.T) {
	s := queryFixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		f    store.EventFilter
		want []string
	}{
		{"all, newest first, undated last", store.EventFilter{}, []string{"q2-e2", "q2-e1", "q1-e1", "q1-e2"}},
		{"actor", store.EventFilter{Actor: "CHL"}, []string{"q2-e2", "q2-e1", "q1-e1"}},
		{"dyad", store.EventFilter{Source: "NOR", Target: "CHL"}, []string{"q1-e1"}},
		{"dates", store.EventFilter{From: "2024-05-02", To: "2024-05-03"}, []string{"q2-e2", "q2-e1"}},
		{"to leaves undated out", store.EventFilter{To: "2024-05-01"}, []string{"q1-e1"}},
		{"cameo root", store.EventFilter{CAMEO: "17"}, []string{"q2-e2"}},
		{"cameo base code", store.EventFilter{CAMEO: "171"}, []string{"q2-e2"}},
		{"plover and quad", store.EventFilter{PLOVER: "REJECT", Quad: 3}, []string{"q1-e1"}},
		{"articles", store.EventFilter{Articles: []string{"q1"}}, []string{"q1-e1", "q1-e2"}},
		{"no articles", store.EventFilter{Articles: []string{}}, nil},
		{"page", store.EventFilter{Page: store.Page{Limit: 2, Offset: 1}}, []string{"q2-e1", "q1-e1"}},
		{"hostile actor", store.EventFilter{Actor: "' OR 1=1 --"}, nil},
		{"hostile articles", store.EventFilter{Articles: []string{`"]) OR 1=1 --`}}, nil},
		{"like wildcard", store.EventFilter{PLOVER: "%"}, nil},
	} {
		res, err := s.QueryEvents(ctx, c.f)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		var got []string
		for _, h := range res.Events {
			got = append(got, h.Event.ID)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	for _, f := range []store.EventFilter{
		{From: "2024-13-01"}, {To: "yesterday"}, {CAMEO: "1' OR '1"}, {Quad: 5}, {Actor: "a\x00b"},
		{Actor: strings.Repeat("x", 10000)}, {Source: "\xff"}, {Page: store.Page{Offset: -1}},
	} {
		if _, err := s.QueryEvents(ctx, f); !errors.Is(err, store.ErrBadFilter) {
			t.Errorf("%+v: %v, want ErrBadFilter", f, err)
		}
	}
	if h, err := s.EventByID(ctx, "q2-e2"); err != nil || h.Event.CAMEO != "1711" || h.Outlet != "Coastal Times" {
		t.Errorf("EventByID: %+v %v", h, err)
	}
	for _, id := range []string{"q2-e9", "nope", "", "-e1"} {
		if _, err := s.EventByID(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("EventByID(%q): %v", id, err)
		}
	}
}

func TestQueryAggregates(t *testing.T) {
	s := queryFixture(t)
	ctx := context.Background()
	ds, err := s.Dyads(ctx, store.DyadFilter{Actor: "NOR"})
	if err != nil || len(ds) != 2 || ds[0].Source != "CHL" || ds[0].Events != 2 || ds[0].Quads != [4]int{1, 0, 0, 1} || ds[0].Goldstein != 3+(-3) {
		t.Errorf("Dyads: %+v %v", ds, err)
	}
	cs, err := s.EventCounts(ctx, store.EventFilter{Actor: "CHL"})
	if err != nil || len(cs) != 3 || cs[0].Date != "2024-05-01" {
		t.Errorf("EventCounts: %+v %v", cs, err)
	}
	as, err := s.QueryActors(ctx, store.ActorFilter{})
	if err != nil || as.Total != 2 || as.Actors[0].Code != "CHL" || as.Actors[1].AsTarget != 2 || as.Actors[1].Quotes != 1 {
		t.Errorf("QueryActors: %+v %v", as, err)
	}
	one, err := s.QueryActors(ctx, store.ActorFilter{Code: "CHL"})
	if err != nil || len(one.Actors) != 1 || one.Actors[0].Mentions != 2 || one.Actors[0].Articles != 2 || one.Actors[0].AsTarget != 1 {
		t.Errorf("QueryActors(CHL): %+v %v", one, err)
	}
	arts, err := s.QueryArticles(ctx, store.ArticleFilter{Query: "rejected offer", Actor: "NOR"})
	if err != nil || arts.Total != 1 || arts.Articles[0].ID != "q1" || arts.Articles[0].Events != 2 || arts.Articles[0].Quotes != 1 || arts.Articles[0].Snippet == "" {
		t.Errorf("QueryArticles: %+v %v", arts, err)
	}
	ids, err := s.MatchingArticleIDs(ctx, store.ArticleFilter{From: "2024-05-03"})
	if err != nil || strings.Join(ids, ",") != "q2" {
		t.Errorf("MatchingArticleIDs: %v %v", ids, err)
	}
	qs, err := s.QueryQuotes(ctx, store.QuoteFilter{Speaker: "Ana Krell"})
	if err != nil || qs.Total != 1 || qs.Quotes[0].Quote.Speaker == nil || qs.Quotes[0].Outlet != "Harbor Gazette" {
		t.Errorf("QueryQuotes: %+v %v", qs, err)
	}
	if p, _ := (store.Page{Limit: 1 << 20}).Norm(); p.Limit != store.MaxLimit {
		t.Errorf("limit not capped: %d", p.Limit)
	}
}
