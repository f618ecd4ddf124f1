package timex

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// FuzzAnnotate checks that tagging any text never panics, that spans are
// in bounds, ordered and non-overlapping, that each Timex's text is its
// span, that EventDate accepts every token, and that the result is
// deterministic.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"",
		"The envoy said on Monday that talks would resume next week.",
		"Profit fell in the third quarter from a year earlier; fiscal 1990 looks better.",
		"Since 1979, relations have been frozen. Today, tomorrow, yesterday at 8 p.m. EDT.",
		"May May may march March 31 2014-02-30 13/45/2014 1,990 $2015 the '90s mid-1980s",
		"Le 14 juillet 2015, à Paris — 2015年6月10日 Montag",
		"a a a a a years years ago ago earlier Monday Monday Monday night's",
	} {
		f.Add(s, "2015-06-10")
	}
	f.Add("Talks ended yesterday.", "")
	f.Add("Talks ended yesterday.", "not-a-date")
	f.Fuzz(func(t *testing.T, text, anchor string) {
		if !utf8.ValidString(text) {
			return
		}
		a := fuzzArticle(text, anchor)
		Annotate(a)
		prev := 0
		for _, x := range a.Timexes {
			if x.Span.Start < prev || x.Span.End <= x.Span.Start || x.Span.End > len(text) {
				t.Fatalf("bad span %v after %d in %d bytes: %+v", x.Span, prev, len(text), a.Timexes)
			}
			if x.Span.In(text) != x.Text {
				t.Fatalf("text %q is not span %v", x.Text, x.Span)
			}
			if x.Sentence < 0 || x.Sentence >= len(a.Sentences) {
				t.Fatalf("sentence %d out of range", x.Sentence)
			}
			prev = x.Span.End
		}
		b := fuzzArticle(text, anchor)
		Annotate(b)
		if !reflect.DeepEqual(a.Timexes, b.Timexes) {
			t.Fatalf("not deterministic:\n%+v\n%+v", a.Timexes, b.Timexes)
		}
		for tok := range a.Tokens {
			d := EventDate(a, tok)
			if d.Basis == "timex" && (d.Timex < 0 || d.Timex >= len(a.Timexes)) {
				t.Fatalf("EventDate timex %d out of range", d.Timex)
			}
		}
	})
}

// fuzzArticle wraps text as a one-paragraph article with word tokens and
// the fallback sentence split.
func fuzzArticle(text, anchor string) *model.Article {
	a := &model.Article{Text: text, Published: anchor}
	a.Paragraphs = []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan, Kind: model.KindBody}}
	for _, s := range splitSentences(text) {
		first := len(a.Tokens)
		i := s.Start
		for i < s.End {
			r, n := utf8.DecodeRuneInString(text[i:])
			if r == ' ' || r == '\n' || r == '\t' {
				i += n
				continue
			}
			j := i
			for j < s.End {
				r, n := utf8.DecodeRuneInString(text[j:])
				if r == ' ' || r == '\n' || r == '\t' {
					break
				}
				j += n
			}
			a.Tokens = append(a.Tokens, model.Token{Span: model.Span{Start: i, End: j}})
			i = j
		}
		a.Sentences = append(a.Sentences, model.Sentence{Span: s, FirstToken: first, EndToken: len(a.Tokens)})
	}
	return a
}

// BenchmarkAnnotate tags real news text: the TimeML corpus when present
// (the first 40 files), else a built-in paragraph written for the purpose.
func BenchmarkAnnotate(b *testing.B) {
	var texts []string
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "data", "tempeval3", "TBAQ-cleaned", "TimeBank", "*.tml"))
	for i, p := range files {
		if i == 40 {
			break
		}
		fh, err := os.Open(p)
		if err != nil {
			continue
		}
		d, err := ReadTimeML(fh)
		fh.Close()
		if err == nil {
			texts = append(texts, d.Text)
		}
	}
	if len(texts) == 0 {
		texts = []string{"The envoy said on Monday that talks would resume next week. Profit fell 12% in the third quarter from a year earlier, the company said Tuesday. Since 1979, relations have been frozen; the ministers will meet on Friday in Vienna for three days."}
	}
	arts := make([]*model.Article, len(texts))
	size := 0
	for i, s := range texts {
		arts[i] = fuzzArticle(s, "1998-03-06")
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		for _, a := range arts {
			Annotate(a)
		}
	}
}
