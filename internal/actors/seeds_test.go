package actors

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/seedtest"
)

// sharedDir locates ../shared (or $SITREP_SHARED) and skips the test when
// it is absent.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("shared data not found at %s (set SITREP_SHARED): %v", dir, err)
	}
	return dir
}

type goldActor struct {
	Name     string   `json:"name"`
	Mentions []string `json:"mentions"`
}

type goldPerson struct {
	Name    string   `json:"name"`
	Country string   `json:"country"`
	Sector  string   `json:"sector"`
	Aliases []string `json:"aliases"`
}

type seedGold struct {
	Actors map[string]goldActor `json:"actors"`
	People []goldPerson         `json:"people"`
}

// loadSeedArticles runs extract and segment on the seed articles with
// their manifest, as ingest does. The texts are read at test time and
// never copied into the repository.
func loadSeedArticles(tb testing.TB) ([]*model.Article, seedGold) {
	tb.Helper()
	m := seedtest.Articles(tb)
	var gold seedGold
	b, err := os.ReadFile(filepath.Join(seedtest.Dir(tb), "gold.json"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		tb.Fatal(err)
	}
	arts := make([]*model.Article, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		arts = append(arts, m[k])
	}
	return arts, gold
}

// occurrence is one place a gold surface form occurs in an article.
type occurrence struct {
	span model.Span
	form string
}

// occurrences finds the word-bounded, case-sensitive occurrences of forms
// in the annotated (non-caption) sentences of a; an occurrence inside a
// longer form's occurrence is dropped.
func occurrences(a *model.Article, forms []string) []occurrence {
	var out []occurrence
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	for _, s := range a.Sentences {
		if a.Paragraphs[s.Paragraph].Kind == model.KindCaption {
			continue
		}
		text := s.Span.In(a.Text)
		for _, form := range forms {
			for off := 0; ; {
				i := strings.Index(text[off:], form)
				if i < 0 {
					break
				}
				st, en := off+i, off+i+len(form)
				off = st + 1
				if st > 0 {
					r, _ := utf8.DecodeLastRuneInString(text[:st])
					if unicode.IsLetter(r) || unicode.IsDigit(r) {
						continue
					}
				}
				if en < len(text) {
					r, _ := utf8.DecodeRuneInString(text[en:])
					if unicode.IsLetter(r) || unicode.IsDigit(r) {
						continue
					}
				}
				span := model.Span{Start: s.Span.Start + st, End: s.Span.Start + en}
				inside := false
				for _, o := range out {
					if o.span.Start <= span.Start && span.End <= o.span.End {
						inside = true
					}
				}
				if !inside {
					out = append(out, occurrence{span: span, form: form})
				}
			}
		}
	}
	return out
}

// within reports whether span lies inside a longer occurrence.
func within(span model.Span, occs []occurrence) bool {
	for _, o := range occs {
		if o.span.Start <= span.Start && span.End <= o.span.End && o.span.Len() > span.Len() {
			return true
		}
	}
	return false
}

// overlapping returns the mentions overlapping span.
func overlapping(a *model.Article, span model.Span) []model.Mention {
	var out []model.Mention
	for _, m := range a.Mentions {
		if m.Span.Start < span.End && span.Start < m.Span.End {
			out = append(out, m)
		}
	}
	return out
}

func describe(ms []model.Mention) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, m.Text+"→"+m.Actor+"/"+m.Sector+"/"+m.Person+"("+m.Via+")")
	}
	return strings.Join(parts, "; ")
}

// TestSeedsActors checks the acceptance bars on the seed articles: every
// occurrence of a gold actor's surface form resolves to its code (an IGO
// body such as the UN Security Council also names its parent, the UN),
// and every occurrence of a gold person's name or alias resolves to the
// person with the right country and sector.
func TestSeedsActors(t *testing.T) {
	arts, gold := loadSeedArticles(t)
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(kb)
	for _, a := range arts {
		r.Annotate(a)
	}
	total, hit := 0, 0
	for code, ga := range gold.Actors {
		for _, a := range arts {
			for _, o := range occurrences(a, append([]string(nil), ga.Mentions...)) {
				total++
				ms := overlapping(a, o.span)
				ok := false
				for _, m := range ms {
					if m.Actor == code || kb.Parent(m.Actor) == code {
						ok = true
					}
				}
				if ok {
					hit++
				} else {
					t.Logf("actor miss %s %s %q at %v: %s", a.SourceFile[:3], code, o.form, o.span, describe(ms))
				}
			}
		}
	}
	actorRate := float64(hit) / float64(max(total, 1))
	t.Logf("actors: %d/%d occurrences resolved (%.4f)", hit, total, actorRate)

	// A person's name inside a form the gold lists for an actor ("the
	// Obama administration") names that actor, not the person.
	var actorForms []string
	for _, ga := range gold.Actors {
		actorForms = append(actorForms, ga.Mentions...)
	}
	ptotal, phit := 0, 0
	for _, gp := range gold.People {
		forms := append([]string{gp.Name}, gp.Aliases...)
		for _, a := range arts {
			inActor := occurrences(a, append([]string(nil), actorForms...))
			for _, o := range occurrences(a, forms) {
				if within(o.span, inActor) {
					continue
				}
				ptotal++
				ms := overlapping(a, o.span)
				ok := false
				for _, m := range ms {
					if m.Person == gp.Name && m.Actor == gp.Country && m.Sector == gp.Sector {
						ok = true
					}
				}
				if ok {
					phit++
				} else {
					t.Logf("person miss %s %s %q at %v: %s", a.SourceFile[:3], gp.Name, o.form, o.span, describe(ms))
				}
			}
		}
	}
	personRate := float64(phit) / float64(max(ptotal, 1))
	t.Logf("people: %d/%d occurrences resolved (%.4f)", phit, ptotal, personRate)
	if total < 100 || ptotal < 50 {
		t.Fatalf("too few gold occurrences found (%d actors, %d people): fixture changed?", total, ptotal)
	}
	// Floors at the measured figures (345/345 and 83/85; bars 0.95, 0.90).
	if actorRate < 1.0 {
		t.Errorf("actor resolution %.4f, floor 1.0", actorRate)
	}
	if personRate < 0.97 {
		t.Errorf("person resolution %.4f, floor 0.97", personRate)
	}
}
