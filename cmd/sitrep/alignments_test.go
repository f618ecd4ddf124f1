package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// alignmentsStore writes a store with three dyadic events over two weeks:
// AAA and BBB cooperate, both fight CCC; in the second week AAA turns on
// BBB.
func alignmentsStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "al.db")
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var arts []*model.Article
	for i, e := range []struct {
		src, tgt, date string
		g              float64
		quad           int
	}{
		{"AAA", "BBB", "2021-03-01", 7, 2}, {"AAA", "CCC", "2021-03-02", -10, 4}, {"BBB", "CCC", "2021-03-03", -10, 4},
		{"AAA", "BBB", "2021-03-10", -10, 4}, {"AAA", "CCC", "2021-03-11", 7, 2}, {"AAA", "BBB", "2021-03-12", -9, 4},
	} {
		id := strings.Repeat(string(rune('a'+i)), 16)
		text := e.src + " acted toward " + e.tgt + "."
		arts = append(arts, &model.Article{ID: id, ContentHash: id + strings.Repeat("0", 48), Text: text, Language: "en", Published: e.date,
			Events: []model.Event{{ID: id + "-e1", Span: model.Span{Start: 0, End: len(text)}, Trigger: "acted",
				Source: model.Participant{Code: e.src}, Target: model.Participant{Code: e.tgt},
				CAMEO: "190", Root: "19", PLOVER: "FIGHT", Goldstein: e.g, Quad: e.quad, Date: e.date}}})
	}
	if _, err := st.PutArticles(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestAlignmentsCommand(t *testing.T) {
	db := alignmentsStore(t)
	ctx := context.Background()
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"alignments", "--db", db, "--to", "2021-03-05"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if s := out.String(); !strings.Contains(s, "bloc 0: AAA") || !strings.Contains(s, "BBB") || !strings.Contains(s, "2 blocs") {
		t.Errorf("text output:\n%s", s)
	}

	out.Reset()
	if code := run(ctx, []string{"alignments", "--db", db, "--from", "2021-03-01", "--to", "2021-03-14", "--windows", "2", "--format", "json"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res struct {
		Windows []struct {
			From  string
			Blocs []struct{ Members []struct{ Actor string } }
		}
		Shifts [][]struct {
			Actor  string
			Events []string
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(res.Windows) != 2 || res.Windows[1].From != "2021-03-08" || len(res.Shifts) != 1 {
		t.Fatalf("windows %+v shifts %+v", res.Windows, res.Shifts)
	}
	// In week two AAA leaves BBB for CCC: someone moved, after events of
	// the second week.
	if len(res.Shifts[0]) == 0 || len(res.Shifts[0][0].Events) == 0 {
		t.Errorf("no shift between the weeks: %+v", res.Shifts)
	}

	for _, args := range [][]string{
		{"alignments", "--db", db, "--from", "March"},
		{"alignments", "--db", db, "--format", "xml"},
		{"alignments", "--db", db, "--windows", "3"},
		{"alignments", "--db", db, "extra"},
	} {
		if code := run(ctx, args, &out, &errb); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code := run(ctx, []string{"alignments", "--db", filepath.Join(t.TempDir(), "none.db")}, &out, &errb); code != 1 {
		t.Errorf("missing store: exit %d, want 1", code)
	}
}
