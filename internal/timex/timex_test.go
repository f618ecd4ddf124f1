package timex

import (
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// The anchor of the rule tests: Wednesday 10 June 2015.
const anchorWed = "2015-06-10"

// TestRules checks each news rule on sentences written for the purpose.
// Each case names the expression it expects (its exact text) and value.
func TestRules(t *testing.T) {
	tests := []struct {
		name, text, expr, typ, value, prec string
	}{
		// Weekdays: past tense is the most recent such day, the anchor
		// day included; future tense is the next one.
		{"weekday past", "The envoy said on Monday that talks had stalled.", "Monday", "DATE", "2015-06-08", "day"},
		{"weekday past is anchor day", "The minister resigned on Wednesday after the vote.", "Wednesday", "DATE", "2015-06-10", "day"},
		{"weekday past before verb", "On Tuesday, rebels shelled the port.", "Tuesday", "DATE", "2015-06-09", "day"},
		{"weekday future", "The delegation will travel to Geneva on Friday.", "Friday", "DATE", "2015-06-12", "day"},
		{"weekday future same day name", "The committee will meet again on Wednesday.", "Wednesday", "DATE", "2015-06-17", "day"},
		{"weekday future infinitive", "The council plans to vote on Monday.", "Monday", "DATE", "2015-06-15", "day"},
		{"last weekday", "Troops left the town last Thursday.", "last Thursday", "DATE", "2015-06-04", "day"},
		{"weekday possessive", "Critics attacked Tuesday's decision.", "Tuesday", "DATE", "2015-06-09", "day"},
		{"weekday night", "Shelling resumed on Sunday night.", "Sunday night", "DATE", "2015-06-07", "day"},
		// Deictic days.
		{"yesterday", "Police arrested two men yesterday.", "yesterday", "DATE", "2015-06-09", "day"},
		{"today", "Parliament debates the budget today.", "today", "DATE", "2015-06-10", "day"},
		{"tomorrow", "Voting starts tomorrow in the north.", "tomorrow", "DATE", "2015-06-11", "day"},
		{"last night", "Sirens sounded across the city last night.", "last night", "DATE", "2015-06-09TNI", "day"},
		// Weeks, months, years relative to the anchor.
		{"last week", "The ceasefire collapsed last week.", "last week", "DATE", "2015-W23", "week"},
		{"this week", "Inspectors arrive this week.", "this week", "DATE", "2015-W24", "week"},
		{"next week", "A new round of talks opens next week.", "next week", "DATE", "2015-W25", "week"},
		{"earlier this month", "The rebels seized the airport earlier this month.", "earlier this month", "DATE", "2015-06", "month"},
		{"last month", "Prices rose last month.", "last month", "DATE", "2015-05", "month"},
		{"next year", "Elections are due next year.", "next year", "DATE", "2016", "year"},
		{"last year", "The treaty was signed last year.", "last year", "DATE", "2014", "year"},
		{"this summer", "The parties hope to agree this summer.", "this summer", "DATE", "2015-SU", "year"},
		// Absolute dates and years.
		{"since 1979", "The two states have had no relations since 1979.", "1979", "DATE", "1979", "year"},
		{"full date", "The accord was signed on March 3, 2011 in Cairo.", "March 3, 2011", "DATE", "2011-03-03", "day"},
		{"day month year", "Fighting broke out on 14 February 2011.", "14 February 2011", "DATE", "2011-02-14", "day"},
		{"month day past", "The army withdrew on Jan. 20.", "Jan. 20", "DATE", "2015-01-20", "day"},
		{"month year", "The mission began in July 2014.", "July 2014", "DATE", "2014-07", "month"},
		{"bare month future", "The court will rule in September.", "September", "DATE", "2015-09", "month"},
		{"bare month past", "Protests began in March and spread.", "March", "DATE", "2015-03", "month"},
		{"decade", "Sanctions date from the 1990s.", "the 1990s", "DATE", "199X", "year"},
		{"fiscal year", "Revenue fell in fiscal 2013.", "fiscal 2013", "DATE", "2013", "year"},
		// Quarters and the periods compared with them.
		{"quarter", "Profit doubled in the first quarter.", "the first quarter", "DATE", "2015-Q1", "year"},
		{"quarter hyphen", "Second-quarter sales slipped.", "Second-quarter", "DATE", "2015-Q2", "year"},
		{"spelled year", "It began in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996", "year"},
		{"weekend past", "Protesters gathered over the weekend.", "the weekend", "DATE", "2015-W23-WE", "week"},
		{"numeric date", "The vote was held on 9/15/2014 in the capital.", "9/15/2014", "DATE", "2014-09-15", "day"},
		{"year earlier quarter", "Profit rose in the second quarter from a year earlier.", "a year earlier", "DATE", "2014-Q2", "year"},
		// Durations, sets and references.
		{"duration", "The siege lasted three months.", "three months", "DURATION", "P3M", ""},
		{"past two weeks", "Aid convoys have been blocked for the past two weeks.", "the past two weeks", "DURATION", "P2W", ""},
		{"ago", "The border closed two years ago.", "two years ago", "DATE", "2013", "year"},
		{"days ago", "The envoy arrived three days ago.", "three days ago", "DATE", "2015-06-07", "day"},
		{"hyphen duration", "They agreed a 10-year plan.", "10-year", "DURATION", "P10Y", ""},
		{"now", "The port is now under army control.", "now", "DATE", "PRESENT_REF", ""},
		{"currently", "Some 300 observers are currently deployed.", "currently", "DATE", "PRESENT_REF", ""},
		{"recently", "The group recently changed its leader.", "recently", "DATE", "PAST_REF", ""},
		{"daily", "Inspectors report daily to the council.", "daily", "SET", "P1D", ""},
		{"clock", "The blast happened at 8:15 a.m. local time.", "8:15 a.m. local time", "TIME", "2015-06-10T08:15", "day"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Tag(tc.text, anchorWed, Options{})
			for _, x := range got {
				if x.Text == tc.expr {
					if x.Type != tc.typ || x.Value != tc.value || x.Precision != tc.prec {
						t.Errorf("%q: got %s %s %q, want %s %s %q", tc.expr, x.Type, x.Value, x.Precision, tc.typ, tc.value, tc.prec)
					}
					if x.Span.In(tc.text) != x.Text {
						t.Errorf("span %v does not hold %q", x.Span, x.Text)
					}
					return
				}
			}
			t.Errorf("no expression %q in %q; got %+v", tc.expr, tc.text, got)
		})
	}
}

