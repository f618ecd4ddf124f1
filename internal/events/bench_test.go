package events

import (
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// benchArticles returns the seed articles run through the full pipeline,
// and their total text size.
func benchArticles(b *testing.B) ([]*model.Article, int64) {
	arts, _ := loadSeeds(b)
	p := testPipeline(b)
	var out []*model.Article
	var n int64
	for _, id := range []string{"000", "001", "002", "003", "004"} {
		a := arts[id]
		p.Run(a)
		out = append(out, a)
		n += int64(len(a.Text))
	}
	return out, n
}

// BenchmarkSyntax times the parser on the seed articles: the yardstick
// event coding is measured against (coding must add at most 25%).
func BenchmarkSyntax(b *testing.B) {
	arts, n := benchArticles(b)
	sm := testSyntaxModel(b)
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			sm.Annotate(a)
		}
	}
}

// BenchmarkAnnotate times event coding alone on parsed, actor-resolved
// seed articles.
func BenchmarkAnnotate(b *testing.B) {
	arts, n := benchArticles(b)
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			c.Annotate(a)
		}
	}
}
