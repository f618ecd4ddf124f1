package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// The scale benchmark: a generated store of 5,000 articles with 20 events
// each (100,000 events, 200,000 mentions, 10,000 quotes), 1,000 event
// clusters of 5 articles with 10 merged events each, and 100 storylines.
// Run with
//
//	go test ./internal/web -run '^$' -bench Scale -benchtime 20x
//
// The bar is 200 ms per story page and per filtered API query.

const (
	benchArticles = 5000
	benchPerArt   = 20
	benchCluster  = 5
)

var benchCodes = []string{"USA", "IRN", "IRQ", "SYR", "ISR", "RUS", "CHN", "GBR", "FRA", "DEU", "TUR", "SAU", "EGY", "JOR", "LBN",
	"UN", "EU", "NATO", "ISIS", "HEZ", "HAM", "QAT", "ARE", "YEM", "AFG", "PAK", "IND", "JPN", "KOR", "PRK"}

var benchCameo = []struct {
	code, plover string
	gold         float64
	quad         int
}{{"036", "CONSULT", 4, 1}, {"042", "CONSULT", 1.9, 1}, {"057", "AGREE", 8, 1}, {"070", "AID", 7, 2}, {"120", "REJECT", -4, 3},
	{"130", "THREATEN", -4.4, 3}, {"112", "ACCUSE", -2, 3}, {"190", "ASSAULT", -10, 4}, {"173", "COERCE", -5, 4}, {"081", "YIELD", 5, 2}}

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchStore builds the generated store once per process, in a directory
// removed by TestMain's caller (the OS temp dir, named by the process).
func benchStore(b *testing.B) *sqlite.Store {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "sitrep-web-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "bench.db")
		t0 := time.Now()
		benchErr = generate(benchPath)
		fmt.Fprintf(os.Stderr, "generated %s in %v\n", benchPath, time.Since(t0).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	st, err := sqlite.Open(benchPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func generate(path string) error {
	st, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	var batch []*model.Article
	var up store.StoryUpdate
	for i := range benchArticles {
		id := fmt.Sprintf("%016x", i+1)
		published := start.AddDate(0, 0, i*730/benchArticles).Format(time.DateOnly)
		var b strings.Builder
		a := &model.Article{ID: id, SourceFile: id + ".txt", Format: "txt", Outlet: fmt.Sprintf("Outlet %d", i%40), Title: fmt.Sprintf("Report %d", i),
			Published: published, Language: "en"}
		for j := range benchPerArt {
			src, tgt := benchCodes[(i+j)%len(benchCodes)], benchCodes[(i*7+j*3+1)%len(benchCodes)]
			c := benchCameo[(i+j*j)%len(benchCameo)]
			sent := fmt.Sprintf("Officials of %s met counterparts from %s and item %d was discussed at length.", src, tgt, j)
			s := b.Len()
			b.WriteString(sent)
			sp := model.Span{Start: s, End: b.Len()}
			a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: sp, Raw: sp, Kind: model.KindBody})
			a.Sentences = append(a.Sentences, model.Sentence{Span: sp, Paragraph: j})
			srcSpan := model.Span{Start: s + 13, End: s + 13 + len(src)}
			tgtStart := s + strings.Index(sent, "from ") + 5
			tgtSpan := model.Span{Start: tgtStart, End: tgtStart + len(tgt)}
			a.Mentions = append(a.Mentions, model.Mention{Span: srcSpan, Text: src, Sentence: j, Kind: "ORG", Actor: src, Via: "kb"},
				model.Mention{Span: tgtSpan, Text: tgt, Sentence: j, Kind: "ORG", Actor: tgt, Via: "kb"})
			date := start.AddDate(0, 0, i*730/benchArticles-j%3).Format(time.DateOnly)
			a.Events = append(a.Events, model.Event{ID: fmt.Sprintf("%s-e%d", id, j+1), Sentence: j, Span: sp,
				Trigger: "met", TriggerSpan: model.Span{Start: s + 14 + len(src) + 1, End: s + 14 + len(src) + 4},
				Source: model.Participant{Code: src, Sector: "GOV", Text: src, Span: srcSpan},
				Target: model.Participant{Code: tgt, Text: tgt, Span: tgtSpan},
				CAMEO:  c.code, Root: c.code[:2], PLOVER: c.plover, Goldstein: c.gold, Quad: c.quad,
				Date: date, DatePrecision: "day", DateBasis: "published", DateSpan: model.NoSpan})
			if j < 2 {
				a.Quotes = append(a.Quotes, model.Quote{ID: fmt.Sprintf("%s-q%d", id, j+1), Span: sp, Text: sent, Kind: "indirect",
					Speaker: &model.Speaker{Name: "Spokesperson of " + src, Actor: src, Mention: srcSpan}, CueSpan: model.NoSpan})
			}
			b.WriteString("\n\n")
		}
		a.Text = strings.TrimSuffix(b.String(), "\n\n")
		sum := sha256.Sum256([]byte(a.Text + id))
		a.ContentHash = hex.EncodeToString(sum[:])
		batch = append(batch, a)
		if len(batch) == 250 {
			if _, err := st.PutArticles(ctx, batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
		if (i+1)%benchCluster == 0 {
			k := i / benchCluster
			var arts []string
			for m := i + 1 - benchCluster; m <= i; m++ {
				arts = append(arts, fmt.Sprintf("%016x", m+1))
			}
			sid := fmt.Sprintf("ev-%d", k)
			parent := fmt.Sprintf("sl-%d", k/10)
			up.Stories = append(up.Stories, model.Story{ID: sid, Level: "event", Parent: parent, Title: fmt.Sprintf("Cluster %d", k),
				First: published, Last: published, Articles: arts})
			for e := range 10 {
				c := benchCameo[e]
				var reps []model.EventRef
				for _, aid := range arts {
					reps = append(reps, model.EventRef{Article: aid, Event: fmt.Sprintf("%s-e%d", aid, e+1)})
				}
				up.Merged = append(up.Merged, model.MergedEvent{ID: fmt.Sprintf("%s-m%d", sid, e), Story: sid,
					Source: benchCodes[(k+e)%len(benchCodes)], Target: benchCodes[(k+2*e+1)%len(benchCodes)],
					CAMEO: c.code, Root: c.code[:2], PLOVER: c.plover, Goldstein: c.gold, Quad: c.quad, Date: published,
					Articles: arts, Reports: reps, Corroboration: len(arts)})
			}
		}
	}
	if len(batch) > 0 {
		if _, err := st.PutArticles(ctx, batch); err != nil {
			return err
		}
	}
	for k := 0; k < benchArticles/benchCluster/10; k++ {
		var arts []string
		for _, s := range up.Stories[k*10 : k*10+10] {
			arts = append(arts, s.Articles...)
		}
		up.Stories = append(up.Stories, model.Story{ID: fmt.Sprintf("sl-%d", k), Level: "storyline", Title: fmt.Sprintf("Storyline %d", k),
			First: up.Stories[k*10].First, Last: up.Stories[k*10+9].Last, Articles: arts})
	}
	return st.PutStories(ctx, up)
}

// TestMain removes the generated benchmark store.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchPath != "" {
		os.RemoveAll(filepath.Dir(benchPath))
	}
	os.Exit(code)
}

func BenchmarkScale(b *testing.B) {
	st := benchStore(b)
	stats, err := st.Stats(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if stats.Events != benchArticles*benchPerArt {
		b.Fatalf("store holds %d events", stats.Events)
	}
	srv, err := New(st, Options{Names: DefaultNames(), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, url string }{
		{"StoryPage/event-cluster", "/story/ev-500"},
		{"StoryPage/storyline", "/story/sl-50"},
		{"API/events-actor-dates", "/api/events?actor=IRN&from=2023-06-01&to=2023-09-30&limit=50"},
		{"API/events-dyad-root", "/api/events?dyad=USA-IRN&root=19"},
		{"API/events-plover-offset", "/api/events?plover=REJECT&limit=100&offset=5000"},
		{"API/events-story", "/api/events?story=sl-50"},
		{"API/quotes-actor", "/api/quotes?actor=SYR"},
		{"API/dyads-actor", "/api/dyads?actor=RUS"},
		{"API/actor", "/api/actors/IRN"},
		{"API/articles-actor", "/api/articles?actor=IRN"},
		{"API/events-actor", "/api/events?actor=IRN"},
		{"ActorPage", "/actor/IRN"},
		{"StoriesPage", "/"},
		{"StoriesPage/filtered", "/?actor=IRN&from=2023-06-01&to=2023-06-30"},
		{"EventPage", "/event/00000000000009c4-e3"},
		{"ArticlePage", "/article/00000000000009c4"},
	} {
		b.Run(c.name, func(b *testing.B) {
			var worst time.Duration
			for b.Loop() {
				t0 := time.Now()
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, httptest.NewRequest("GET", c.url, nil))
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d %.300s", c.url, w.Code, w.Body.String())
				}
				worst = max(worst, time.Since(t0))
			}
			b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms")
		})
	}
}
