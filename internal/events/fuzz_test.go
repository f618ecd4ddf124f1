package events

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

var fuzzUPOS = []string{"VERB", "NOUN", "PROPN", "ADP", "PART", "AUX", "PRON", "DET", "ADJ", "PUNCT"}
var fuzzRels = []string{"root", "nsubj", "obj", "obl", "nmod", "case", "conj", "xcomp", "ccomp", "advmod", "aux",
	"nsubj:pass", "obl:agent", "compound", "nmod:poss", "mark", "amod", "acl:relcl", "compound:prt", "det", "iobj"}

// fuzzArticle segments text and gives every token a syntax and some
// tokens an actor mention, all derived from the text's bytes: heads may
// point anywhere, even outside the article, to test that the coder
// tolerates broken parses.
func fuzzArticle(text string) *model.Article {
	a := &model.Article{ID: "f", Text: text, Published: "2014-09-15"}
	a.Paragraphs = []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan, Kind: model.KindBody}}
	segment.Segment(a, segment.Options{})
	n := len(a.Tokens)
	for i := range a.Tokens {
		w := strings.ToLower(a.Tokens[i].Span.In(text))
		h := 0
		for _, c := range []byte(w) {
			h = h*31 + int(c)
		}
		if h < 0 {
			h = -h
		}
		head := (h % (n + 3)) - 2
		a.Tokens[i].Syntax = &model.Syntax{UPOS: fuzzUPOS[h%len(fuzzUPOS)], Lemma: w, Head: head, Rel: fuzzRels[(h/7)%len(fuzzRels)]}
		if h%5 == 0 {
			a.Mentions = append(a.Mentions, model.Mention{Span: a.Tokens[i].Span, Text: w, Kind: "ORG", Actor: strings.ToUpper(w)})
		}
	}
	return a
}

func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"Peru condemned Chile. Chile rejected the talks with Peru.",
		"We will not be coordinating with Oman, he said.",
		"",
		"\x00\xff not not not",
		"Le gouvernement a rejeté l'offre.",
		"the the the the attack attack on on on",
	} {
		f.Add(s)
	}
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			return
		}
		a := fuzzArticle(text)
		for _, d := range c.Annotate(a) {
			if d.Code == "events-bug" {
				t.Fatal(d.Message)
			}
		}
		first := append([]model.Event(nil), a.Events...)
		for _, e := range a.Events {
			for _, sp := range []model.Span{e.Span, e.TriggerSpan, e.Source.Span, e.Target.Span} {
				if sp != model.NoSpan && (!sp.Valid() || sp.End > len(text)) {
					t.Fatalf("span %v out of bounds (%d bytes)", sp, len(text))
				}
			}
			if e.Source.Code == "" {
				t.Fatalf("event without a resolved source: %+v", e)
			}
		}
		c.Annotate(a)
		if !reflect.DeepEqual(first, a.Events) {
			t.Fatal("Annotate is not deterministic")
		}
	})
}
