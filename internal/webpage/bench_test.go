package webpage

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// zytePages returns the HTML of the first n pages of the Zyte benchmark, in
// file-name order, or skips when the data is absent.
func zytePages(b *testing.B, n int) []string {
	shared := os.Getenv("SITREP_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	files, _ := filepath.Glob(filepath.Join(shared, "data", "boilerplate", "zyte", "html", "*.html.gz"))
	if len(files) == 0 {
		b.Skipf("Zyte benchmark pages not found under %s (set SITREP_SHARED to the shared directory)", shared)
	}
	sort.Strings(files)
	var pages []string
	for _, f := range files[:min(n, len(files))] {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		fh.Close()
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, string(data))
	}
	return pages
}

// BenchmarkExtract extracts a few real news pages; one op is one page.
func BenchmarkExtract(b *testing.B) {
	pages := zytePages(b, 8)
	var size int
	for _, p := range pages {
		size += len(p)
	}
	b.SetBytes(int64(size / len(pages)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := Extract(pages[i%len(pages)], Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
