package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

func TestECBText(t *testing.T) {
	x := `<Document doc_name="x.xml"><token t_id="1" sentence="0">Rebels</token><token t_id="2" sentence="0">seized</token>` +
		`<token t_id="3" sentence="0">the</token><token t_id="4" sentence="0">town</token><token t_id="5" sentence="0">'s</token>` +
		`<token t_id="6" sentence="0">airport</token><token t_id="7" sentence="0">.</token>` +
		`<token t_id="8" sentence="1">Officials</token><token t_id="9" sentence="1">(</token><token t_id="10" sentence="1">two</token>` +
		`<token t_id="11" sentence="1">)</token><token t_id="12" sentence="1">did</token><token t_id="13" sentence="1">n't</token>` +
		`<token t_id="14" sentence="1">comment</token><token t_id="15" sentence="1">.</token><Markables/></Document>`
	got, err := ECBText([]byte(x))
	if err != nil {
		t.Fatal(err)
	}
	want := "Rebels seized the town's airport.\n\nOfficials (two) didn't comment."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := ECBText([]byte("<Document><token>")); err == nil {
		t.Error("truncated XML accepted")
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "t"), 0o755)
	os.WriteFile(filepath.Join(dir, "t", "b.txt"), []byte("Second article."), 0o644)
	os.WriteFile(filepath.Join(dir, "a.xml"), []byte(`<Document><token sentence="0">First</token><token sentence="0">.</token></Document>`), 0o644)
	os.WriteFile(filepath.Join(dir, "README.txt"), []byte("not an article"), 0o644)
	os.WriteFile(filepath.Join(dir, "other.xml"), []byte("<TimeML/>"), 0o644)
	docs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Raw != "First." || docs[1].Raw != "Second article." || !strings.HasSuffix(docs[1].Path, "b.txt") {
		t.Errorf("docs %+v", docs)
	}
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing directory is not an error")
	}
}

func TestSharedCorpus(t *testing.T) {
	shared := os.Getenv("SITREP_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	data := filepath.Join(shared, "data")
	if _, err := os.Stat(filepath.Join(data, "ecbplus")); err != nil {
		t.Skipf("shared data not found at %s (set SITREP_SHARED)", data)
	}
	docs, err := Load(filepath.Join(data, "polnear"), filepath.Join(data, "ecbplus"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 1300 {
		t.Errorf("%d documents, want the ~1,400 of PolNeAR and ECB+", len(docs))
	}
	for _, d := range docs {
		if strings.TrimSpace(d.Raw) == "" {
			t.Errorf("%s: empty", d.Path)
		}
	}
}

func TestReplicate(t *testing.T) {
	base := []model.Document{
		{Path: "a.txt", Format: "txt", Raw: "Title one\n\nFirst paragraph with 12 ships.\n\nSecond paragraph.\n\nThird paragraph with 40 troops."},
		{Path: "b.txt", Format: "txt", Raw: "Short text of 7 words only here."},
	}
	if d := Replicate(base, 1); d.Raw != base[1].Raw {
		t.Errorf("the first round must be the base documents")
	}
	seen := map[string]bool{}
	for i := range 40 {
		d := Replicate(base, i)
		if seen[d.Raw] {
			t.Errorf("copy %d repeats an earlier text", i)
		}
		seen[d.Raw] = true
		if d2 := Replicate(base, i); d2.Raw != d.Raw || d2.Path != d.Path {
			t.Errorf("copy %d is not deterministic", i)
		}
	}
}