// TestNotTimes checks words that look like time expressions but are not.
func TestNotTimes(t *testing.T) {
	for _, text := range []string{
		"Supporters may march through the capital.",
		"The mayor said she may resign.",
		"A 6-year-old boy was rescued.",
		"The company sold 1990 shares to investors.",
		"He paid $2014 for the ticket.",
		"Protesters will march on the embassy.",
	} {
		if got := Tag(text, anchorWed, Options{}); len(got) != 0 {
			t.Errorf("%q: got %+v, want nothing", text, got)
		}
	}
}

// TestNoAnchor checks that relative expressions stay unresolved without a
// publication date while absolute ones still resolve.
func TestNoAnchor(t *testing.T) {
	got := Tag("The rebels withdrew on Monday, two days after the 12 May 2014 vote, and talks resume next week.", "", Options{})
	want := map[string]string{"Monday": "XXXX-XX-XX", "the 12 May 2014": "2014-05-12", "next week": "XXXX-WXX", "two days": "P2D"}
	for _, x := range got {
		if w, ok := want[x.Text]; ok {
			if x.Value != w {
				t.Errorf("%q = %s, want %s", x.Text, x.Value, w)
			}
			delete(want, x.Text)
		}
	}
	for k := range want {
		t.Errorf("missing %q in %+v", k, got)
	}
}

