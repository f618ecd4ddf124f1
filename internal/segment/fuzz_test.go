package segment

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// fuzzArticle builds an article from fuzz input. Even modes split the text
// into "\n\n" paragraphs as extract does; odd modes add overlapping and
// out-of-bounds paragraph spans. mode/2 is the sentence cap (0: default).
func fuzzArticle(text string, mode uint8) (*model.Article, Options) {
	a := &model.Article{Text: text}
	if mode%2 == 0 {
		for off := 0; off <= len(text); {
			end := strings.Index(text[off:], "\n\n")
			if end < 0 {
				end = len(text)
			} else {
				end += off
			}
			a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: model.Span{Start: off, End: end}})
			off = end + 2
		}
	} else {
		n := len(text)
		a.Paragraphs = []model.Paragraph{
			{Span: model.Span{Start: n / 3, End: n + 5}},
			{Span: model.Span{Start: 0, End: n / 2}},
			{Span: model.Span{Start: -1, End: n}},
			{Span: model.NoSpan},
		}
	}
	return a, Options{MaxSentenceBytes: int(mode / 2)}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{
		"The U.S. envoy met Mr. Lee. “Why?” he asked.",
		"a\n\nb",
		"\xff\xfe\x00",
	} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, text string, mode uint8) {
		a, opts := fuzzArticle(text, mode)
		Segment(a, opts)
		if err := invariantError(a); err != nil {
			t.Fatalf("Segment(%q, mode %d): %v", text, mode, err)
		}
		b, _ := fuzzArticle(text, mode)
		Segment(b, opts)
		if !reflect.DeepEqual(a.Sentences, b.Sentences) || !reflect.DeepEqual(a.Tokens, b.Tokens) {
			t.Fatalf("Segment(%q) is not deterministic", text)
		}
		toks := Tokenize(text)
		for i, tok := range toks {
			if tok.Span.Start < 0 || tok.Span.End > len(text) || tok.Span.Start >= tok.Span.End ||
				i > 0 && toks[i-1].Span.End > tok.Span.Start {
				t.Fatalf("Tokenize(%q): bad token %d %v", text, i, tok.Span)
			}
		}
	})
}
