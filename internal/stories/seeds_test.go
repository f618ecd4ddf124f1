package stories

import (
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/seedtest"
)

// TestSeeds checks the acceptance bar: 002, 003 and 004 (one day's events
// told by three outlets) form one event cluster; 000 and 001 (earlier and
// later episodes) are other event clusters of the same storyline. Every
// arrival order of the five must give that, in an empty index and in one
// that already holds the ECB+ documents (unrelated, undated stories).
func TestSeeds(t *testing.T) {
	arts := loadSeedArticles(t)
	t.Run("empty", func(t *testing.T) { checkSeeds(t, arts, nil) })
	t.Run("after-ecb", func(t *testing.T) { checkSeeds(t, arts, loadECB(t)) })
}

func checkSeeds(t *testing.T, arts map[string]*model.Article, before []ECBDoc) {
	orders := [][]string{
		{"000", "001", "002", "003", "004"},
		{"004", "003", "002", "001", "000"},
		{"001", "002", "000", "003", "004"},
		{"003", "000", "004", "001", "002"},
	}
	for _, order := range orders {
		x := NewIndex(Options{})
		for _, d := range before {
			x.Place(d.Article)
		}
		for _, k := range order {
			x.Place(arts[k])
		}
		p := map[string]Placement{}
		for k, a := range arts {
			p[k], _ = x.Lookup(a.ID)
		}
		if p["002"].Event != p["003"].Event || p["002"].Event != p["004"].Event {
			t.Errorf("order %v: 002, 003, 004 in events %s, %s, %s; want one", order, p["002"].Event, p["003"].Event, p["004"].Event)
		}
		for _, k := range []string{"000", "001"} {
			if p[k].Event == p["002"].Event {
				t.Errorf("order %v: %s in the event cluster of 002-004", order, k)
			}
			if p[k].Storyline != p["002"].Storyline {
				t.Errorf("order %v: %s in storyline %s, 002 in %s; want the same", order, k, p[k].Storyline, p["002"].Storyline)
			}
		}
		if p["000"].Event == p["001"].Event {
			t.Errorf("order %v: 000 and 001 in one event cluster", order)
		}
		for k, pl := range p {
			if pl.DuplicateOf != "" {
				t.Errorf("order %v: %s taken for a copy of %s", order, k, pl.DuplicateOf)
			}
		}
	}
}

// loadSeedArticles returns the seed articles, extracted and segmented.
func loadSeedArticles(t *testing.T) map[string]*model.Article {
	t.Helper()
	return seedtest.Articles(t)
}
