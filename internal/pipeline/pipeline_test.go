package pipeline

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/ingest"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

const goodArticle = "Envoys meet again on border dispute\n\n" +
	"Negotiators from the two neighbouring states met on Monday for a third round of talks on the disputed border, officials said.\n\n" +
	"Both delegations described the meeting as constructive and agreed to meet again next month in the capital.\n"

// frenchArticle and persianArticle are short news texts of our own in
// French and Persian.
const frenchArticle = "Les ministres reprennent les négociations\n\n" +
	"Les ministres des affaires étrangères des deux pays se sont réunis lundi à Genève pour une nouvelle série de discussions sur la frontière contestée, a indiqué un porte-parole.\n\n" +
	"Les deux délégations ont jugé la rencontre constructive et ont convenu de se revoir le mois prochain dans la capitale.\n"

const persianArticle = "وزیران دوباره دیدار کردند\n\n" +
	"وزیران امور خارجه دو کشور روز دوشنبه در ژنو برای دور تازه‌ای از گفتگوها درباره مرز مورد اختلاف دیدار کردند، یک سخنگو گفت.\n\n" +
	"هر دو هیئت این دیدار را سازنده خواندند و توافق کردند ماه آینده در پایتخت دوباره دیدار کنند.\n"

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func ingestDir(t *testing.T, dbPath string, paths []string, opts ingest.Options) *Summary {
	t.Helper()
	return ingestPlan(t, dbPath, paths, opts, Options{Workers: 2, BatchSize: 3})
}

func ingestWith(t *testing.T, dbPath string, paths []string, popts Options) *Summary {
	t.Helper()
	return ingestPlan(t, dbPath, paths, ingest.Options{}, popts)
}

