package pipeline

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/alignments"
	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/seedtest"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// TestSeedAlignments ingests the seed articles through the real pipeline
// into a SQLite file, loads them back with alignments.Load and checks the
// issue's bars on the blocs, the bridge and the coalition's stances.
func TestSeedAlignments(t *testing.T) {
	seeds := seedtest.Dir(t)
	db := filepath.Join(t.TempDir(), "seeds.db")
	ingestDir(t, db, []string{seeds}, ingest.Options{Manifest: filepath.Join(seeds, "manifest.jsonl")})
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in, err := alignments.Load(context.Background(), st, alignments.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	r := alignments.Analyze(in, alignments.Options{})
	var sb strings.Builder
	_ = alignments.WriteText(&sb, r, in.Texts)
	t.Log("\n" + sb.String())

	usa := r.BlocOf("USA")
	if usa < 0 || r.BlocOf("FRA") != usa || r.BlocOf("GBR") != usa {
		t.Errorf("USA (bloc %d), FRA (bloc %d) and GBR (bloc %d) not in one bloc", usa, r.BlocOf("FRA"), r.BlocOf("GBR"))
	}
	if r.BlocOf("IRN") == usa {
		t.Errorf("IRN in the USA bloc %d", usa)
	}
	if r.BlocOf("SYR") == usa {
		t.Errorf("SYR in the USA bloc %d", usa)
	}
	// IRQ bridging the two camps, or tied to both: positive direct ties
	// to the USA bloc and to the IRN bloc.
	irn := r.BlocOf("IRN")
	bridging := r.IsBridge("IRQ") && bridgesInto(r, "IRQ", usa) && bridgesInto(r, "IRQ", irn)
	if !bridging && !(positiveTieInto(r, "IRQ", usa) && positiveTieInto(r, "IRQ", irn)) {
		t.Errorf("IRQ neither bridging nor tied to both the USA (%d) and IRN (%d) blocs: %+v", usa, irn, r.Bridges)
	}

	var coalition *alignments.InitiativeStances
	for i := range r.Initiatives {
		if r.Initiatives[i].Target == "ISIS" {
			coalition = &r.Initiatives[i]
		}
	}
	if coalition == nil {
		t.Fatalf("no initiative against ISIS: %+v", r.Initiatives)
	}
	if r.BlocOf(coalition.ID) != usa {
		t.Errorf("the coalition %s is not in the USA bloc", coalition.ID)
	}
	refuse, khamenei := false, false
	conditional := map[string]bool{}
	for _, s := range coalition.Stances {
		if s.Actor == "IRN" && s.Kind == alignments.Refuse {
			refuse = true
			for _, e := range s.Evidence {
				text := in.Texts[e.Article][e.Start:e.End]
				if e.Person == "Ali Khamenei" || strings.Contains(text, "Khamenei") {
					khamenei = true
				}
			}
		}
		if s.Kind == alignments.Conditional && s.On == "IRN" && s.Condition == "absent" {
			conditional[s.Actor] = true
		}
		if s.Actor == "USA" && s.Kind == alignments.Refuse {
			t.Errorf("USA refusing its own coalition: %+v", s)
		}
	}
	if !refuse || !khamenei {
		t.Errorf("IRN refusing the coalition: %v, with Khamenei evidence: %v", refuse, khamenei)
	}
	if !conditional["SAU"] || !conditional["ARE"] {
		t.Errorf("conditional on Iran's absence: %v, want SAU and ARE", conditional)
	}
}

func bridgesInto(r alignments.Result, actor string, bloc int) bool {
	for _, b := range r.Bridges {
		if b.Actor != actor {
			continue
		}
		for _, l := range b.Blocs {
			if l == bloc {
				return true
			}
		}
	}
	return false
}

// positiveTieInto reports whether actor has a positive direct tie to a
// member of bloc (other than itself).
func positiveTieInto(r alignments.Result, actor string, bloc int) bool {
	for _, e := range r.Network.Edges {
		other := ""
		switch actor {
		case e.A:
			other = e.B
		case e.B:
			other = e.A
		}
		if other != "" && e.Weight > 0 && r.BlocOf(other) == bloc {
			return true
		}
	}
	return false
}