// TestFirstDay checks the calendar start of each kind of value.
func TestFirstDay(t *testing.T) {
	for v, want := range map[string]string{
		"2014-09-15": "2014-09-15", "2014-09-15TNI": "2014-09-15", "2014-W38": "2014-09-15",
		"2015-W01": "2014-12-29", "2015-W23-WE": "2015-06-06", "2014-09": "2014-09-01", "2014-Q3": "2014-07-01", "2014-H2": "2014-07-01",
		"2014-SU": "2014-06-01", "2014": "2014-01-01", "199X": "1990-01-01",
		"PRESENT_REF": "", "P3D": "", "XXXX-XX-XX": "", "2014-02-30": "",
	} {
		got, ok := FirstDay(v)
		if got != want || ok != (want != "") {
			t.Errorf("FirstDay(%q) = %q %v, want %q", v, got, ok, want)
		}
	}
}

// article builds a segmented-looking article from paragraphs: one
// sentence per paragraph, tokens split on spaces with punctuation split
// off. kinds gives each paragraph's kind.
func article(published string, paras []string, kinds []model.ParagraphKind) *model.Article {
	a := &model.Article{Published: published, Text: strings.Join(paras, "\n\n")}
	off := 0
	for i, p := range paras {
		a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: model.Span{Start: off, End: off + len(p)}, Raw: model.NoSpan, Kind: kinds[i]})
		first := len(a.Tokens)
		for j := 0; j < len(p); {
			for j < len(p) && p[j] == ' ' {
				j++
			}
			k := j
			for k < len(p) && p[k] != ' ' && p[k] != ',' && p[k] != '.' && p[k] != ';' {
				k++
			}
			if k == j && k < len(p) {
				k++
			}
			if k > j {
				a.Tokens = append(a.Tokens, model.Token{Span: model.Span{Start: off + j, End: off + k}})
			}
			j = k
		}
		a.Sentences = append(a.Sentences, model.Sentence{Span: model.Span{Start: off, End: off + len(p)}, Paragraph: i, FirstToken: first, EndToken: len(a.Tokens)})
		off += len(p) + 2
	}
	return a
}

// tokenIndex finds the token spelled w in a, or fails.
func tokenIndex(t *testing.T, a *model.Article, w string) int {
	t.Helper()
	for i, tok := range a.Tokens {
		if a.TokenText(tok) == w {
			return i
		}
	}
	t.Fatalf("no token %q", w)
	return -1
}

// TestEventDate checks dating by the nearest expression, by the
// publication date, and the exclusions (captions, stamps, span bounds).
func TestEventDate(t *testing.T) {
	a := article("2015-06-10", []string{
		"The foreign minister said on Monday that the offer was rejected",
		"Officials met in Vienna; the deal was signed",
		"Relations have been frozen since 1979",
		"A soldier stands guard in 2007 (Photo agency)",
		"Posted June 1 2021",
		"Delegates will vote on Friday",
	}, []model.ParagraphKind{model.KindBody, model.KindBody, model.KindBody, model.KindCaption, model.KindBody, model.KindBody})
	a.DateCandidates = []model.DateCandidate{
		{Date: "2015-06-10", Source: "manifest", Raw: model.NoSpan},
		{Date: "2021-06-01", Source: "text-stamp", Text: "Posted June 1 2021", Raw: model.NoSpan},
	}
	Annotate(a)
	tests := []struct {
		verb, value, basis string
	}{
		{"said", "2015-06-08", "timex"},
		{"rejected", "2015-06-08", "timex"},
		{"met", "2015-06-10", "published"},
		{"frozen", "2015-06-10", "published"}, // "since 1979" bounds a span
		{"stands", "2015-06-10", "published"}, // a caption never dates
		{"Posted", "2015-06-10", "published"}, // a losing stamp never dates
		{"vote", "2015-06-12", "timex"},
	}
	for _, tc := range tests {
		d := EventDate(a, tokenIndex(t, a, tc.verb))
		if d.Value != tc.value || d.Basis != tc.basis {
			t.Errorf("%s: got %+v, want %s from %s", tc.verb, d, tc.value, tc.basis)
		}
		if d.Basis == "timex" && (d.Timex < 0 || a.Timexes[d.Timex].Span != d.Span) {
			t.Errorf("%s: timex index %d does not match span %v", tc.verb, d.Timex, d.Span)
		}
	}
	if d := EventDate(a, -1); d.Basis != "published" {
		t.Errorf("bad token: got %+v", d)
	}
}

