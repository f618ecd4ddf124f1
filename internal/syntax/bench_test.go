package syntax

import (
	"bytes"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/sitrep/sitrep/internal/model"
)

// benchText returns the seed articles, segmented, and their token and
// byte counts.
func benchText(b *testing.B) (arts []*model.Article, tokens, size int) {
	arts = loadSeedArticles(b)
	for _, a := range arts {
		tokens += len(a.Tokens)
		size += len(a.Text)
	}
	return arts, tokens, size
}

func reportTokens(b *testing.B, tokens int) {
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTag tags the seed articles (no parsing).
func BenchmarkTag(b *testing.B) {
	m := mustDefault(b)
	arts, tokens, size := benchText(b)
	var sentences [][]string
	for _, a := range arts {
		for i := range a.Sentences {
			var words []string
			for _, t := range a.SentenceTokens(i) {
				words = append(words, a.TokenText(t))
			}
			sentences = append(sentences, words)
		}
	}
	var s sent
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, words := range sentences {
			s.reset(words)
			m.tagger.tag(&s)
		}
	}
	reportTokens(b, tokens)
}

// BenchmarkTagParse runs the whole stage (tags, lemmas, trees) on the seed
// articles, one core.
func BenchmarkTagParse(b *testing.B) {
	m := mustDefault(b)
	arts, tokens, size := benchText(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, a := range arts {
			m.Annotate(a)
		}
	}
	reportTokens(b, tokens)
}

// BenchmarkProseTagNER is the yardstick: jdkato/prose v2 tagging and
// named-entity recognition (its own tokeniser included) on the same
// articles, with its model loaded once.
func BenchmarkProseTagNER(b *testing.B) {
	arts, _, size := benchText(b)
	doc, err := prose.NewDocument("Warm up.", prose.WithSegmentation(false))
	if err != nil {
		b.Fatal(err)
	}
	pm := doc.Model
	tokens := 0
	for _, a := range arts {
		d, err := prose.NewDocument(a.Text, prose.UsingModel(pm), prose.WithSegmentation(false))
		if err != nil {
			b.Fatal(err)
		}
		tokens += len(d.Tokens())
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, a := range arts {
			if _, err := prose.NewDocument(a.Text, prose.UsingModel(pm), prose.WithSegmentation(false)); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportTokens(b, tokens)
}

// BenchmarkLoad decodes the embedded model (what Default does once).
func BenchmarkLoad(b *testing.B) {
	raw, err := embedded.ReadFile(ModelFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for range b.N {
		if _, err := Load(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}
