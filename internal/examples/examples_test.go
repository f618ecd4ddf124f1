package examples

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

type manifestEntry struct {
	File           string `json:"file"`
	Outlet         string `json:"outlet"`
	Title          string `json:"title"`
	Published      string `json:"published"`
	Dateline       string `json:"dateline"`
	SyndicatedFrom string `json:"syndicated_from"`
	Language       string `json:"language"`
}

type jsonlArticle struct {
	Text      string `json:"text"`
	HTML      string `json:"html"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Outlet    string `json:"outlet"`
	Author    string `json:"author"`
}

func readCorpus(t *testing.T, name string) []byte {
	t.Helper()
	data, err := Corpus.ReadFile(path.Join(corpusRoot, name))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return data
}

// jsonLines returns the non-empty lines of a JSON Lines file.
func jsonLines(t *testing.T, name string) [][]byte {
	t.Helper()
	var out [][]byte
	sc := bufio.NewScanner(bytes.NewReader(readCorpus(t, name)))
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) > 0 {
			out = append(out, append([]byte(nil), line...))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan %s: %v", name, err)
	}
	return out
}

func checkDate(t *testing.T, where, s string) {
	t.Helper()
	if _, err := time.Parse("2006-01-02", s); err != nil {
		t.Errorf("%s: published %q is not YYYY-MM-DD: %v", where, s, err)
	}
}

func TestManifestMatchesCorpus(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	onDisk := map[string]bool{}
	for _, f := range files {
		if f == ManifestName || strings.HasSuffix(f, ".jsonl") {
			continue
		}
		onDisk[f] = true
	}
	if len(onDisk) == 0 {
		t.Fatal("corpus has no article files")
	}

	listed := map[string]bool{}
	outlets := map[string]bool{}
	var entries []manifestEntry
	for i, line := range jsonLines(t, ManifestName) {
		var e manifestEntry
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("manifest line %d: %v", i+1, err)
		}
		if e.File == "" || e.Outlet == "" || e.Title == "" || e.Language != "en" {
			t.Errorf("manifest line %d: missing file, outlet, title or language: %+v", i+1, e)
		}
		checkDate(t, e.File, e.Published)
		if listed[e.File] {
			t.Errorf("manifest lists %s twice", e.File)
		}
		listed[e.File] = true
		outlets[e.Outlet] = true
		entries = append(entries, e)
		if !onDisk[e.File] {
			t.Errorf("manifest lists %s, which is not in the corpus", e.File)
		}
	}
	for f := range onDisk {
		if !listed[f] {
			t.Errorf("corpus file %s is missing from the manifest", f)
		}
	}
	for _, e := range entries {
		if e.SyndicatedFrom == "" {
			continue
		}
		if !outlets[e.SyndicatedFrom] {
			t.Errorf("%s: syndicated_from %q is not an outlet of the corpus", e.File, e.SyndicatedFrom)
		}
		if !bytes.Contains(readCorpus(t, e.File), []byte("first appeared in "+e.SyndicatedFrom)) {
			t.Errorf("%s: no credit line naming %s", e.File, e.SyndicatedFrom)
		}
	}
}

func TestFilesAreUTF8(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if data := readCorpus(t, f); !utf8.Valid(data) {
			t.Errorf("%s is not valid UTF-8", f)
		}
	}
}

func TestJSONLArticlesParse(t *testing.T) {
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if f == ManifestName || !strings.HasSuffix(f, ".jsonl") {
			continue
		}
		for i, line := range jsonLines(t, f) {
			var a jsonlArticle
			if err := json.Unmarshal(line, &a); err != nil {
				t.Fatalf("%s line %d: %v", f, i+1, err)
			}
			if a.Text == "" && a.HTML == "" {
				t.Errorf("%s line %d: neither text nor html", f, i+1)
			}
			if a.URL == "" || a.Title == "" || a.Outlet == "" || a.Author == "" {
				t.Errorf("%s line %d: missing url, title, outlet or author", f, i+1)
			}
			checkDate(t, f, a.Published)
			n++
		}
	}
	if n == 0 {
		t.Error("no JSON Lines articles in the corpus")
	}
}

func TestWriteTo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo-corpus")
	if err := WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	files, err := Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("WriteTo did not write %s: %v", f, err)
			continue
		}
		if !bytes.Equal(got, readCorpus(t, f)) {
			t.Errorf("%s: written copy differs from the embedded file", f)
		}
	}
	written, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != len(files) {
		t.Errorf("WriteTo wrote %d entries, corpus has %d files", len(written), len(files))
	}
	// Writing twice must succeed (files are overwritten).
	if err := WriteTo(dir); err != nil {
		t.Errorf("second WriteTo: %v", err)
	}
}