// TestEventDateSyntax checks that with a parse the governing expression
// wins over a nearer one in another clause, and a reported clause takes
// its reporting verb's date.
func TestEventDateSyntax(t *testing.T) {
	// "Envoys said on Monday rebels attacked the town on Sunday"
	a := article("2015-06-10", []string{"Envoys said on Monday rebels attacked the town on Sunday"}, []model.ParagraphKind{model.KindBody})
	// tokens: 0 Envoys 1 said 2 on 3 Monday 4 rebels 5 attacked 6 the 7 town 8 on 9 Sunday
	syn := []model.Syntax{
		{UPOS: "NOUN", XPOS: "NNS", Lemma: "envoy", Head: 1, Rel: "nsubj"},
		{UPOS: "VERB", XPOS: "VBD", Lemma: "say", Head: -1, Rel: "root"},
		{UPOS: "ADP", XPOS: "IN", Lemma: "on", Head: 3, Rel: "case"},
		{UPOS: "PROPN", XPOS: "NNP", Lemma: "Monday", Head: 1, Rel: "obl"},
		{UPOS: "NOUN", XPOS: "NNS", Lemma: "rebel", Head: 5, Rel: "nsubj"},
		{UPOS: "VERB", XPOS: "VBD", Lemma: "attack", Head: 1, Rel: "ccomp"},
		{UPOS: "DET", XPOS: "DT", Lemma: "the", Head: 7, Rel: "det"},
		{UPOS: "NOUN", XPOS: "NN", Lemma: "town", Head: 5, Rel: "obj"},
		{UPOS: "ADP", XPOS: "IN", Lemma: "on", Head: 9, Rel: "case"},
		{UPOS: "PROPN", XPOS: "NNP", Lemma: "Sunday", Head: 5, Rel: "obl"},
	}
	for i := range a.Tokens {
		s := syn[i]
		a.Tokens[i].Syntax = &s
	}
	Annotate(a)
	if d := EventDate(a, 1); d.Value != "2015-06-08" {
		t.Errorf("said: got %+v, want Monday 2015-06-08", d)
	}
	if d := EventDate(a, 5); d.Value != "2015-06-07" {
		t.Errorf("attacked: got %+v, want Sunday 2015-06-07", d)
	}
	// Without its own expression the reported clause takes the saying's.
	a.Tokens[9].Syntax.Head, a.Tokens[9].Syntax.Rel = 7, "nmod"
	a.Timexes = a.Timexes[:1]
	if d := EventDate(a, 5); d.Value != "2015-06-08" {
		t.Errorf("attacked, reported: got %+v, want the saying's Monday", d)
	}
}

