package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// sharedDir locates ../shared (or $SITREP_SHARED) and skips the test when
// it is absent.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "fixtures", "seeds", "gold.json")); err != nil {
		t.Skipf("shared data not found at %s (set SITREP_SHARED): %v", dir, err)
	}
	return dir
}

type seedGold struct {
	Metadata    map[string]map[string]string `json:"metadata"`
	Boilerplate map[string][]string          `json:"boilerplate"`
}

// loadSeeds reads the seed articles, their manifest and gold file.
func loadSeeds(t *testing.T) (files []string, manifest map[string]model.Meta, gold seedGold) {
	dir := filepath.Join(sharedDir(t), "fixtures", "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("want 5 seed files, got %d (%v)", len(files), err)
	}
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	manifest = map[string]model.Meta{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct {
			File string `json:"file"`
			model.Meta
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		manifest[m.File] = m.Meta
	}
	b, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	return files, manifest, gold
}

func extractFile(t *testing.T, path string, meta model.Meta) *model.Article {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, rej := Extract(model.Document{Path: path, Format: "txt", Container: "txt", Raw: string(raw), Meta: meta})
	if rej != nil {
		t.Fatalf("%s rejected: %v", path, rej)
	}
	return a
}

// TestSeedsBoilerplate checks the acceptance bar on the seed fixture: no
// gold boilerplate line survives in any article's text, and every body
// paragraph does.
func TestSeedsBoilerplate(t *testing.T) {
	files, manifest, gold := loadSeeds(t)
	for _, path := range files {
		base := filepath.Base(path)
		key := base[:3]
		a := extractFile(t, path, manifest[base])
		for _, line := range gold.Boilerplate[key] {
			if strings.Contains(a.Text, line) {
				t.Errorf("%s: boilerplate %q survives in text", key, line)
			}
		}
		raw, _ := os.ReadFile(path)
		text := foldSpace(a.Text)
		kept := 0
		for line := range strings.SplitSeq(string(raw), "\n") {
			line = foldSpace(line)
			words := strings.Fields(line)
			if len(words) < 8 || isGoldBoilerplate(line, gold.Boilerplate[key]) || strings.Contains(normKey(line), normKey(manifest[base].Title)) && manifest[base].Title != "" {
				continue
			}
			// From the fourth word on, so that a stripped dateline or
			// outlet credit does not count as a loss.
			rest := strings.Join(words[3:], " ")
			if !strings.Contains(text, rest) {
				t.Errorf("%s: body paragraph lost: %.80q", key, line)
			}
			kept++
		}
		if kept < 5 {
			t.Errorf("%s: only %d body paragraphs checked", key, kept)
		}
	}
}

func isGoldBoilerplate(line string, gold []string) bool {
	for _, g := range gold {
		if strings.HasPrefix(line, g) || strings.Contains(line, g) && len(g) > 20 {
			return true
		}
	}
	return false
}

// TestSeedsMetadata checks titles, authors and datelines against the gold
// file, with the manifest and, harder, without it.
func TestSeedsMetadata(t *testing.T) {
	files, manifest, gold := loadSeeds(t)
	for _, withManifest := range []bool{true, false} {
		for _, path := range files {
			base := filepath.Base(path)
			key := base[:3]
			meta := model.Meta{}
			if withManifest {
				meta = manifest[base]
			}
			a := extractFile(t, path, meta)
			got := map[string]string{"title": a.Title, "author": a.Author, "dateline": a.Dateline}
			for field, want := range gold.Metadata[key] {
				if got[field] != want {
					t.Errorf("%s (manifest %v): %s = %q, want %q", key, withManifest, field, got[field], want)
				}
			}
		}
	}
}

// TestSeedsDates checks that manifest dates win and that the misleading
// stamps are kept as candidates with a disagreement diagnostic.
func TestSeedsDates(t *testing.T) {
	files, manifest, _ := loadSeeds(t)
	for _, path := range files {
		base := filepath.Base(path)
		a := extractFile(t, path, manifest[base])
		if a.Published != manifest[base].Published || a.PublishedSource != "manifest" {
			t.Errorf("%s: published %s from %s, want %s from manifest", base, a.Published, a.PublishedSource, manifest[base].Published)
		}
		stamps := map[string]string{"002": "2022-08-18", "003": "2014-09-14"}
		if want, ok := stamps[base[:3]]; ok {
			found := false
			for _, c := range a.DateCandidates {
				found = found || c.Source == "text-stamp" && c.Date == want && c.Raw.Valid()
			}
			if !found || !hasDiag(a, "date-disagreement") {
				t.Errorf("%s: want text stamp %s kept with a disagreement diagnostic; candidates %+v", base, want, a.DateCandidates)
			}
		}
	}
}

func hasDiag(a *model.Article, code string) bool {
	for _, d := range a.Diagnostics {
		if d.Code == code {
			return true
		}
	}
	return false
}
