package quotes

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/seedtest"
)

// sharedDir locates ../shared (or $SITREP_SHARED) and skips the test when
// the file rel is absent there.
func sharedDir(tb testing.TB, rel string) string {
	tb.Helper()
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
		tb.Skipf("shared data not found at %s (set SITREP_SHARED): %v", dir, err)
	}
	return dir
}

type goldQuote struct {
	Article    string `json:"article"`
	Speaker    string `json:"speaker"`
	StartsWith string `json:"starts_with"`
	Kind       string `json:"kind"`
	Required   bool   `json:"required"`
}

// TestSeedQuotes checks the acceptance bar: the required quotes of the
// seed gold found with the right speaker.
func TestSeedQuotes(t *testing.T) {
	arts := loadSeeds(t)
	b, err := os.ReadFile(filepath.Join(sharedDir(t, "fixtures/seeds/gold.json"), "fixtures", "seeds", "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Quotes []goldQuote `json:"quotes"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	found, required, stretch := 0, 0, 0
	for _, g := range gold.Quotes {
		a := arts[g.Article]
		if a == nil {
			t.Fatalf("gold names article %s, not loaded", g.Article)
		}
		qs := Extract(a)
		want := seedtest.NormQuote(g.StartsWith)
		var hit *model.Quote
		for i := range qs {
			if strings.HasPrefix(seedtest.NormQuote(qs[i].Text), want) {
				hit = &qs[i]
				if seedtest.SpeakerMatches(g.Speaker, hit.Speaker) {
					break
				}
			}
		}
		ok := hit != nil && seedtest.SpeakerMatches(g.Speaker, hit.Speaker)
		if g.Required {
			required++
		}
		switch {
		case ok && g.Required:
			found++
		case ok:
			stretch++
		case hit == nil:
			t.Logf("miss %s (required %v): no quote starts %q", g.Article, g.Required, g.StartsWith)
		default:
			t.Logf("miss %s (required %v): %q has speaker %+v, want %s", g.Article, g.Required, g.StartsWith, hit.Speaker, g.Speaker)
		}
	}
	t.Logf("seed quotes: %d of %d required found with the right speaker (%d stretch)", found, required, stretch)
	const floor = 38 // measured 38 of 38
	if found < floor {
		t.Errorf("found %d required quotes, floor %d", found, floor)
	}
}

// loadSeeds returns the seed articles, extracted and segmented.
func loadSeeds(tb testing.TB) map[string]*model.Article {
	tb.Helper()
	return seedtest.Articles(tb)
}
