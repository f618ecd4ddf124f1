package quotes

import (
	"path/filepath"
	"testing"
)

// TestPolNeARDev holds the PolNeAR dev scores to the floors measured
// (rules tuned on train only).
func TestPolNeARDev(t *testing.T) {
	dir := filepath.Join(sharedDir(t, "data/polnear/dev/attributions"), "data", "polnear", "dev")
	res, err := EvalPolNeAR(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PolNeAR dev: %d articles, direct F1 %.4f (P %.4f R %.4f), all F1 %.4f (P %.4f R %.4f), source accuracy %.4f (%d of %d)",
		res.Articles, res.DirectF1, res.DirectPrecision, res.DirectRecall, res.AllF1, res.AllPrecision, res.AllRecall,
		res.SourceAccuracy, res.SourceCorrect, res.Found)
	floors := []struct {
		name       string
		got, floor float64
	}{
		{"direct_f1", res.DirectF1, 0.94},
		{"all_f1", res.AllF1, 0.728},
		{"source_accuracy", res.SourceAccuracy, 0.839},
	}
	for _, f := range floors {
		if f.got < f.floor {
			t.Errorf("%s %.4f below floor %.3f", f.name, f.got, f.floor)
		}
	}
}

func TestReadBratOffsets(t *testing.T) {
	// character offsets are converted to bytes: "é" and "’" are multi-byte
	text := "Café owner’s view: he said it’s fine."
	a := PlainArticle("x", text)
	if len(a.Paragraphs) != 1 || len(a.Tokens) == 0 {
		t.Fatalf("article not built: %+v", a.Paragraphs)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "x_a.ann")
	ann := "T1\tSource 19 21\the\nT2\tCue 22 26\tsaid\nT3\tContent 27 36\tit’s fine\nT4\tAttribution 22 26\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
	if err := writeFile(path, ann); err != nil {
		t.Fatal(err)
	}
	gold, err := readBrat(path, text)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 1 || gold[0].content[0].In(text) != "it’s fine" || gold[0].source[0].In(text) != "he" {
		t.Fatalf("spans not mapped to bytes: %+v", gold)
	}
}
