package stories

import (
	"reflect"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// The reports below are made up: three outlets report that Veloria
// rejected an Ostravan request on the same day; one outlet's copy reposts
// another; reports differ on the date, on negation and on a number.
func mergeExample() []Event {
	sp := func(s, e int) model.Span { return model.Span{Start: s, End: e} }
	return []Event{
		{ID: "a1", Article: "A", Outlet: "Northern Courier", Story: "ev-1", Source: "VLR", Target: "OST", Type: "12", Date: "2031-03-04", Evidence: sp(0, 40)},
		{ID: "b1", Article: "B", Outlet: "Harbour Times", Story: "ev-1", Source: "VLR", Target: "OST", Type: "12", Date: "2031-03-04", Evidence: sp(10, 50), Numbers: []string{"3 requests"}},
		{ID: "c1", Article: "C", Outlet: "Plains Gazette", Story: "ev-1", Source: "VLR", Target: "OST", Type: "12", Date: "2031-03-05", Evidence: sp(5, 30), Numbers: []string{"2 requests"}},
		// D copies A: it counts once, with A.
		{ID: "d1", Article: "D", Outlet: "Aggregator Daily", Original: "A", Story: "ev-1", Source: "VLR", Target: "OST", Type: "12", Date: "2031-03-04", Evidence: sp(30, 70)},
		// E is a second article of the Harbour Times, and says the
		// rejection did not happen.
		{ID: "e1", Article: "E", Outlet: "harbour times", Story: "ev-1", Source: "VLR", Target: "OST", Type: "12", Date: "2031-03-04", Negated: true, Evidence: sp(0, 20)},
		// Another dyad in the same story, a week later in the same
		// story, and the same dyad in another story: three other events.
		{ID: "a2", Article: "A", Outlet: "Northern Courier", Story: "ev-1", Source: "OST", Target: "VLR", Type: "12", Date: "2031-03-04", Evidence: sp(50, 90)},
		{ID: "b2", Article: "B", Outlet: "Harbour Times", Story: "ev-1", Source: "VLR", Target: "OST", Type: "12", Date: "2031-03-11", Evidence: sp(60, 90)},
		{ID: "f1", Article: "F", Outlet: "Sports Desk", Story: "ev-2", Source: "VLR", Target: "OST", Type: "12", Date: "2031-03-04", Evidence: sp(0, 10)},
	}
}

func TestMerge(t *testing.T) {
	got := Merge(mergeExample(), MergeOptions{})
	if len(got) != 4 {
		t.Fatalf("%d merged events, want 4: %+v", len(got), got)
	}
	var main *MergedEvent
	for i := range got {
		if got[i].Story == "ev-1" && got[i].Source == "VLR" && got[i].Date == "2031-03-04" {
			main = &got[i]
		}
	}
	if main == nil {
		t.Fatalf("no merged VLR-OST event on 2031-03-04: %+v", got)
	}
	if want := []string{"A", "B", "C", "D", "E"}; !reflect.DeepEqual(main.Articles, want) {
		t.Errorf("articles %v, want %v", main.Articles, want)
	}
	if len(main.Evidence) != 5 {
		t.Errorf("%d evidence spans, want 5", len(main.Evidence))
	}
	// Northern Courier (with its copy), Harbour Times (two articles),
	// Plains Gazette.
	if main.Corroboration != 3 {
		t.Errorf("corroboration %d, want 3", main.Corroboration)
	}
	if main.Negated {
		t.Error("most reports affirm the event")
	}
	fields := map[string]Disagreement{}
	for _, d := range main.Disagreements {
		fields[d.Field] = d
	}
	if d, ok := fields["date"]; !ok || len(d.Variants) != 2 || d.Variants[1].Value != "2031-03-05" || !reflect.DeepEqual(d.Variants[1].Articles, []string{"C"}) {
		t.Errorf("date disagreement: %+v", fields["date"])
	}
	if d, ok := fields["negated"]; !ok || !reflect.DeepEqual(d.Variants[1], Variant{Value: "negated", Articles: []string{"E"}}) {
		t.Errorf("negation disagreement: %+v", fields["negated"])
	}
	if d, ok := fields["numbers"]; !ok || len(d.Variants) != 2 {
		t.Errorf("numbers disagreement: %+v", fields["numbers"])
	}
	if _, ok := fields["source_detail"]; ok {
		t.Error("source detail disagreement without details")
	}
	// Merging is independent of input order.
	ev := mergeExample()
	for i, j := 0, len(ev)-1; i < j; i, j = i+1, j-1 {
		ev[i], ev[j] = ev[j], ev[i]
	}
	if again := Merge(ev, MergeOptions{}); !reflect.DeepEqual(again, got) {
		t.Errorf("reversed input merges differently:\n%+v\n%+v", again, got)
	}
}

func TestMergeTolerance(t *testing.T) {
	ev := []Event{
		{ID: "1", Article: "A", Story: "s", Source: "X", Target: "Y", Type: "04", Date: "2030-01-01"},
		{ID: "2", Article: "B", Story: "s", Source: "X", Target: "Y", Type: "04", Date: "2030-01-03"},
		{ID: "3", Article: "C", Story: "s", Source: "X", Target: "Y", Type: "04"},
	}
	if got := Merge(ev, MergeOptions{}); len(got) != 2 {
		t.Errorf("tolerance 1: %d events, want 2", len(got))
	}
	got := Merge(ev, MergeOptions{DateTolerance: 2})
	if len(got) != 1 || got[0].Corroboration != 3 || len(got[0].Disagreements) != 1 {
		t.Errorf("tolerance 2: %+v", got)
	}
	// Events without a story merge only within their article.
	ev = []Event{
		{ID: "1", Article: "A", Source: "X", Target: "Y", Type: "04", Date: "2030-01-01"},
		{ID: "2", Article: "B", Source: "X", Target: "Y", Type: "04", Date: "2030-01-01"},
	}
	if got := Merge(ev, MergeOptions{}); len(got) != 2 {
		t.Errorf("storyless events merged across articles: %+v", got)
	}
	if got := Merge(nil, MergeOptions{}); len(got) != 0 {
		t.Errorf("no events: %+v", got)
	}
}
