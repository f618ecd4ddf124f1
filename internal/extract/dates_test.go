package extract

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// TestPublicationDate checks the choice of the publication date: outside
// metadata over the page's own stamps, every candidate kept with its
// source, a warning when candidates disagree and when there is none.
func TestPublicationDate(t *testing.T) {
	body := "The two delegations met for six hours behind closed doors at a lakeside hotel on Monday.\n\n" +
		"Both sides said they would report back to their capitals before the next round of talks.\n"
	stamped := "Envoys meet again at the lake\n\nUpdated 8:01 am - Thursday August 18, 2022\n\n" + body
	tests := []struct {
		name    string
		raw     string
		meta    model.Meta
		pub     string
		source  string
		cands   []string // date@source, in order of trust
		diags   []string // codes that must be present
		noDiags []string // codes that must be absent
	}{
		{
			name: "no date anywhere", raw: "Envoys meet again at the lake\n\n" + body,
			pub: "", cands: nil, diags: []string{"no-date"}, noDiags: []string{"date-disagreement"},
		},
		{
			name: "manifest wins over a later republication stamp", raw: stamped,
			meta: model.Meta{Published: "2014-09-16"}, pub: "2014-09-16", source: "manifest",
			cands: []string{"2014-09-16@manifest", "2022-08-18@text-stamp"},
			diags: []string{"date-disagreement"}, noDiags: []string{"no-date"},
		},
		{
			name: "stamp alone", raw: stamped, pub: "2022-08-18", source: "text-stamp",
			cands: []string{"2022-08-18@text-stamp"}, noDiags: []string{"no-date", "date-disagreement"},
		},
		{
			name: "agreeing candidates", raw: stamped, meta: model.Meta{Published: "2022-08-18T08:01:00Z"},
			pub: "2022-08-18", source: "manifest",
			cands:   []string{"2022-08-18@manifest", "2022-08-18@text-stamp"},
			noDiags: []string{"no-date", "date-disagreement"},
		},
		{
			name: "impossible manifest date falls back to the page", raw: stamped,
			meta: model.Meta{Published: "2014-13-45"}, pub: "2022-08-18", source: "text-stamp",
			cands: []string{"2022-08-18@text-stamp"}, diags: []string{"bad-date"}, noDiags: []string{"no-date"},
		},
		{
			name: "impossible manifest date and nothing else", raw: "Envoys meet again at the lake\n\n" + body,
			meta: model.Meta{Published: "2014-02-30"}, pub: "", diags: []string{"bad-date", "no-date"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, rej := Extract(model.Document{Path: "x.txt", Format: "txt", Container: "txt", Raw: tc.raw, Meta: tc.meta})
			if rej != nil {
				t.Fatalf("rejected: %v", rej)
			}
			if a.Published != tc.pub || a.PublishedSource != tc.source {
				t.Errorf("published %q from %q, want %q from %q", a.Published, a.PublishedSource, tc.pub, tc.source)
			}
			var got []string
			for _, c := range a.DateCandidates {
				got = append(got, c.Date+"@"+c.Source)
			}
			if strings.Join(got, " ") != strings.Join(tc.cands, " ") {
				t.Errorf("candidates %v, want %v", got, tc.cands)
			}
			for _, code := range tc.diags {
				if !hasDiag(a, code) {
					t.Errorf("no %s diagnostic in %v", code, a.Diagnostics)
				}
			}
			for _, code := range tc.noDiags {
				if hasDiag(a, code) {
					t.Errorf("unexpected %s diagnostic in %v", code, a.Diagnostics)
				}
			}
			if strings.Contains(a.Text, "2022") {
				t.Errorf("the stamp stayed in the text: %q", a.Text)
			}
		})
	}
}