// TestSyntaxTense checks that the parse's tense overrides the word cues:
// a future auxiliary found through the heads makes a weekday the next one.
func TestSyntaxTense(t *testing.T) {
	// "Ministers , officials said , meet Friday" with "meet" parsed as a
	// future (aux "will" elided in the words, present in the parse).
	a := article("2015-06-10", []string{"Ministers will meet Friday"}, []model.ParagraphKind{model.KindBody})
	syn := []model.Syntax{
		{UPOS: "NOUN", XPOS: "NNS", Lemma: "minister", Head: 2, Rel: "nsubj"},
		{UPOS: "AUX", XPOS: "MD", Lemma: "will", Head: 2, Rel: "aux"},
		{UPOS: "VERB", XPOS: "VB", Lemma: "meet", Head: -1, Rel: "root"},
		{UPOS: "PROPN", XPOS: "NNP", Lemma: "Friday", Head: 2, Rel: "obl:tmod"},
	}
	for i := range a.Tokens {
		s := syn[i]
		a.Tokens[i].Syntax = &s
	}
	if got := syntaxTense(a, a.Tokens[3].Span.Start, a.Tokens[3].Span.End); got != Future {
		t.Errorf("syntaxTense = %v, want Future", got)
	}
	a.Tokens[1].Syntax.Lemma, a.Tokens[2].Syntax.XPOS = "do", "VB"
	a.Tokens[1].Syntax.XPOS = "VBD"
	if got := syntaxTense(a, a.Tokens[3].Span.Start, a.Tokens[3].Span.End); got != Past {
		t.Errorf("syntaxTense with did = %v, want Past", got)
	}
}

// TestAnnotateUnsegmented checks the fallback when no sentences exist.
func TestAnnotateUnsegmented(t *testing.T) {
	a := &model.Article{Published: "2015-06-10", Text: "Talks ended yesterday. They resume next month."}
	Annotate(a)
	if len(a.Timexes) != 2 || a.Timexes[0].Value != "2015-06-09" || a.Timexes[1].Value != "2015-07" || a.Timexes[0].Sentence != -1 {
		t.Errorf("got %+v", a.Timexes)
	}
	Annotate(nil)
}

func TestRequiresDigit(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    bool
	}{
		{`\d+`, true}, {`a\d?`, false}, {`(?:1|2)x`, true}, {`(?:1|a)`, false},
		{`[0-9]{2}`, true}, {`[0-9]{0,2}`, false}, {`[0-9a]`, false}, {`(?i:x7)`, true}, {`\w`, false},
	} {
		re, err := syntax.Parse(tc.pattern, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		if got := requiresDigit(re); got != tc.want {
			t.Errorf("requiresDigit(%q) = %v, want %v", tc.pattern, got, tc.want)
		}
	}
	want := map[string]bool{"mdy": true, "md": true, "year": true, "clock": true, "duration": false, "month": false}
	for _, r := range rules {
		if w, ok := want[r.name]; ok && r.digit != w {
			t.Errorf("rule %s: digit %v, want %v", r.name, r.digit, w)
		}
	}
}

// TestYearAndUnitFilters checks which rules need a year or a unit word,
// and that the cheap tests accept what the rules match.
func TestYearAndUnitFilters(t *testing.T) {
	years := map[string]bool{"mdy": true, "dmy": true, "iso": true, "my": true, "year": true, "md": false, "numeric": false, "decade": false}
	units := map[string]bool{"duration": true, "ago": true, "plural": false, "relunit": false}
	for _, r := range rules {
		if w, ok := years[r.name]; ok && r.year != w {
			t.Errorf("rule %s: year %v, want %v", r.name, r.year, w)
		}
		if w, ok := units[r.name]; ok && r.unit != w {
			t.Errorf("rule %s: unit %v, want %v", r.name, r.unit, w)
		}
	}
	for s, want := range map[string]bool{"1999": true, "in 2014,": true, "1599": false, "2100": false, "199": false, "x1700": true, "12015": true} {
		if hasYear4(s) != want {
			t.Errorf("hasYear4(%q) = %v", s, !want)
		}
	}
	texts := []string{"It lasted three weeks.", "for a few more days", "two-year-old", "some 20 minutes earlier", "a decade ago",
		"FIVE YEARS", "six\tmonths", "today and Monday", "a second time", "two weekends"}
	for _, r := range rules {
		for _, x := range texts {
			if r.re.MatchString(x) && (r.unit && !unitRe.MatchString(x) || r.year && !hasYear4(x) || r.digit && !hasDigit(x)) {
				t.Errorf("rule %s matches %q, which its filter rejects", r.name, x)
			}
		}
	}
}
