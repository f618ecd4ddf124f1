package timex

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir locates ../shared (or $SITREP_SHARED) and skips the test when
// the part it needs is absent.
func sharedDir(t testing.TB, rel string) string {
	t.Helper()
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data not found at %s (set SITREP_SHARED): %v", p, err)
	}
	return p
}

// TestTBAQ measures recognition and normalisation on the TempEval-3
// TimeBank+AQUAINT training data and holds the floors. Set
// TIMEX_ERRORS=file to write every mismatch for error analysis.
func TestTBAQ(t *testing.T) {
	dir := sharedDir(t, filepath.Join("data", "tempeval3", "TBAQ-cleaned"))
	var dump *strings.Builder
	if os.Getenv("TIMEX_ERRORS") != "" {
		dump = &strings.Builder{}
	}
	s, err := EvaluateTimeML(dir, func(p Pair) {
		if dump == nil {
			return
		}
		switch {
		case p.System == nil:
			fmt.Fprintf(dump, "MISS\t%q\t%s\t%s\t%s\n", p.Gold.Text, p.Gold.Value, filepath.Base(p.Doc), p.Context)
		case p.Gold == nil:
			fmt.Fprintf(dump, "FP\t%q\t%s\t%s\t%s\n", p.System.Text, p.System.Value, filepath.Base(p.Doc), p.Context)
		case p.Gold.Value != p.System.Value:
			fmt.Fprintf(dump, "VAL\t%q|%q\tgold=%s sys=%s\t%s\t%s\n", p.Gold.Text, p.System.Text, p.Gold.Value, p.System.Value, filepath.Base(p.Doc), p.Context)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if dump != nil {
		if err := os.WriteFile(os.Getenv("TIMEX_ERRORS"), []byte(dump.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("TBAQ: %d files, gold %d, system %d, detect P %.4f R %.4f F1 %.4f, value P %.4f R %.4f F1 %.4f (accuracy on matches %.4f)",
		s.Files, s.Gold, s.System, s.DetectP, s.DetectR, s.DetectF1, s.ValueP, s.ValueR, s.ValueF1, s.ValueAccuracy)
	if s.Files != 256 {
		t.Errorf("read %d files, want 256", s.Files)
	}
	// Floors at or just below the measured figures (detect F1 0.9226,
	// value F1 0.7788); the bars are 0.85 and 0.75.
	if s.DetectF1 < 0.92 {
		t.Errorf("detect F1 %.4f below floor", s.DetectF1)
	}
	if s.ValueF1 < 0.77 {
		t.Errorf("value F1 %.4f below floor", s.ValueF1)
	}
}
