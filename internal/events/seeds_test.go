package events

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/seedtest"
)

type goldEvent struct {
	ID       string   `json:"id"`
	Articles []string `json:"articles"`
	Root     string   `json:"cameo_root"`
	PLOVER   string   `json:"plover"`
	Date     string   `json:"date"`
	Source   string   `json:"source"`
	Target   string   `json:"target"`
	Required bool     `json:"required"`
	What     string   `json:"what"`
}

// codeIs reports whether an event participant resolves to a gold code
// ("IRN" matches "IRN" and "IRNGOV").
func codeIs(p model.Participant, gold string) bool {
	if gold == "*" {
		return p.Code != ""
	}
	return p.Code == gold || (len(gold) == 3 && strings.HasPrefix(p.Code, gold))
}

func withinDay(a, b string) bool {
	x, err1 := time.Parse("2006-01-02", a)
	y, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return false
	}
	d := x.Sub(y)
	return d <= 24*time.Hour && d >= -24*time.Hour
}

// TestSeeds runs syntax, timex, actors, quotes and events on the seed
// articles and checks the analyst's required events (each found in at
// least one of the articles listed for it; events are per article, since
// merging is the story stage's job) and the forbidden list.
func TestSeeds(t *testing.T) {
	arts, dir := loadSeeds(t)
	p := testPipeline(t)
	for _, a := range arts {
		p.Run(a)
	}
	b, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Events      []goldEvent         `json:"events"`
		Boilerplate map[string][]string `json:"boilerplate"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	required, found := 0, 0
	var table strings.Builder
	for _, g := range gold.Events {
		var hits []string
		for _, id := range g.Articles {
			a := arts[id]
			if a == nil {
				continue
			}
			for _, e := range a.Events {
				if codeIs(e.Source, g.Source) && codeIs(e.Target, g.Target) && e.Source.Code != e.Target.Code &&
					(e.Root == g.Root || e.PLOVER == g.PLOVER) && withinDay(e.Date, g.Date) {
					hits = append(hits, id)
					break
				}
			}
		}
		status := "missed"
		if len(hits) > 0 {
			status = "found in " + strings.Join(hits, ",")
		}
		if g.Required {
			required++
			if len(hits) > 0 {
				found++
			}
		}
		fmt.Fprintf(&table, "%s req=%-5v %s>%s %s/%s %s (%d articles listed): %s\n", g.ID, g.Required, g.Source, g.Target, g.Root, g.PLOVER, g.Date, len(g.Articles), status)
	}
	ids := make([]string, 0, len(arts))
	for id := range arts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, e := range arts[id].Events {
			fmt.Fprintf(&table, "  %s %s>%s %s %s neg=%v mod=%q %s %q\n", id, e.Source.Code, e.Target.Code, e.CAMEO, e.PLOVER, e.Negated, e.Modality, e.Date, e.Trigger)
		}
	}
	t.Logf("seed events: %d of %d required found\n%s", found, required, table.String())
	// Measured 13 of 13 with the embedded parser; the bar is 10.
	if found < 13 {
		t.Errorf("found %d of %d required events, floor 13", found, required)
	}
	// Issue 8 merges the reports of one event across the articles of a
	// story on (source, target, PLOVER type): the events every listed
	// article reports must share such a key.
	for _, g := range gold.Events {
		if len(g.Articles) < 2 || !g.Required {
			continue
		}
		count := map[string]int{}
		for _, id := range g.Articles {
			keys := map[string]bool{}
			for _, e := range arts[id].Events {
				if codeIs(e.Source, g.Source) && codeIs(e.Target, g.Target) && e.Source.Code != e.Target.Code &&
					(e.Root == g.Root || e.PLOVER == g.PLOVER) && withinDay(e.Date, g.Date) {
					keys[e.Source.Code+">"+e.Target.Code+":"+e.PLOVER] = true
				}
			}
			for k := range keys {
				count[k]++
			}
		}
		shared := false
		for _, n := range count {
			if n == len(g.Articles) {
				shared = true
			}
		}
		if !shared {
			t.Errorf("%s: no (source, target, type) reported by all of %v: %v", g.ID, g.Articles, count)
		}
	}
	// Forbidden.
	for _, id := range ids {
		a := arts[id]
		for _, e := range a.Events {
			ev := strings.ToLower(e.Span.In(a.Text))
			coop := e.Root >= "03" && e.Root <= "08"
			if coop && !e.Negated && codeIs(e.Source, "USA") && codeIs(e.Target, "IRN") &&
				(strings.Contains(ev, "coordinat") || strings.Contains(ev, "cooperat")) &&
				(strings.Contains(ev, "not ") || strings.Contains(ev, "n't") || strings.Contains(ev, "n’t")) {
				t.Errorf("%s: negated cooperation coded as plain cooperation: %s %q", id, e.CAMEO, e.Span.In(a.Text))
			}
			if (id == "001" && strings.HasPrefix(e.Date, "2007")) || (id == "002" && strings.HasPrefix(e.Date, "2022")) {
				t.Errorf("%s: event dated %s from a caption or stamp: %q", id, e.Date, e.Span.In(a.Text))
			}
			for _, line := range gold.Boilerplate[id] {
				if strings.Contains(e.Span.In(a.Text), line) {
					t.Errorf("%s: event from boilerplate %q", id, line)
				}
			}
		}
	}
}

// loadSeeds returns the processed-to-segmentation seed articles and the
// fixture directory.
func loadSeeds(tb testing.TB) (map[string]*model.Article, string) {
	tb.Helper()
	return seedtest.Articles(tb), seedtest.Dir(tb)
}