func ingestPlan(t *testing.T, dbPath string, paths []string, opts ingest.Options, popts Options) *Summary {
	t.Helper()
	st, err := sqlite.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	plan, err := ingest.NewPlan(paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Ingest(context.Background(), plan, st, popts)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// TestBadInputs checks that each kind of bad input yields one diagnostic
// naming the file (and line) while the rest of the batch is stored.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write(t, filepath.Join(in, "a_good.txt"), []byte(goodArticle))
	write(t, filepath.Join(in, "b_binary.txt"), []byte("\x00\x01\x02PNG-ish\x00\x00 binary junk\x00"))
	write(t, filepath.Join(in, "c_latin1.txt"), []byte(strings.Replace(strings.Replace(goodArticle, "third", "third caf\xe9", 1), "Envoys", "Envoys \xff", 1)))
	write(t, filepath.Join(in, "d_empty.txt"), nil)
	big := bytes.Repeat([]byte("word "), 10<<20) // 50 MiB on one line
	write(t, filepath.Join(in, "e_huge.txt"), big)
	trunc := gz(t, []byte(strings.Repeat(goodArticle, 50)))
	write(t, filepath.Join(in, "f_truncated.html.gz"), trunc[:len(trunc)/2])
	jsonl := `{"text": "Ministers from five countries signed a water-sharing accord on Friday after two years of talks, the host government said. The accord takes effect next year.", "title": "Water accord signed", "published": "2020-05-01", "outlet": "Test Wire"}` + "\n" +
		`{"text": "broken` + "\n" +
		`{"title": "no body"}` + "\n"
	write(t, filepath.Join(in, "g_records.jsonl"), []byte(jsonl))
	write(t, filepath.Join(in, "h_page.html.gz"), gz(t, []byte("<html><head><title>Summit ends</title></head><body><article><h1>Summit ends</h1><p>The regional summit ended on Sunday with a joint statement on trade, security and migration signed by all twelve leaders.</p><p>The next summit will be held in the spring, the organisers said in a statement.</p></article></body></html>")))
	write(t, filepath.Join(in, "notes.md"), []byte("not an input"))
	deep := strings.Repeat("<div>", 10000) + "<p>Buried text that no parser should have to reach at this depth.</p>" + strings.Repeat("</div>", 10000)
	write(t, filepath.Join(in, "i_deep.html"), []byte("<html><body>"+deep+"</body></html>"))
	if err := os.Symlink(filepath.Join(in, "missing.txt"), filepath.Join(in, "j_dangling.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("k_loop.txt", filepath.Join(in, "k_loop.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(in, "l_dirloop")); err != nil { // not followed
		t.Fatal(err)
	}
	write(t, filepath.Join(in, "m_french.txt"), []byte(frenchArticle))
	write(t, filepath.Join(in, "n_persian.txt"), []byte(persianArticle))
	unreadable := os.Geteuid() != 0 // root reads a file whatever its mode
	if unreadable {
		write(t, filepath.Join(in, "o_unreadable.txt"), []byte(goodArticle+"\nAnother line.\n"))
		if err := os.Chmod(filepath.Join(in, "o_unreadable.txt"), 0); err != nil {
			t.Fatal(err)
		}
	}

	sum := ingestDir(t, filepath.Join(dir, "s.db"), []string{in}, ingest.Options{})
	want := map[string]string{ // file (and line) -> diagnostic code
		"b_binary.txt":        "binary",
		"d_empty.txt":         "empty",
		"e_huge.txt":          "too-large",
		"f_truncated.html.gz": "bad-gzip",
		"g_records.jsonl:2":   "bad-json",
		"g_records.jsonl:3":   "no-content",
		"i_deep.html":         "html-too-deep",
		"j_dangling.txt":      "unreadable",
		"k_loop.txt":          "unreadable",
	}
	if unreadable {
		want["o_unreadable.txt"] = "unreadable"
	}
	got := map[string]string{}
	for _, d := range sum.Rejections {
		key := filepath.Base(d.File)
		if d.Line > 0 {
			key += ":" + strconv.Itoa(d.Line)
		}
		if _, dup := got[key]; dup {
			t.Errorf("two diagnostics for %s", key)
		}
		got[key] = d.Code
		if d.Message == "" || d.Severity != model.Error {
			t.Errorf("%s: unclear diagnostic %+v", key, d)
		}
	}
	for k, code := range want {
		if got[k] != code {
			t.Errorf("%s: diagnostic %q, want %q (all: %v)", k, got[k], code, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("rejections %v, want %v", got, want)
	}
	// Stored: the good text, the repaired Latin-1/invalid UTF-8 one, the
	// JSONL record, the gzipped page and the French and Persian articles.
	// Skipped: notes.md and the symlinked directory.
	if sum.Stored != 6 || sum.Rejected != len(want) || sum.Skipped != 2 {
		t.Errorf("summary %s; want stored 6, rejected %d, skipped 2", sum, len(want))
	}
	st, err := sqlite.Open(filepath.Join(dir, "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids, _ := st.ArticleIDs(context.Background())
	foundRepair := false
	langs := map[string]string{}
	for _, id := range ids {
		a, err := st.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		langs[a.SourceFile] = a.Language
		for _, d := range a.Diagnostics {
			if d.Code == "encoding" && a.SourceFile == "c_latin1.txt" {
				foundRepair = true
			}
		}
	}
	if langs["m_french.txt"] != "fr" || langs["n_persian.txt"] != "fa" || langs["a_good.txt"] != "en" {
		t.Errorf("languages %v: want m_french.txt fr, n_persian.txt fa, a_good.txt en", langs)
	}
	if !foundRepair {
		t.Error("the invalid UTF-8 file was stored without an encoding diagnostic")
	}
}

// TestBadManifestLine checks that a manifest line that cannot be read is
// a warning, not a rejected input: the article is still stored, with the
// metadata of the manifest's good lines, and Read = Stored + Duplicate +
// Rejected still holds.
func TestBadManifestLine(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	write(t, filepath.Join(in, "a.txt"), []byte(goodArticle))
	write(t, filepath.Join(in, ingest.ManifestName), []byte("{\"file\": \"a.txt\", \"outlet\": \"Harbour Post\"}\n{not json\n"))
	sum := ingestDir(t, filepath.Join(dir, "s.db"), []string{in}, ingest.Options{})
	if sum.Read != 1 || sum.Stored != 1 || sum.Rejected != 0 || sum.Warnings < 1 {
		t.Errorf("summary %s; want read 1, stored 1, rejected 0 and the manifest line as a warning", sum)
	}
	st, err := sqlite.Open(filepath.Join(dir, "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids, err := st.ArticleIDs(context.Background())
	if err != nil || len(ids) != 1 {
		t.Fatalf("stored ids %v (%v), want one", ids, err)
	}
	a, err := st.Article(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if a.Outlet != "Harbour Post" {
		t.Errorf("outlet %q, want the manifest's good line", a.Outlet)
	}
}

// TestSeedsTwice ingests the seed fixture twice: 5 articles, not 10.
func TestSeedsTwice(t *testing.T) {
	shared := os.Getenv("SITREP_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	seeds := filepath.Join(shared, "fixtures", "seeds")
	if _, err := os.Stat(filepath.Join(seeds, "manifest.jsonl")); err != nil {
		t.Skipf("seed fixture not found at %s (set SITREP_SHARED): %v", seeds, err)
	}
	db := filepath.Join(t.TempDir(), "seeds.db")
	opts := ingest.Options{Manifest: filepath.Join(seeds, "manifest.jsonl")}
	first := ingestDir(t, db, []string{seeds}, opts)
	second := ingestDir(t, db, []string{seeds}, opts)
	if first.Stored != 5 || first.Rejected != 0 {
		t.Errorf("first run: %s; want 5 stored", first)
	}
	if second.Stored != 0 || second.Duplicate != 5 {
		t.Errorf("second run: %s; want 5 duplicates", second)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(context.Background())
	if err != nil || stats.Articles != 5 {
		t.Errorf("store holds %d articles (%v), want 5", stats.Articles, err)
	}
}
