package segment

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
)

// sharedDir returns the shared data directory (env SITREP_SHARED, or
// ../../../shared from the package directory), or skips the test.
func sharedDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("SITREP_SHARED")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared")
	}
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("shared test data not found at %s (set SITREP_SHARED): %v", dir, err)
	}
	return dir
}

// ewtCorpus is a UD treebank rebuilt as one article: each `# newpar`
// paragraph is its sentences' texts joined by one space.
type ewtCorpus struct {
	article   model.Article
	sentEnds  map[int]bool // gold sentence end offsets in article.Text
	paraEnds  map[int]bool // paragraph end offsets
	goldToks  []model.Span // gold token spans; NoSpan when not alignable
	sentCount int
}

// loadEWT reads a CoNLL-U file.
func loadEWT(tb testing.TB, path string) *ewtCorpus {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("UD EWT not available: %v", err)
	}
	defer f.Close()

	c := &ewtCorpus{sentEnds: map[int]bool{}, paraEnds: map[int]bool{}}
	var text strings.Builder
	paraStart, paraOpen := 0, false
	endPara := func() {
		if paraOpen {
			c.article.Paragraphs = append(c.article.Paragraphs, model.Paragraph{
				Span: model.Span{Start: paraStart, End: text.Len()}, Raw: model.NoSpan, Kind: model.KindBody,
			})
			c.paraEnds[text.Len()] = true
			paraOpen = false
		}
	}
	// Per sentence: its text, its offset, the alignment cursor and the
	// multiword-token range being read.
	var sent string
	sentOff, cur := 0, 0
	rangeLast, rangeEnd := 0, -1

	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# newdoc"), strings.HasPrefix(line, "# newpar"):
			endPara()
		case strings.HasPrefix(line, "# text = "):
			sent = strings.TrimSpace(strings.TrimPrefix(line, "# text = "))
			if !paraOpen {
				if text.Len() > 0 {
					text.WriteString("\n\n")
				}
				paraStart, paraOpen = text.Len(), true
			} else {
				text.WriteString(" ")
			}
			sentOff, cur = text.Len(), 0
			text.WriteString(sent)
			c.sentEnds[text.Len()] = true
			c.sentCount++
		case line == "" || strings.HasPrefix(line, "#"):
		default:
			cols := strings.SplitN(line, "\t", 3)
			if len(cols) < 2 || strings.Contains(cols[0], ".") {
				continue // empty node
			}
			id, form := cols[0], cols[1]
			for cur < len(sent) && sent[cur] == ' ' {
				cur++
			}
			if _, hi, ok := strings.Cut(id, "-"); ok {
				rangeLast = atoi(hi)
				rangeEnd = -1
				if strings.HasPrefix(sent[cur:], form) {
					rangeEnd = cur + len(form)
				}
				continue
			}
			if strings.HasPrefix(sent[cur:], form) {
				c.goldToks = append(c.goldToks, model.Span{Start: sentOff + cur, End: sentOff + cur + len(form)})
				cur += len(form)
			} else {
				c.goldToks = append(c.goldToks, model.NoSpan)
			}
			if atoi(id) == rangeLast && rangeEnd >= 0 {
				cur = rangeEnd
				rangeEnd = -1
			}
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	endPara()
	c.article.Text = text.String()
	return c
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

func f1(tp, pred, gold int) float64 {
	if pred == 0 || gold == 0 || tp == 0 {
		return 0
	}
	p, r := float64(tp)/float64(pred), float64(tp)/float64(gold)
	return 2 * p * r / (p + r)
}

// TestEWTAccuracy measures sentence-boundary F1 and token accuracy on the
// UD English-EWT test set. The floors are the measured figures rounded
// down; raise them when the rules improve.
func TestEWTAccuracy(t *testing.T) {
	const (
		sentenceF1Floor    = 0.90 // measured 0.9005
		tokenAccuracyFloor = 0.99 // measured 0.9919
	)
	c := loadEWT(t, filepath.Join(sharedDir(t), "data", "ud-ewt", "en_ewt-ud-test.conllu"))
	a := &c.article
	Segment(a, Options{})
	checkInvariants(t, a)

	tp, tpInner, predInner, goldInner := 0, 0, 0, 0
	for e := range c.sentEnds {
		if !c.paraEnds[e] {
			goldInner++
		}
	}
	for _, s := range a.Sentences {
		e := s.Span.End
		inner := !c.paraEnds[e]
		if inner {
			predInner++
		}
		if c.sentEnds[e] {
			tp++
			if inner {
				tpInner++
			}
		}
	}
	sentF1 := f1(tp, len(a.Sentences), c.sentCount)
	innerF1 := f1(tpInner, predInner, goldInner)

	pred := make(map[model.Span]bool, len(a.Tokens))
	for _, tok := range a.Tokens {
		pred[tok.Span] = true
	}
	hit := 0
	for _, g := range c.goldToks {
		if pred[g] {
			hit++
		}
	}
	tokAcc := float64(hit) / float64(len(c.goldToks))

	t.Logf("EWT test: %d paragraphs, %d gold sentences, %d predicted", len(a.Paragraphs), c.sentCount, len(a.Sentences))
	t.Logf("sentence-boundary F1 = %.4f (paragraph-internal boundaries only: %.4f, %d gold, %d predicted)", sentF1, innerF1, goldInner, predInner)
	t.Logf("token accuracy = %.4f (%d of %d gold tokens)", tokAcc, hit, len(c.goldToks))
	if sentF1 < sentenceF1Floor {
		t.Errorf("sentence-boundary F1 %.4f below floor %.2f", sentF1, sentenceF1Floor)
	}
	if tokAcc < tokenAccuracyFloor {
		t.Errorf("token accuracy %.4f below floor %.2f", tokAcc, tokenAccuracyFloor)
	}
}
