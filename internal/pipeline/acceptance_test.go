package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/seedtest"
)

// The seed acceptance test runs the real per-document path (ingest plan,
// Process with the default stages) on the five seed articles and scores
// what the fixture's README asks of the whole engine: quotes with their
// speakers, events, and the dates events carry. Each stage's own tests
// score it alone; this one scores the stages together, as ingest runs them.

type goldFile struct {
	Quotes []struct {
		Article    string `json:"article"`
		Speaker    string `json:"speaker"`
		StartsWith string `json:"starts_with"`
		Required   bool   `json:"required"`
	} `json:"quotes"`
	Events []struct {
		ID       string   `json:"id"`
		Source   string   `json:"source"`
		Target   string   `json:"target"`
		Root     string   `json:"cameo_root"`
		PLOVER   string   `json:"plover"`
		Date     string   `json:"date"`
		Articles []string `json:"articles"`
		Required bool     `json:"required"`
	} `json:"events"`
}

// processSeeds returns the processed seed articles by number ("002").
func processSeeds(t *testing.T) (map[string]*model.Article, goldFile) {
	t.Helper()
	shared := os.Getenv("SITREP_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	seeds := filepath.Join(shared, "fixtures", "seeds")
	if _, err := os.Stat(filepath.Join(seeds, "gold.json")); err != nil {
		t.Skipf("seed fixture not found at %s (set SITREP_SHARED): %v", seeds, err)
	}
	plan, err := ingest.NewPlan([]string{seeds}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	arts := map[string]*model.Article{}
	err = plan.Read(context.Background(), func(it ingest.Item, _ int64) error {
		if it.Reject != nil {
			return fmt.Errorf("seed rejected: %v", it.Reject)
		}
		a, rej := Process(it.Doc, Options{})
		if rej != nil {
			return fmt.Errorf("seed rejected: %v", rej)
		}
		arts[a.SourceFile[:3]] = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(seeds, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return arts, g
}

func codeMatches(p model.Participant, gold string) bool {
	return gold == "*" && p.Code != "" || p.Code == gold
}

// withinDay reports whether an event date of the given precision is
// within a day of the gold day.
func withinDay(date, precision, gold string) bool {
	d, err1 := time.Parse("2006-01-02", date)
	g, err2 := time.Parse("2006-01-02", gold)
	if err1 != nil || err2 != nil {
		return false
	}
	// A week-precision date is the week starting on d ("last week"): it
	// is within a day of the gold date when some day of that week is.
	// Coarser dates cannot carry a day.
	end := d
	switch precision {
	case "", "day":
	case "week":
		end = d.AddDate(0, 0, 6)
	default:
		return false
	}
	return !g.Before(d.AddDate(0, 0, -1)) && !g.After(end.AddDate(0, 0, 1))
}

func TestSeedAcceptance(t *testing.T) {
	arts, gold := processSeeds(t)

	// Quotes: required ones found with the right speaker.
	qFound, qRequired := 0, 0
	for _, g := range gold.Quotes {
		if !g.Required {
			continue
		}
		qRequired++
		want := seedtest.NormQuote(g.StartsWith)
		var hit *model.Quote
		for i, q := range arts[g.Article].Quotes {
			if strings.HasPrefix(seedtest.NormQuote(q.Text), want) {
				hit = &arts[g.Article].Quotes[i]
				if seedtest.SpeakerMatches(g.Speaker, q.Speaker) {
					break
				}
			}
		}
		switch {
		case hit != nil && seedtest.SpeakerMatches(g.Speaker, hit.Speaker):
			qFound++
		case hit == nil:
			t.Logf("quote miss %s: none starts %q", g.Article, g.StartsWith)
		default:
			t.Logf("quote miss %s: %q has speaker %+v, want %s", g.Article, g.StartsWith, hit.Speaker, g.Speaker)
		}
	}

	// Events: found = source, target, root or PLOVER type, date within a
	// day, in an article listed. Dated = of the events that match on
	// everything but the date, the share whose date is within a day.
	eFound, eRequired, matched, dated := 0, 0, 0, 0
	var table strings.Builder
	for _, g := range gold.Events {
		if !g.Required {
			continue
		}
		eRequired++
		var ok []string
		var wrongDates []string
		for _, id := range g.Articles {
			a := arts[id]
			found := false
			for _, e := range a.Events {
				if !codeMatches(e.Source, g.Source) || !codeMatches(e.Target, g.Target) || e.Source.Code == e.Target.Code ||
					(e.Root != g.Root && e.PLOVER != g.PLOVER) {
					continue
				}
				matched++
				if withinDay(e.Date, e.DatePrecision, g.Date) {
					dated++
					found = true
				} else {
					wrongDates = append(wrongDates, id+":"+e.Date)
				}
			}
			if found {
				ok = append(ok, id)
			}
		}
		if len(ok) > 0 {
			eFound++
		}
		fmt.Fprintf(&table, "%s %s>%s %s/%s %s: found in %v of %v; wrong dates %v\n", g.ID, g.Source, g.Target, g.Root, g.PLOVER, g.Date, ok, g.Articles, wrongDates)
	}
	ids := make([]string, 0, len(arts))
	for id := range arts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, e := range arts[id].Events {
			if strings.HasPrefix(e.Date, "2007") || strings.HasPrefix(e.Date, "2022") {
				t.Errorf("%s: event dated %s (caption or republication stamp): %q", id, e.Date, e.Span.In(arts[id].Text))
			}
		}
	}
	t.Logf("seed acceptance: quotes %d/%d required with the right speaker; events %d/%d required; dates: %d of %d matching event reports within a day\n%s",
		qFound, qRequired, eFound, eRequired, dated, matched, table.String())

	// Floors: measured on the committed models, never above.
	// Measured 38/38 quotes (bar 34) and 13/13 events (bar 10).
	if qFound < 38 {
		t.Errorf("quotes: %d of %d required found with the right speaker, floor 38", qFound, qRequired)
	}
	if eFound < 13 {
		t.Errorf("events: %d of %d required found, floor 13", eFound, eRequired)
	}
	// Issue 7's bar: every required event the engine finds carries the
	// gold date, within a day (measured 27 of 27).
	if matched == 0 || dated != matched {
		t.Errorf("dates: %d of %d matching event reports within a day; want all", dated, matched)
	}
}
