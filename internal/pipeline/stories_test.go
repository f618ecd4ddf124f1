package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/seedtest"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// storiesByArticle maps each article's source-file prefix ("002") to its
// event cluster and storyline.
func storiesByArticle(t *testing.T, db string) (event, storyline map[string]string, all []model.Story) {
	t.Helper()
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	name := map[string]string{}
	ids, _ := st.ArticleIDs(ctx)
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		name[id] = strings.SplitN(a.SourceFile, "_", 2)[0]
	}
	all, err = st.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	event, storyline = map[string]string{}, map[string]string{}
	for _, s := range all {
		for _, a := range s.Articles {
			m := event
			if s.Level == "storyline" {
				m = storyline
			}
			if old, dup := m[name[a]]; dup {
				t.Errorf("article %s in two %s stories: %s and %s", name[a], s.Level, old, s.ID)
			}
			m[name[a]] = s.ID
		}
	}
	if len(event) != len(ids) || len(storyline) != len(ids) {
		t.Errorf("%d articles, %d in event clusters, %d in storylines", len(ids), len(event), len(storyline))
	}
	return event, storyline, all
}

// TestSeedStories checks the seed fixture's story bar: 002, 003 and 004
// form one event cluster; 000 and 001 are other event clusters of the same
// storyline. A second ingest of the same files changes nothing.
func TestSeedStories(t *testing.T) {
	seeds := seedtest.Dir(t)
	db := filepath.Join(t.TempDir(), "seeds.db")
	opts := ingest.Options{Manifest: filepath.Join(seeds, "manifest.jsonl")}
	ingestDir(t, db, []string{seeds}, opts)
	ev, sl, first := storiesByArticle(t, db)
	t.Logf("event clusters %v, storylines %v", ev, sl)
	if ev["002"] != ev["003"] || ev["003"] != ev["004"] {
		t.Errorf("002, 003, 004 in event clusters %s, %s, %s; want one", ev["002"], ev["003"], ev["004"])
	}
	if ev["000"] == ev["002"] || ev["001"] == ev["002"] || ev["000"] == ev["001"] {
		t.Errorf("000 and 001 must be event clusters of their own: %v", ev)
	}
	lines := map[string]bool{}
	for _, s := range sl {
		lines[s] = true
	}
	if len(lines) != 1 {
		t.Errorf("storylines %v; want all five in one", sl)
	}

	ingestDir(t, db, []string{seeds}, opts)
	_, _, second := storiesByArticle(t, db)
	sort.Slice(first, func(i, j int) bool { return first[i].ID < first[j].ID })
	sort.Slice(second, func(i, j int) bool { return second[i].ID < second[j].ID })
	if !reflect.DeepEqual(first, second) {
		t.Errorf("a second ingest of the same files changed the stories:\n%+v\n%+v", first, second)
	}
}

// TestStoriesAfterInterruptedRun simulates a crash between a batch commit
// and the story write: articles stored by a run with stories off are
// placed by the next run.
func TestStoriesAfterInterruptedRun(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write(t, filepath.Join(in, "a.txt"), []byte(goodArticle))
	write(t, filepath.Join(in, "b.txt"), []byte(strings.Replace(goodArticle, "third round", "fourth round", 1)))
	db := filepath.Join(dir, "s.db")
	ingestWith(t, db, []string{filepath.Join(in, "a.txt")}, Options{Workers: 1, NoStories: true})
	ingestWith(t, db, []string{in}, Options{Workers: 1})
	ev, sl, _ := storiesByArticle(t, db)
	if len(ev) != 2 || len(sl) != 2 {
		t.Errorf("event clusters %v, storylines %v: want both articles placed", ev, sl)
	}
}

func TestUpdateStories(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write(t, filepath.Join(in, "a.txt"), []byte(goodArticle))
	write(t, filepath.Join(in, "b.txt"), []byte(strings.Replace(goodArticle, "third round", "fourth round", 1)))
	db := filepath.Join(dir, "s.db")
	ingestWith(t, db, []string{in}, Options{Workers: 2, NoStories: true})
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := UpdateStories(context.Background(), st); err != nil || n != 2 {
		t.Errorf("UpdateStories placed %d (%v), want 2", n, err)
	}
	if n, err := UpdateStories(context.Background(), st); err != nil || n != 0 {
		t.Errorf("second UpdateStories placed %d (%v), want 0", n, err)
	}
	st.Close()
	ev, sl, _ := storiesByArticle(t, db)
	if len(ev) != 2 || len(sl) != 2 {
		t.Errorf("event clusters %v, storylines %v", ev, sl)
	}
}

// TestSeedMergedEvents checks issue 8's bar on the seeds: gold events E01
// (IRN rejects USA), E02 (USA rejects IRN) and E04 (conference
// participants support IRQ) each come out as one merged event listing 002,
// 003 and 004, with corroboration 3.
func TestSeedMergedEvents(t *testing.T) {
	shared := os.Getenv("SITREP_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	seeds := filepath.Join(shared, "fixtures", "seeds")
	if _, err := os.Stat(filepath.Join(seeds, "manifest.jsonl")); err != nil {
		t.Skipf("seed fixture not found at %s (set SITREP_SHARED): %v", seeds, err)
	}
	db := filepath.Join(t.TempDir(), "seeds.db")
	ingestDir(t, db, []string{seeds}, ingest.Options{})
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	num := map[string]string{}
	ids, _ := st.ArticleIDs(ctx)
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		num[id] = a.SourceFile[:3]
	}
	merged, err := st.MergedEvents(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	gold := []struct {
		id, source, target, root, plover string
	}{
		{"E01", "IRN", "USA", "12", "REJECT"},
		{"E02", "USA", "IRN", "12", "REJECT"},
		{"E04", "*", "IRQ", "03", "SUPPORT"},
	}
	for _, g := range gold {
		var best *model.MergedEvent
		for i, m := range merged {
			if (g.source == "*" || m.Source == g.source) && m.Target == g.target && (m.Root == g.root || m.PLOVER == g.plover) &&
				(best == nil || len(m.Articles) > len(best.Articles)) {
				best = &merged[i]
			}
		}
		if best == nil {
			t.Errorf("%s %s>%s %s/%s: no merged event", g.id, g.source, g.target, g.root, g.plover)
			continue
		}
		var arts []string
		for _, a := range best.Articles {
			arts = append(arts, num[a])
		}
		sort.Strings(arts)
		t.Logf("%s: merged event %s %s>%s %s %s, articles %v, corroboration %d", g.id, best.ID, best.Source, best.Target, best.CAMEO, best.Date, arts, best.Corroboration)
		if strings.Join(arts, ",") != "002,003,004" || best.Corroboration != 3 {
			t.Errorf("%s: merged event lists %v with corroboration %d; want 002,003,004 and 3", g.id, arts, best.Corroboration)
		}
	}
}
