package actors

import (
	"os"
	"path/filepath"
	"testing"
)

func loadIOB(tb testing.TB, name string) []IOBSentence {
	tb.Helper()
	path := filepath.Join(sharedDir(tb), "data", "uner-ewt", name)
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("UNER EWT not found: %v", err)
	}
	defer f.Close()
	sents, err := ReadIOB2(f)
	if err != nil {
		tb.Fatal(err)
	}
	return sents
}

// TestNERDev logs name recognition on the development split.
func TestNERDev(t *testing.T) {
	kb, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	s := NewResolver(kb).EvalNER(loadIOB(t, "en_ewt-ud-dev.iob2"))
	t.Logf("dev: P %.4f R %.4f F1 %.4f (gold %d, predicted %d)", s.Precision, s.Recall, s.F1, s.Gold, s.Predicted)
	for k, v := range s.PerKind {
		t.Logf("dev %s: P %.4f R %.4f F1 %.4f (gold %d, predicted %d)", k, v.Precision, v.Recall, v.F1, v.Gold, v.Predicted)
	}
}

// loadGUM reads the GUM news and interview documents' names.
func loadGUM(tb testing.TB) []IOBSentence {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(sharedDir(tb), "data", "gum-news", "dep", "*.conllu"))
	if len(files) == 0 {
		tb.Skip("GUM not found")
	}
	var out []IOBSentence
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			tb.Fatal(err)
		}
		s, err := ReadGUMNames(f)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, s...)
	}
	return out
}
