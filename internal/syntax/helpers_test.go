package syntax

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/seedtest"
	"github.com/sitrep/sitrep/internal/segment"
)

// sharedDir locates ../shared (or $SITREP_SHARED) and skips the test when
// it is absent.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "ud-ewt", "en_ewt-ud-test.conllu")); err != nil {
		tb.Skipf("shared data not found at %s (set SITREP_SHARED): %v", dir, err)
	}
	return dir
}

// defaultModel loads the embedded model or fails the test.
func mustDefault(tb testing.TB) *Model {
	tb.Helper()
	m, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// loadSeedArticles extracts and segments the five seed articles with
// their manifest metadata. The texts are read at test time, never copied.
func loadSeedArticles(tb testing.TB) []*model.Article {
	tb.Helper()
	m := seedtest.Articles(tb)
	arts := make([]*model.Article, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		arts = append(arts, m[k])
	}
	return arts
}

// treeError checks that every token of every sentence of a has a Syntax,
// that heads stay inside the sentence, that each sentence has exactly one
// root and that there are no cycles.
func treeError(a *model.Article) error {
	for si, s := range a.Sentences {
		if s.FirstToken >= s.EndToken {
			continue
		}
		roots := 0
		for i := s.FirstToken; i < s.EndToken; i++ {
			syn := a.Tokens[i].Syntax
			if syn == nil {
				return fmt.Errorf("sentence %d: token %d has no syntax", si, i)
			}
			if syn.Head == -1 {
				roots++
				if syn.Rel != "root" {
					return fmt.Errorf("sentence %d: root token %d has relation %q", si, i, syn.Rel)
				}
				continue
			}
			if syn.Head < s.FirstToken || syn.Head >= s.EndToken || syn.Head == i {
				return fmt.Errorf("sentence %d: token %d has head %d outside [%d,%d)", si, i, syn.Head, s.FirstToken, s.EndToken)
			}
			if syn.Rel == "" || syn.Rel == "root" || syn.UPOS == "" || syn.XPOS == "" {
				return fmt.Errorf("sentence %d: token %d has an empty or misplaced label: %+v", si, i, *syn)
			}
			// Follow heads: a tree reaches the root in fewer steps than
			// the sentence has tokens.
			h, steps := i, 0
			for h != -1 {
				h = a.Tokens[h].Syntax.Head
				if steps++; steps > s.EndToken-s.FirstToken {
					return fmt.Errorf("sentence %d: cycle through token %d", si, i)
				}
			}
		}
		if roots != 1 {
			return fmt.Errorf("sentence %d: %d roots", si, roots)
		}
	}
	return nil
}

// article builds a segmented one-paragraph article from text.
func article(text string) *model.Article {
	a := &model.Article{Text: text, Paragraphs: []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan}}}
	segment.Segment(a, segment.Options{})
	return a
}
