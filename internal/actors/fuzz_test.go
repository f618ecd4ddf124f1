package actors

import (
	"slices"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// FuzzAnnotate checks that Annotate never panics, keeps spans inside the
// text and in order, and is deterministic.
func FuzzAnnotate(f *testing.F) {
	f.Add("Iran's supreme leader said on Monday he had rejected the offer.", "2014-09-15")
	f.Add("The Pentagon and the Kremlin traded claims. IS fighters withdrew.", "")
	f.Add("Mr Haddad, a Lebanese diplomat, said he was hopeful. Haddad left.", "2019-01-01")
	f.Add("\xff\xfe al-\u00a0Qaeda ( ISIS ) 's 's - -", "9999-99-99")
	r := defaultResolver(f)
	f.Fuzz(func(t *testing.T, text, date string) {
		if len(text) > 1<<16 {
			return
		}
		a := article(text, date)
		r.Annotate(a)
		checkMentions(t, a)
		first := slices.Clone(a.Mentions)
		b := article(text, date)
		r.Annotate(b)
		if !slices.Equal(first, b.Mentions) {
			t.Fatalf("not deterministic: %+v vs %+v", first, b.Mentions)
		}
		var none model.Article
		r.Annotate(&none)
	})
}

// BenchmarkAnnotate resolves the actors of the seed articles.
func BenchmarkAnnotate(b *testing.B) {
	arts, _ := loadSeedArticles(b)
	r := defaultResolver(b)
	size, sents := 0, 0
	for _, a := range arts {
		size += len(a.Text)
		sents += len(a.Sentences)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			r.Annotate(a)
		}
	}
	b.ReportMetric(float64(sents*b.N)/b.Elapsed().Seconds(), "sentences/s")
}
