package seedtest

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/extract"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// Shared returns the shared data directory: $SITREP_SHARED, else
// ../../../shared from a package directory. It skips tb with a message when
// rel (a path inside it) does not exist.
func Shared(tb testing.TB, rel string) string {
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

// Dir returns the seed fixture's directory (skipping tb when absent).
func Dir(tb testing.TB) string {
	tb.Helper()
	return filepath.Join(Shared(tb, "fixtures/seeds/gold.json"), "fixtures", "seeds")
}

// Articles extracts and segments the five seed articles with their
// manifest metadata, keyed by their three-digit prefix ("002"). Each call
// returns fresh articles the caller may change.
func Articles(tb testing.TB) map[string]*model.Article {
	tb.Helper()
	dir := Dir(tb)
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	arts := map[string]*model.Article{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var m struct {
			File string `json:"file"`
			model.Meta
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			tb.Fatal(err)
		}
		path := filepath.Join(dir, m.File)
		raw, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		a, rej := extract.Extract(model.Document{Path: path, Format: "txt", Container: "txt", Raw: string(raw), Meta: m.Meta, MetaSource: "manifest"})
		if rej != nil {
			tb.Fatalf("%s rejected: %v", path, rej)
		}
		segment.Segment(a, segment.Options{})
		arts[m.File[:3]] = a
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(arts) != 5 {
		tb.Fatalf("want 5 seed articles, got %d", len(arts))
	}
	return arts
}

// NormQuote normalises quote text for matching, as the fixture's README
// says: curly quotation marks made straight, white space folded.
func NormQuote(s string) string {
	s = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// SpeakerMatches applies the fixture's speaker rule: the speaker resolves
// to the named person, or is an anonymous source of the gold description
// ("anonymous French diplomat"), or a statement ("statement of ...").
func SpeakerMatches(gold string, s *model.Speaker) bool {
	if s == nil {
		return false
	}
	g := strings.ToLower(gold)
	desc := strings.ToLower(s.Name + " " + s.Description)
	switch {
	case strings.HasPrefix(g, "anonymous "):
		key := strings.TrimPrefix(g, "anonymous ")
		if i := strings.Index(key, " ("); i >= 0 {
			key = key[:i]
		}
		return s.Anonymous && strings.Contains(desc, key)
	case strings.HasPrefix(g, "statement"):
		return strings.Contains(desc, "statement")
	}
	return s.Name == gold
}
