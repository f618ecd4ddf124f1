package quotes

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o644) }

// FuzzExtract checks that Extract never panics, keeps spans in bounds and
// in order, and is deterministic.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"",
		`“Yes,” he said.`,
		"“Open and never closed\n\n“Still open",
		`"a "b" c" said X Y.`,
		"‘Single’ quotes, ‘and a stray one",
		"According to , , said said said.",
		"\xff\xfe“\x00”",
		strings.Repeat("“", 100),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		a := PlainArticle("f", s)
		qs := Extract(a)
		prev := -1
		for _, q := range qs {
			if !q.Span.Valid() || q.Span.End > len(s) || q.Span.In(s) != q.Text {
				t.Fatalf("bad span %v for %q", q.Span, q.Text)
			}
			if q.Span.Start < prev {
				t.Fatalf("quotes out of order: %v after %d", q.Span, prev)
			}
			prev = q.Span.Start
			if q.Cue != "" && (q.CueSpan.End > len(s) || !q.CueSpan.Valid()) {
				t.Fatalf("bad cue span %v", q.CueSpan)
			}
			if q.Speaker != nil && q.Speaker.Mention.Valid() && q.Speaker.Mention.End > len(s) {
				t.Fatalf("bad mention span %v", q.Speaker.Mention)
			}
			if utf8.ValidString(s) && !utf8.ValidString(q.Text) {
				t.Fatalf("quote text split a rune: %q", q.Text)
			}
		}
		if again := Extract(PlainArticle("f", s)); !reflect.DeepEqual(qs, again) {
			t.Fatalf("not deterministic")
		}
	})
}

// BenchmarkExtract runs the stage on the seed articles.
func BenchmarkExtract(b *testing.B) {
	arts := loadSeeds(b)
	size := 0
	for _, a := range arts {
		size += len(a.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			Extract(a)
		}
	}
}
