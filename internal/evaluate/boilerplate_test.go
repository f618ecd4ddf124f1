package evaluate

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep/sitrep/internal/webpage"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ,.; ", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"snake_case x2 3.14", []string{"snake_case", "x2", "3", "14"}},
		{"Zürich–Genève", []string{"Zürich", "Genève"}},
		{"don't", []string{"don", "t"}},
		{"東京 ١٢٣", []string{"東京", "١٢٣"}},
	} {
		if got := Tokens(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShingles(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[string]int
	}{
		{"", map[string]int{}},
		{"...", map[string]int{}},
		{"one", map[string]int{"one": 1}},
		{"one two three", map[string]int{"one two three": 1}},
		{"a b c d", map[string]int{"a b c d": 1}},
		{"a b c d e", map[string]int{"a b c d": 1, "b c d e": 1}},
		{"a b a b a b", map[string]int{"a b a b": 2, "b a b a": 1}},
	} {
		if got := Shingles(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Shingles(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestMatchShingles(t *testing.T) {
	for _, tc := range []struct {
		name        string
		truth, pred string
		tp, fp, fn  float64
		p, r        float64
	}{
		// Identical: 2 shingles matched, nothing else.
		{"exact", "a b c d e", "a b c d e", 1, 0, 0, 1, 1},
		// Truth "a b c d e f" has 3 shingles (abcd bcde cdef); the
		// prediction "a b c d e" has 2, both true: tp 2, fn 1, sum 3.
		{"short", "a b c d e f", "a b c d e", 2.0 / 3, 0, 1.0 / 3, 1, 2.0 / 3},
		// Prediction adds boilerplate: "x a b c d e" has xabc abcd bcde,
		// truth abcd bcde: tp 2, fp 1.
		{"extra", "a b c d e", "x a b c d e", 2.0 / 3, 1.0 / 3, 0, 2.0 / 3, 1},
		// Both wrong: tp 0 fp 1 fn 1.
		{"disjoint", "a b c d", "w x y z", 0, 0.5, 0.5, 0, 0},
		// Multiset: truth has "a b a b" twice, prediction once;
		// truth abab×2 baba×1, pred abab×1: tp 1, fn 2.
		{"multiset", "a b a b a b", "a b a b", 1.0 / 3, 0, 2.0 / 3, 1, 1.0 / 3},
		// Empty prediction: recall 0, no precision.
		{"empty-pred", "a b c d", "", 0, 0, 1, 0, 0},
		// Both empty: all zero, a perfect page.
		{"both-empty", "", " ", 0, 0, 0, 1, 1},
		// Punctuation and spacing do not matter, case does.
		{"tokens", "A, b. c; d!", "A b c d", 1, 0, 0, 1, 1},
		{"case", "A b c d", "a b c d", 0, 0.5, 0.5, 0, 0},
	} {
		c := MatchShingles(tc.truth, tc.pred)
		if !near(c.TP, tc.tp) || !near(c.FP, tc.fp) || !near(c.FN, tc.fn) {
			t.Errorf("%s: counts = %+v, want tp %v fp %v fn %v", tc.name, c, tc.tp, tc.fp, tc.fn)
		}
		if !near(c.Precision(), tc.p) || !near(c.Recall(), tc.r) {
			t.Errorf("%s: p %v r %v, want %v %v", tc.name, c.Precision(), c.Recall(), tc.p, tc.r)
		}
	}
}

func TestScore(t *testing.T) {
	pages := []ShingleCounts{
		MatchShingles("a b c d e", "a b c d e"),   // p 1, r 1
		MatchShingles("a b c d e f", "a b c d e"), // p 1, r 2/3
		MatchShingles("a b c d e", "x a b c d e"), // p 2/3, r 1
		MatchShingles("a b c d", ""),              // no p, r 0
		MatchShingles("", ""),                     // neither
	}
	got := Score(pages)
	p := (1 + 1 + 2.0/3) / 3
	r := (1 + 2.0/3 + 1 + 0) / 4
	if got.Pages != 5 || !near(got.Precision, p) || !near(got.Recall, r) || !near(got.F1, 2*p*r/(p+r)) {
		t.Errorf("Score = %+v, want pages 5 p %v r %v f1 %v", got, p, r, 2*p*r/(p+r))
	}
	if z := Score(nil); z != (BoilerplateResult{}) {
		t.Errorf("Score(nil) = %+v", z)
	}
}

func TestBoilerplateErrors(t *testing.T) {
	id := func(h, u string) (string, error) { return h, nil }
	if _, err := Boilerplate(t.TempDir(), id); err == nil {
		t.Error("missing ground truth: no error")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(`{"../x":{"articleBody":"a"}}`), 0o644)
	if _, err := Boilerplate(dir, id); err == nil {
		t.Error("bad page id: no error")
	}
	os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(`{"x":{"articleBody":"a"}}`), 0o644)
	if _, err := Boilerplate(dir, id); err == nil {
		t.Error("missing page: no error")
	}
}

// zyteDir locates the Zyte article-extraction-benchmark data, or skips.
func zyteDir(tb testing.TB) string {
	shared := os.Getenv("SITREP_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	dir := filepath.Join(shared, "data", "boilerplate", "zyte")
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		tb.Skipf("Zyte benchmark data not found at %s (set SITREP_SHARED to the shared directory): %v", dir, err)
	}
	return dir
}

func extractText(h, u string) (string, error) {
	p, err := webpage.Extract(h, webpage.Options{URL: u})
	return p.Text(), err
}

// zyteF1Floor is the F1 measured on the Zyte benchmark (0.9666 with
// precision 0.9546 and recall 0.9788, 181 pages), rounded down.
const zyteF1Floor = 0.96

func TestBoilerplateZyte(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	dir := zyteDir(t)
	start := time.Now()
	pages, err := BoilerplatePages(dir, extractText)
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	res := Score(pages)
	t.Logf("zyte: pages %d precision %.4f recall %.4f f1 %.4f (%.1f ms/page)",
		res.Pages, res.Precision, res.Recall, res.F1, float64(el.Milliseconds())/float64(res.Pages))
	if os.Getenv("SITREP_ZYTE_WORST") != "" {
		ids, _ := BoilerplateIDs(dir)
		for i, c := range pages {
			if c.Precision() < 0.8 || c.Recall() < 0.8 {
				t.Logf("  %s p %.3f r %.3f", ids[i], c.Precision(), c.Recall())
			}
		}
	}
	if res.F1 < zyteF1Floor {
		t.Errorf("F1 %.4f below floor %.2f", res.F1, zyteF1Floor)
	}
}
