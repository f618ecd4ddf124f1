package events

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestScratchDump(t *testing.T) {
	arts, _ := loadSeeds(t)
	p := testPipeline(t)
	keys := strings.Split(os.Getenv("KEYS"), ",")
	for id, a := range arts {
		p.Run(a)
		for _, s := range a.Sentences {
			txt := s.Span.In(a.Text)
			hit := false
			for _, k := range keys {
				if k != "" && strings.Contains(txt, k) {
					hit = true
				}
			}
			if !hit {
				continue
			}
			t.Logf("%s: %s", id, txt)
			for i := s.FirstToken; i < s.EndToken; i++ {
				sy := a.Tokens[i].Syntax
				m := ""
				for _, mm := range a.Mentions {
					if mm.Span.Start <= a.Tokens[i].Span.Start && a.Tokens[i].Span.End <= mm.Span.End {
						m = mm.Actor + "/" + mm.Sector + " " + mm.Kind
					}
				}
				t.Logf("  %3d %-15s %-12s %-5s %3d %-10s %s", i-s.FirstToken+1, a.Tokens[i].Span.In(a.Text), sy.Lemma, sy.UPOS, sy.Head-s.FirstToken+1, sy.Rel, m)
			}
		}
	}
}

func TestScratchPLOVER(t *testing.T) {
	p := testPipeline(t)
	if os.Getenv("PV") != "" {
		f, _ := os.Open("/work/shared/data/petrarch/CAMEO.2.0.txt")
		pv, _ := LoadPetrarchVerbs(f, "c2")
		own, _ := ProjectDictionary()
		p.Coder, _ = New(Options{}, own, pv)
	}
	b, _ := os.ReadFile("/work/shared/data/plover/PLOVER_GSR_dev.json")
	var recs []struct {
		Event, Text, Date string
		Source, Target    json.RawMessage
	}
	json.Unmarshal(b, &recs)
	for _, r := range recs[1:] {
		a := sentenceArticle("x", r.Text, r.Date)
		p.Run(a)
		e, ok := mainEvent(a)
		got := "-"
		if ok {
			got = e.Source.Code + ">" + e.Target.Code + " " + e.PLOVER + " " + e.CAMEO + " " + e.Trigger
		}
		var ms []string
		for _, m := range a.Mentions {
			ms = append(ms, m.Text+"="+m.Actor)
		}
		t.Logf("%-11s %v>%v | %s | %s || %s", r.Event, goldActors(r.Source), goldActors(r.Target), got, r.Text[:min(90, len(r.Text))], strings.Join(ms, ","))
	}
}

func TestScratchPLOVERPV(t *testing.T) {
	p := testPipeline(t)
	f, _ := os.Open("/work/shared/data/petrarch/CAMEO.2.0.txt")
	pv, _ := LoadPetrarchVerbs(f, "c2")
	own, _ := ProjectDictionary()
	p.Coder, _ = New(Options{}, own, pv)
	res, _ := EvalPLOVER("/work/shared/data/plover/PLOVER_GSR_dev.json", p)
	t.Logf("%+v", res)
}

func TestScratchPetr(t *testing.T) {
	petrDebug = func(id, text string, want, got []string, ok bool) {
		if !ok {
			t.Logf("%s want %v got %v | %s", id, want, got, text[:min(100, len(text))])
		}
	}
	dir := "/work/shared/data/petrarch"
	EvalPetrarch(dir+"/PETR.UnitTest.records.xml", dir, testSyntaxModel(t))
}

func TestScratchOne(t *testing.T) {
	p := testPipeline(t)
	a := sentenceArticle("x", os.Getenv("S"), "1995-01-01")
	p.Run(a)
	for i, tk := range a.Tokens {
		sy := tk.Syntax
		t.Logf("%3d %-12s %-10s %-5s %3d %s", i+1, tk.Span.In(a.Text), sy.Lemma, sy.UPOS, sy.Head+1, sy.Rel)
	}
	t.Log(brief(a.Events))
}
