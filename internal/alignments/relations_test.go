package alignments

import (
	"reflect"
	"strings"
	"testing"
)

func TestRelationRules(t *testing.T) {
	for _, tc := range []struct {
		marked string
		want   []string // "A B kind", A < B
	}{
		{"[[AAA Atlantis]], [[BBB Borduria]]'s closest ally, sent troops.", []string{"AAA BBB ally"}},
		{"[[AAA Atlantis]] is [[BBB Borduria]]'s main partner in the region.", []string{"AAA BBB ally"}},
		{"[[CCC Carpathia]], one of [[BBB Borduria]]'s oldest allies, voted no.", []string{"BBB CCC ally"}},
		{"[[DDD Dalmatia]], a close ally of [[EEE Elbonia]], abstained.", []string{"DDD EEE ally"}},
		{"[[DDD Dalmatia]] has long been the main backer of [[EEE the Elbonian government]].", []string{"DDD EEE ally"}},
		{"[[FFF Freedonia]] and its allies [[GGG Genovia]] and [[HHH Hyrkania]] met on Monday.", []string{"FFF GGG ally", "FFF HHH ally"}},
		{"[[BBB Borduria]]'s allies, including [[CCC Carpathia]] and [[DDD Dalmatia]], stayed away.", []string{"BBB CCC ally", "BBB DDD ally"}},
		{"[[FFF Freedonia]] and [[GGG Genovia]] are close partners.", []string{"FFF GGG ally"}},
		{"[[AAA Atlantis]], a member of [[NNN the Northern League]], objected.", []string{"AAA NNN ally"}},
		{"[[AAA Atlantis]], [[ZZZ Zembla]]'s arch-rival, protested.", []string{"AAA ZZZ enemy"}},
		{"[[AAA Atlantis]] and [[ZZZ Zembla]] remain bitter enemies.", []string{"AAA ZZZ enemy"}},
		// Not (or not now) a relation between the two actors named.
		{"[[AAA Atlantis]], the main ally of [[ZZZ Zembla]]'s enemies in the north, refused.", nil},
		{"[[AAA Atlantis]], [[BBB Borduria]]'s former ally, changed sides.", nil},
		{"[[AAA Atlantis]] is not [[BBB Borduria]]'s ally.", nil},
		{"[[AAA Atlantis]] would become a member of [[NNN the Northern League]] next year.", nil},
		{"If [[AAA Atlantis]] is [[BBB Borduria]]'s ally, talks will fail.", nil},
		{"[[ZZZ Zembla]] and its allies overran the valley.", nil},
		{"[[BBB Borduria]]'s allies hope for a deal.", nil},
		{"[[AAA Atlantis]] met [[BBB Borduria]]'s partners in the capital.", nil},
	} {
		s, _ := sentence(t, tc.marked)
		var got []string
		for _, r := range Relations([]Sentence{s}) {
			got = append(got, r.A+" "+r.B+" "+r.Kind)
			if r.Evidence.Article != "art" || r.Date != "2020-05-01" {
				t.Errorf("%q: evidence %+v date %q", tc.marked, r.Evidence, r.Date)
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q:\n got %v\nwant %v", tc.marked, got, tc.want)
		}
	}
}

// TestRelationOutweighsTalk checks the weights: an alliance statement
// outweighs a meeting with the other side, so the ally joins its
// partner's bloc.
func TestRelationOutweighsTalk(t *testing.T) {
	s, text := sentence(t, "[[GGG Gondor]], [[UUU Umbar]]'s main ally, sent ships.")
	evs := []Event{
		{ID: "talk", Source: "GGG", Target: "MMM", Goldstein: 4, Quad: 1, Date: "2020-05-01", Corroboration: 1},
		{ID: "war", Source: "UUU", Target: "MMM", Goldstein: -10, Quad: 4, Date: "2020-05-01", Corroboration: 1},
	}
	r := Analyze(Input{Events: evs, Sentences: []Sentence{s}, Texts: map[string]string{"art": text}}, Options{})
	if r.BlocOf("GGG") != r.BlocOf("UUU") || r.BlocOf("GGG") == r.BlocOf("MMM") {
		t.Errorf("blocs %+v: want GGG with UUU, apart from MMM", r.Blocs)
	}
	if len(r.Relations) != 1 || r.Relations[0].Weight() <= 2*Contribution(evs[0]) {
		t.Errorf("relations %+v: want one alliance weighing more than twice the meeting", r.Relations)
	}
	var sb strings.Builder
	if err := WriteText(&sb, r, map[string]string{"art": text}); err != nil || !strings.Contains(sb.String(), "ally: GGG and UUU, art 0-") {
		t.Errorf("text output %q (%v)", sb.String(), err)
	}
}
