package events

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir locates ../shared (or $SITREP_SHARED) and skips the test when
// the file rel is absent there.
func sharedDir(tb testing.TB, rel string) string {
	tb.Helper()
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
		tb.Skipf("shared data not found at %s (set SITREP_SHARED): %v", dir, err)
	}
	return dir
}

// TestCodesUpToDate regenerates codes.tsv from the shared tables and
// compares it with the embedded copy; SITREP_UPDATE=1 rewrites it.
func TestCodesUpToDate(t *testing.T) {
	dir := filepath.Join(sharedDir(t, "data/cameo/CAMEO.eventcodes.txt"), "data")
	got, err := GenerateCodes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("SITREP_UPDATE") == "1" {
		if err := os.WriteFile(filepath.Join("data", "codes.tsv"), got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, codesTSV) {
		t.Fatal("data/codes.tsv is stale: run 'sitrep train codes' (or SITREP_UPDATE=1 go test -run TestCodesUpToDate)")
	}
	codes, err := parseCodes(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		code, plover string
		quad         int
		gold         float64
	}{
		{"125", "REJECT", 3, -5.0},
		{"0231", "REQUEST", 1, 3.4},
		{"195", "ASSAULT", 4, -10},
		{"042", "CONSULT", 1, 1.9},
		{"073", "AID", 2, 7.4},
		{"112", "ACCUSE", 3, -2},
	} {
		c, ok := codes[tc.code]
		if !ok || c.PLOVER != tc.plover || c.Quad != tc.quad || c.Goldstein != tc.gold {
			t.Errorf("code %s = %+v, want PLOVER %s quad %d Goldstein %v", tc.code, c, tc.plover, tc.quad, tc.gold)
		}
	}
}
