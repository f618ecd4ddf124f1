package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/storetest"
)

// TestQuerier runs the store.Querier conformance suite, which the SQLite
// store runs too: both must give the same results.
func TestQuerier(t *testing.T) {
	dsn := testDSN(t)
	storetest.RunQuerier(t, func(t *testing.T) storetest.Opener {
		schema := testSchema(t, dsn)
		return func() (store.Store, error) {
			return Open(context.Background(), dsn, WithSchema(schema), WithMaxConns(4))
		}
	})
}

// BenchmarkQuerier times the read queries the web UI runs, on a generated
// store of 5,000 articles with 20 events each (100,000 events, 200,000
// mentions, 10,000 quotes) over two years, as the web package's scale
// benchmark builds for SQLite. The web UI's bar is 200 ms per story page
// and per filtered API query; max-ms reports the slowest call.
//
//	go test ./internal/store/postgres -run '^$' -bench Querier -benchtime 20x
func BenchmarkQuerier(b *testing.B) {
	dsn := testDSN(b)
	schema := testSchema(b, dsn)
	s := mustOpen(b, dsn, schema)
	defer s.Close()
	ctx := context.Background()
	t0 := time.Now()
	arts := benchArticles(5000, 20)
	for i := 0; i < len(arts); i += 250 {
		if _, err := s.PutArticles(ctx, arts[i:min(i+250, len(arts))]); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.pool.Exec(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	b.Logf("stored %d articles in %v", len(arts), time.Since(t0).Round(time.Millisecond))
	story := make([]string, 0, 50)
	for _, a := range arts[2500:2550] {
		story = append(story, a.ID)
	}
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"Events/all", func() error { _, err := s.QueryEvents(ctx, store.EventFilter{}); return err }},
		{"Events/actor-dates", func() error {
			_, err := s.QueryEvents(ctx, store.EventFilter{Actor: "IRN", From: "2023-06-01", To: "2023-09-30"})
			return err
		}},
		{"Events/dyad-root", func() error {
			_, err := s.QueryEvents(ctx, store.EventFilter{Source: "USA", Target: "IRN", CAMEO: "19"})
			return err
		}},
		{"Events/plover-offset", func() error {
			_, err := s.QueryEvents(ctx, store.EventFilter{PLOVER: "REJECT", Page: store.Page{Limit: 100, Offset: 5000}})
			return err
		}},
		{"Events/story", func() error {
			_, err := s.QueryEvents(ctx, store.EventFilter{Articles: story, Page: store.Page{Limit: 200}})
			return err
		}},
		{"EventCounts/story", func() error { _, err := s.EventCounts(ctx, store.EventFilter{Articles: story}); return err }},
		{"EventCounts/actor", func() error { _, err := s.EventCounts(ctx, store.EventFilter{Actor: "IRN"}); return err }},
		{"Dyads/story", func() error { _, err := s.Dyads(ctx, store.DyadFilter{Articles: story, Limit: 60}); return err }},
		{"Dyads/actor", func() error { _, err := s.Dyads(ctx, store.DyadFilter{Actor: "RUS", Limit: 500}); return err }},
		{"Quotes/actor", func() error { _, err := s.QueryQuotes(ctx, store.QuoteFilter{Actor: "SYR"}); return err }},
		{"Actors/all", func() error { _, err := s.QueryActors(ctx, store.ActorFilter{}); return err }},
		{"Actors/code", func() error {
			_, err := s.QueryActors(ctx, store.ActorFilter{Code: "IRN", Page: store.Page{Limit: 1}})
			return err
		}},
		{"Articles/all", func() error { _, err := s.QueryArticles(ctx, store.ArticleFilter{}); return err }},
		{"Articles/actor", func() error { _, err := s.QueryArticles(ctx, store.ArticleFilter{Actor: "IRN"}); return err }},
		{"Articles/story", func() error {
			_, err := s.QueryArticles(ctx, store.ArticleFilter{IDs: story, Page: store.Page{Limit: store.MaxLimit}})
			return err
		}},
		{"Articles/query", func() error {
			_, err := s.QueryArticles(ctx, store.ArticleFilter{Query: "counterparts discussed"})
			return err
		}},
		{"MatchingArticleIDs/actor-dates", func() error {
			_, err := s.MatchingArticleIDs(ctx, store.ArticleFilter{Actor: "IRN", From: "2023-06-01", To: "2023-06-30"})
			return err
		}},
		{"EventByID", func() error { _, err := s.EventByID(ctx, arts[2500].Events[3].ID); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			var worst time.Duration
			for b.Loop() {
				t0 := time.Now()
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
				worst = max(worst, time.Since(t0))
			}
			b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms")
		})
	}
}

