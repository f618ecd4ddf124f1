package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/corpus"
)

// BenchmarkExtractPlainText cleans real plain-text news (PolNeAR's texts).
func BenchmarkExtractPlainText(b *testing.B) {
	shared := os.Getenv("SITREP_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	docs, err := corpus.Load(filepath.Join(shared, "data", "polnear", "dev"))
	if err != nil || len(docs) == 0 {
		b.Skipf("PolNeAR not found under %s (set SITREP_SHARED): %v", shared, err)
	}
	var n int64
	for _, d := range docs {
		n += int64(len(d.Raw))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, rej := Extract(d); rej != nil {
				b.Fatal(rej)
			}
		}
	}
}
