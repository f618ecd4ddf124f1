package extract

import (
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

func TestExtractText(t *testing.T) {
	tests := []struct {
		name                                 string
		raw                                  string
		meta                                 model.Meta
		title, author, dateline, outlet, pub string
		text                                 []string // each must be a paragraph, in order
		absent                               []string // must not be in the text
		kinds                                map[string]model.ParagraphKind
	}{
		{
			name: "blog page with widgets",
			raw: "Harbor Valley Times\nSkip to main content\nHome | World | Sport | Opinion\n\n" +
				"Envoys agree to resume border talks next month\n\n" +
				"By Jane Q. Porter\nUpdated 10:15 am - Tuesday March 3, 2020\n1,024 Views\nShare on Facebook Share on X\n\n" +
				"GENEVA — Negotiators from both countries agreed on Monday to resume talks on the disputed border next month, officials said.\n\n" +
				"The two delegations met for six hours behind closed doors at a lakeside hotel.\n\n" +
				"“We have a long road ahead, but we are on it together,” the lead negotiator told reporters.\n\n" +
				"Related posts\nFerry service restored after storm\nMarkets rally on trade hopes\n\nLeave a Comment\n",
			title: "Envoys agree to resume border talks next month", author: "Jane Q. Porter",
			dateline: "GENEVA", outlet: "Harbor Valley Times", pub: "2020-03-03",
			text: []string{
				"Negotiators from both countries agreed on Monday to resume talks on the disputed border next month, officials said.",
				"The two delegations met for six hours behind closed doors at a lakeside hotel.",
				"“We have a long road ahead, but we are on it together,” the lead negotiator told reporters.",
			},
			absent: []string{"Skip to", "Views", "Share on", "Related posts", "Ferry service", "Leave a Comment", "GENEVA"},
		},
		{
			name: "agency credit dateline and manifest override",
			raw: "ANKARA (Reuters) - Turkey's parliament approved on Thursday a motion allowing troops to be deployed abroad for another year.\n" +
				"The vote passed with a large majority after a short debate in the chamber.\n",
			meta:     model.Meta{Title: "Parliament extends troop mandate", Published: "2021-10-14", Outlet: "Wire"},
			title:    "Parliament extends troop mandate",
			dateline: "ANKARA", outlet: "Wire", pub: "2021-10-14",
			text: []string{
				"Turkey's parliament approved on Thursday a motion allowing troops to be deployed abroad for another year.",
				"The vote passed with a large majority after a short debate in the chamber.",
			},
		},
		{
			name: "hard-wrapped text, headings and captions",
			raw: "Talks stall over sanctions relief\n\n" +
				"Delegates wave before the session in Oslo (AFP)\n\n" +
				"The negotiators said on Friday that the two sides remained far\n" +
				"apart on the timing of sanctions relief, although both pledged\n" +
				"to return to the table within a fortnight.\n\n" +
				"NEXT STEPS\n\n" +
				"A mediator said the gap could still be bridged if both capitals showed some flexibility in the coming days.\n",
			title: "Talks stall over sanctions relief",
			text: []string{
				"Delegates wave before the session in Oslo (AFP)",
				"The negotiators said on Friday that the two sides remained far apart on the timing of sanctions relief, although both pledged to return to the table within a fortnight.",
				"NEXT STEPS",
				"A mediator said the gap could still be bridged if both capitals showed some flexibility in the coming days.",
			},
			kinds: map[string]model.ParagraphKind{"NEXT STEPS": model.KindHeading, "Delegates wave before the session in Oslo (AFP)": model.KindCaption},
		},
		{
			name: "sources list and comments cut",
			raw: "Minister resigns after leak\n\nWritten by : Omar Haddad\n\n14Mar 2019\n\n" +
				"The foreign minister resigned on Wednesday after a leaked recording of a private meeting was published.\n\n" +
				"His deputy will take over until a successor is named by parliament next week.\n\n" +
				"Sources\n\nhttp://example.org/one\n\nhttp://example.org/two\n\nComments\n\nPopular posts from this blog\n\nRiver levels rise in the north\n",
			title: "Minister resigns after leak", author: "Omar Haddad", pub: "2019-03-14",
			text:   []string{"His deputy will take over until a successor is named by parliament next week."},
			absent: []string{"Sources", "example.org", "Comments", "Popular", "River levels"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, rej := Extract(model.Document{Path: "x.txt", Format: "txt", Container: "txt", Raw: tc.raw, Meta: tc.meta})
			if rej != nil {
				t.Fatalf("rejected: %v", rej)
			}
			for field, got := range map[string][2]string{
				"title": {a.Title, tc.title}, "author": {a.Author, tc.author}, "dateline": {a.Dateline, tc.dateline},
				"outlet": {a.Outlet, tc.outlet}, "published": {a.Published, tc.pub}} {
				if got[0] != got[1] {
					t.Errorf("%s = %q, want %q", field, got[0], got[1])
				}
			}
			paras := map[string]model.Paragraph{}
			var order []string
			for _, p := range a.Paragraphs {
				s := p.Span.In(a.Text)
				paras[s] = p
				order = append(order, s)
				if p.Raw.Valid() && !strings.Contains(foldSpace(p.Raw.In(tc.raw)), s) {
					t.Errorf("raw span %v of %q does not hold it: %q", p.Raw, s, p.Raw.In(tc.raw))
				}
			}
			last := -1
			for _, want := range tc.text {
				i := indexOf(order, want)
				if i < 0 {
					t.Errorf("paragraph missing: %q\nhave %q", want, order)
				} else if i < last {
					t.Errorf("paragraph out of order: %q", want)
				}
				last = i
			}
			for _, bad := range tc.absent {
				if strings.Contains(a.Text, bad) {
					t.Errorf("text holds %q:\n%s", bad, a.Text)
				}
			}
			for text, kind := range tc.kinds {
				if paras[text].Kind != kind {
					t.Errorf("kind of %q = %q, want %q", text, paras[text].Kind, kind)
				}
			}
		})
	}
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func TestExtractRejects(t *testing.T) {
	for _, raw := range []string{"", "   \n\n  ", "Home | News | Sport\n\nLeave a Comment\n"} {
		a, rej := Extract(model.Document{Path: "empty.txt", Format: "txt", Container: "txt", Raw: raw})
		if a != nil || rej == nil || rej.Severity != model.Error || rej.File != "empty.txt" {
			t.Errorf("Extract(%q) = %v, %v; want a rejection naming the file", raw, a, rej)
		}
	}
}

func TestExtractLanguage(t *testing.T) {
	raw := "Die Außenminister der beiden Länder haben sich am Montag in Berlin getroffen und über die Lage an der Grenze gesprochen. Sie wollen die Gespräche im nächsten Monat fortsetzen."
	a, rej := Extract(model.Document{Path: "de.txt", Format: "txt", Container: "txt", Raw: raw})
	if rej != nil {
		t.Fatal(rej)
	}
	if a.Language != "de" || !hasDiag(a, "not-english") {
		t.Errorf("language %q, diagnostics %v; want de with a not-english warning", a.Language, a.Diagnostics)
	}
}

func TestContentHashFoldsSpace(t *testing.T) {
	if ContentHash("a  b\n\nc") != ContentHash("a b c") {
		t.Error("hash must not depend on white space")
	}
	if ContentHash("a b") == ContentHash("a c") {
		t.Error("different texts share a hash")
	}
}

func TestWordCountMatchesFields(t *testing.T) {
	for _, s := range []string{"", " ", "one", " two  words ", "a\tb\nc\vd\fe\rf", "x\u00a0y\u2003z\u0085w", "\xff \xfe\x80", "é è\u3000ü", "end "} {
		if got, want := wordCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("wordCount(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestFurniturePrefilters checks that the cheap tests never reject a line
// their rule's expression matches.
func TestFurniturePrefilters(t *testing.T) {
	lines := []string{"", "Newsletter", "Our NEWSLETTER is free", "Get our newſletter", "Sign up now", "ſubscribe today",
		"Subscribe", "Don't miss a story", "follow @us", "Follow us", "© 2020 The Paper", "(c) The Paper", "Copyright 2020",
		"COPYRIGHT", "All Rights Reserved.", "the paper. aLL rights reserved", "Nothing here", "news letter", "(C)"}
	for i, r := range furnitureRules {
		pre := furniturePre[i]
		if pre == nil {
			continue
		}
		for _, l := range lines {
			if r.re.MatchString(l) && !pre(l) {
				t.Errorf("rule %s: prefilter rejects %q, which the expression matches", r.reason, l)
			}
		}
	}
	if !containsFold("x NEWſLETTER", "newsletter") || containsFold("newslette", "newsletter") {
		t.Error("containsFold")
	}
}
