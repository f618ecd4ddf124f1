package stories

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir locates ../shared (or $SITREP_SHARED) and skips the test when
// it is absent.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "data")); err != nil {
		tb.Skipf("shared data not found at %s (set SITREP_SHARED): %v", dir, err)
	}
	return dir
}

// loadECB reads the ECB+ odd topics, skipping when they are absent.
func loadECB(tb testing.TB) []ECBDoc {
	tb.Helper()
	dir := filepath.Join(sharedDir(tb), "data", "ecbplus")
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("ECB+ not found at %s: %v", dir, err)
	}
	docs, err := LoadECB(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}