// benchArticles generates n articles of perArticle sentences, each with
// an event between two of 30 actor codes, two mentions, and a quote in
// the first two sentences.
func benchArticles(n, perArticle int) []*model.Article {
	codes := []string{"USA", "IRN", "IRQ", "SYR", "ISR", "RUS", "CHN", "GBR", "FRA", "DEU", "TUR", "SAU", "EGY", "JOR", "LBN",
		"UN", "EU", "NATO", "ISIS", "HEZ", "HAM", "QAT", "ARE", "YEM", "AFG", "PAK", "IND", "JPN", "KOR", "PRK"}
	cameo := []struct {
		code, plover string
		gold         float64
		quad         int
	}{{"036", "CONSULT", 4, 1}, {"057", "AGREE", 8, 1}, {"070", "AID", 7, 2}, {"120", "REJECT", -4, 3}, {"130", "THREATEN", -4.4, 3},
		{"190", "ASSAULT", -10, 4}, {"173", "COERCE", -5, 4}, {"081", "YIELD", 5, 2}}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	arts := make([]*model.Article, 0, n)
	for i := range n {
		id := fmt.Sprintf("%016x", i+1)
		a := &model.Article{ID: id, ContentHash: fmt.Sprintf("%064x", i+1), Format: "txt", Outlet: fmt.Sprintf("Outlet %d", i%40),
			Title: fmt.Sprintf("Report %d", i), Published: start.AddDate(0, 0, i*730/n).Format(time.DateOnly), Language: "en"}
		var text strings.Builder
		for j := range perArticle {
			src, tgt := codes[(i+j)%len(codes)], codes[(i*7+j*3+1)%len(codes)]
			c := cameo[(i+j*j)%len(cameo)]
			s := text.Len()
			fmt.Fprintf(&text, "Officials of %s met counterparts from %s and item %d was discussed. ", src, tgt, j)
			sp := model.Span{Start: s, End: text.Len() - 1}
			a.Mentions = append(a.Mentions, model.Mention{Span: sp, Text: src, Sentence: j, Kind: "ORG", Actor: src},
				model.Mention{Span: sp, Text: tgt, Sentence: j, Kind: "ORG", Actor: tgt})
			a.Events = append(a.Events, model.Event{ID: fmt.Sprintf("%s-e%d", id, j+1), Sentence: j, Span: sp,
				Source: model.Participant{Code: src}, Target: model.Participant{Code: tgt},
				CAMEO: c.code, Root: c.code[:2], PLOVER: c.plover, Goldstein: c.gold, Quad: c.quad,
				Date: start.AddDate(0, 0, i*730/n-j%3).Format(time.DateOnly), DateSpan: model.NoSpan})
			if j < 2 {
				a.Quotes = append(a.Quotes, model.Quote{ID: fmt.Sprintf("%s-q%d", id, j+1), Span: sp, Text: "discussed", Kind: "indirect",
					Speaker: &model.Speaker{Name: "Spokesperson of " + src, Actor: src, Mention: sp}, CueSpan: model.NoSpan})
			}
		}
		a.Text = text.String()
		arts = append(arts, a)
	}
	return arts
}
