package timex

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// seedEvent is the part of a gold event this stage answers for.
type seedEvent struct {
	ID       string   `json:"id"`
	Date     string   `json:"date"`
	Articles []string `json:"articles"`
	Required bool     `json:"required"`
}

// loadSeedArticles runs extract (with the manifest, as ingest does),
// segment and Annotate on the five seed articles, keyed by their number
// ("000"...), and returns the gold events.
func loadSeedArticles(t testing.TB) (map[string]*model.Article, []seedEvent) {
	dir := sharedDir(t, filepath.Join("fixtures", "seeds"))
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("want 5 seed files, got %d (%v)", len(files), err)
	}
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	manifest := map[string]model.Meta{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct {
			File string `json:"file"`
			model.Meta
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		manifest[m.File] = m.Meta
	}
	arts := map[string]*model.Article{}
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, rej := extract.Extract(model.Document{Path: p, Format: "txt", Container: "txt", Raw: string(raw),
			Meta: manifest[filepath.Base(p)], MetaSource: "manifest"})
		if rej != nil {
			t.Fatalf("%s rejected: %v", p, rej)
		}
		segment.Segment(a, segment.Options{})
		Annotate(a)
		arts[filepath.Base(p)[:3]] = a
	}
	b, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Events []seedEvent `json:"events"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	return arts, gold.Events
}

func daysApart(a, b string) int {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return 1 << 20
	}
	d := int(ta.Sub(tb).Hours() / 24)
	if d < 0 {
		d = -d
	}
	return d
}

// findVerb returns the first token spelled verb in a sentence of a that
// also contains the word cue.
func findVerb(t *testing.T, a *model.Article, verb, cue string) int {
	t.Helper()
	for si, s := range a.Sentences {
		text := s.Span.In(a.Text)
		if !strings.Contains(text, cue) {
			continue
		}
		for i := s.FirstToken; i < s.EndToken; i++ {
			if a.TokenText(a.Tokens[i]) == verb {
				_ = si
				return i
			}
		}
	}
	t.Fatalf("%s: no %q beside %q", a.SourceFile, verb, cue)
	return -1
}

// TestSeedEventDates is the acceptance bar of the time stage on the seed
// articles. The event stage does not exist yet, so each required gold
// event is located by its verb (and a word of its sentence) and dated by
// EventDate; the date must be the gold date within one day. Every
// required event's date must also be reachable in each article that
// reports it (a non-caption expression or the publication date within a
// day), and no event may be dated 2007 (a caption) or 2022 (a
// republication stamp).
func TestSeedEventDates(t *testing.T) {
	arts, events := loadSeedArticles(t)
	gold := map[string]seedEvent{}
	for _, e := range events {
		gold[e.ID] = e
	}
	cases := []struct {
		event, article, verb, cue string
	}{
		{"E01", "003", "said", "Khamenei"},       // "said Monday", published Monday itself
		{"E01", "004", "rejected", "personally"}, // a reported clause dated by "said on Monday"
		{"E02", "002", "said", "opposed"},        // "said on Monday", published Tuesday
		{"E03", "004", "said", "Central Command"},
		{"E06", "001", "pressed", "region"}, // "on Wednesday", the publication day
		{"E07", "001", "said", "Kurds"},
		{"E08", "001", "released", "video"}, // "On Tuesday", the day before publication
		{"E09", "000", "speak", "Rouhani"},  // "which begins today"
		{"E10", "000", "rejected", "offer"}, // "yesterday"
		{"E11", "000", "held", "Hammond"},   // "yesterday"
		{"E13", "004", "face", "retaliation"},
	}
	for _, tc := range cases {
		a := arts[tc.article]
		e, ok := gold[tc.event]
		if !ok || a == nil {
			t.Fatalf("gold event %s or article %s missing", tc.event, tc.article)
		}
		d := EventDate(a, findVerb(t, a, tc.verb, tc.cue))
		t.Logf("%s in %s (%q): %s from %s %q", tc.event, tc.article, tc.verb, d.Value, d.Basis, d.Span.In(a.Text))
		if d.Basis != "timex" {
			t.Errorf("%s in %s (%q): dated from %s, want the sentence's expression", tc.event, tc.article, tc.verb, d.Basis)
		}
		if daysApart(d.Value, e.Date) > 1 {
			t.Errorf("%s in %s (%q): dated %s from %s, gold %s", tc.event, tc.article, tc.verb, d.Value, d.Basis, e.Date)
		}
	}

	for _, e := range events {
		if !e.Required {
			continue
		}
		for _, id := range e.Articles {
			a := arts[id]
			ok := daysApart(a.Published, e.Date) <= 1
			for _, x := range a.Timexes {
				if day, isDay := FirstDay(x.Value); isDay && x.Precision == "day" && !isCaption(a, x.Sentence) && daysApart(day, e.Date) <= 1 {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: gold date %s is neither the publication date (%s) nor any expression of article %s", e.ID, e.Date, a.Published, id)
			}
		}
	}

	// No token of a body sentence is dated from a caption or a stamp.
	dated := 0
	for id, a := range arts {
		for si, s := range a.Sentences {
			for tok := s.FirstToken; tok < s.EndToken; tok++ {
				d := EventDate(a, tok)
				if strings.HasPrefix(d.Value, "2007") || strings.HasPrefix(d.Value, "2022") {
					t.Errorf("%s sentence %d token %q dated %s (%s)", id, si, a.TokenText(a.Tokens[tok]), d.Value, d.Basis)
				}
				if isCaption(a, si) && d.Basis == "timex" {
					t.Errorf("%s: caption sentence %d dated from an expression", id, si)
				}
				if d.Basis == "timex" {
					dated++
				}
			}
		}
	}
	if dated == 0 {
		t.Error("no token dated by an expression at all")
	}
	// The caption's year is still recognised: captions are skipped, not lost.
	found := false
	for _, x := range arts["001"].Timexes {
		if x.Value == "2007" && isCaption(arts["001"], x.Sentence) {
			found = true
		}
	}
	if !found {
		t.Error("001: the caption's 2007 is not recognised in a caption sentence")
	}
}
