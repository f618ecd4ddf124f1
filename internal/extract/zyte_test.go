package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep/sitrep/internal/evaluate"
	"github.com/sitrep/sitrep/internal/model"
)

// zyteF1Floor is the measured F1 of the ingest path (webpage + the shared
// header/body/tail cleaner) on the Zyte benchmark, rounded down: 0.9628 on
// 2026-11-23 (go run ./cmd/sitrep eval boilerplate).
const zyteF1Floor = 0.96

// TestZyteThroughExtract scores main-text extraction exactly as ingest
// runs it, on the Zyte article-extraction benchmark.
func TestZyteThroughExtract(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: 181 pages")
	}
	dir := filepath.Join(sharedDir(t), "data", "boilerplate", "zyte")
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		t.Skipf("Zyte benchmark not found at %s: %v", dir, err)
	}
	res, err := evaluate.Boilerplate(dir, func(html, url string) (string, error) {
		a, rej := Extract(model.Document{Path: url, Format: "html", Container: "html", Raw: html, Meta: model.Meta{URL: url}})
		if rej != nil {
			return "", nil
		}
		return a.Text, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Zyte via extract: %d pages, P %.4f R %.4f F1 %.4f", res.Pages, res.Precision, res.Recall, res.F1)
	if res.F1 < zyteF1Floor {
		t.Errorf("F1 %.4f below floor %.2f", res.F1, zyteF1Floor)
	}
}
