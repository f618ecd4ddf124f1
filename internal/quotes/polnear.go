package quotes

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// PolNeARResult holds the scores of EvalPolNeAR.
//
// Contents are scored by word-token overlap, micro-averaged over the
// corpus: a token (a segment token with a letter or digit) is gold when it
// lies inside an annotated content span, predicted when it lies inside an
// extracted quote. "Direct" gold contents are those with at least half of
// their word tokens inside quotation marks; the matching predictions are
// the quotes of kind direct or partial. SourceAccuracy is the share of
// correctly found predictions (at least half of the prediction's tokens
// inside one gold content that has an annotated source) whose speaker
// mention overlaps that source span.
type PolNeARResult struct {
	Articles int `json:"articles"`
	// Gold attributions and how many of them count as direct.
	GoldAttributions int `json:"gold_attributions"`
	GoldDirect       int `json:"gold_direct"`
	Predicted        int `json:"predicted"`

	DirectPrecision float64 `json:"direct_precision"`
	DirectRecall    float64 `json:"direct_recall"`
	DirectF1        float64 `json:"direct_f1"`
	AllPrecision    float64 `json:"all_precision"`
	AllRecall       float64 `json:"all_recall"`
	AllF1           float64 `json:"all_f1"`

	// Found counts predictions matched to a gold content with a source;
	// SourceCorrect those whose speaker overlaps it.
	Found          int     `json:"found"`
	SourceCorrect  int     `json:"source_correct"`
	SourceAccuracy float64 `json:"source_accuracy"`
}

// attribution is one gold PolNeAR relation, spans in bytes.
type attribution struct {
	content []model.Span
	source  []model.Span
}

// EvalPolNeAR scores Extract on a PolNeAR split: dir holds text/NAME.txt
// and attributions/NAME_ANNOTATOR.ann (brat standoff, character offsets).
// When several annotators annotated an article, the first annotation file
// in name order is used.
func EvalPolNeAR(dir string) (PolNeARResult, error) {
	var res PolNeARResult
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return res, err
	}
	if len(anns) == 0 {
		return res, fmt.Errorf("no attributions/*.ann under %s", dir)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var c counts
	for _, ann := range anns {
		base := filepath.Base(ann)
		name := strings.TrimSuffix(base, ".ann")
		if i := strings.LastIndexByte(name, '_'); i > 0 {
			name = name[:i]
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		raw, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return res, err
		}
		text := string(raw)
		gold, err := readBrat(ann, text)
		if err != nil {
			return res, err
		}
		a := PlainArticle(name, text)
		qs := Extract(a)
		c.add(a, gold, qs)
		res.Articles++
	}
	c.fill(&res)
	return res, nil
}

// PlainArticle builds a segmented article from plain text with one
// paragraph per non-blank line, keeping the text byte for byte so that
// spans index the original file.
func PlainArticle(name, text string) *model.Article {
	a := &model.Article{ID: name, SourceFile: name, Format: "txt", Text: text, Language: "en"}
	for off := 0; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		if strings.TrimSpace(text[off:end]) != "" {
			a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: model.Span{Start: off, End: end}, Raw: model.NoSpan, Kind: model.KindBody})
		}
		off = end + 1
	}
	segment.Segment(a, segment.Options{})
	return a
}

// readBrat reads the Source and Content spans of a PolNeAR .ann file and
// converts their character offsets to byte offsets into text.
func readBrat(path, text string) ([]attribution, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// byte offset of each character offset
	offs := make([]int, 0, len(text)+1)
	for i := range text {
		offs = append(offs, i)
	}
	offs = append(offs, len(text))
	conv := func(ch int) int {
		if ch < 0 {
			return 0
		}
		if ch >= len(offs) {
			return len(text)
		}
		return offs[ch]
	}
	spans := map[string][]model.Span{}
	type rel struct{ content, source string }
	var rels []rel
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) < 2 {
			continue
		}
		id := parts[0]
		switch {
		case strings.HasPrefix(id, "T"):
			typ, rest, ok := strings.Cut(parts[1], " ")
			if !ok || typ != "Source" && typ != "Content" {
				continue
			}
			for _, piece := range strings.Split(rest, ";") {
				se := strings.Fields(piece)
				if len(se) != 2 {
					continue
				}
				s, err1 := strconv.Atoi(se[0])
				e, err2 := strconv.Atoi(se[1])
				if err1 != nil || err2 != nil || e < s {
					return nil, fmt.Errorf("%s: bad span %q", path, piece)
				}
				spans[id] = append(spans[id], model.Span{Start: conv(s), End: conv(e)})
			}
		case strings.HasPrefix(id, "E"):
			var r rel
			for _, arg := range strings.Fields(parts[1]) {
				role, ref, _ := strings.Cut(arg, ":")
				switch role {
				case "Content":
					r.content = ref
				case "Source":
					r.source = ref
				}
			}
			if r.content != "" {
				rels = append(rels, r)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	out := make([]attribution, 0, len(rels))
	for _, r := range rels {
		out = append(out, attribution{content: spans[r.content], source: spans[r.source]})
	}
	return out, nil
}

// counts accumulates token overlaps over a corpus.
type counts struct {
	goldAttr, goldDirect, pred               int
	dGold, dPred, dBoth, aGold, aPred, aBoth int
	found, correct                           int
}

func spanHas(ss []model.Span, t model.Span) bool {
	mid := (t.Start + t.End) / 2
	for _, s := range ss {
		if mid >= s.Start && mid < s.End {
			return true
		}
	}
	return false
}

func overlaps(ss []model.Span, t model.Span) bool {
	for _, s := range ss {
		if t.Start < s.End && s.Start < t.End {
			return true
		}
	}
	return false
}

// add scores the quotes qs of article a against gold.
func (c *counts) add(a *model.Article, gold []attribution, qs []model.Quote) {
	var words []model.Span
	for _, t := range a.Tokens {
		if isWord(t.Span.In(a.Text)) {
			words = append(words, t.Span)
		}
	}
	// words inside quotation marks
	var marked []model.Span
	for _, p := range a.Paragraphs {
		for _, m := range scanMarks(a.Text, p.Span.Start, min(p.Span.End, len(a.Text))) {
			marked = append(marked, model.Span{Start: m.cs, End: m.ce})
		}
	}
	goldOf := make([]int, len(words)) // 1 + index of the gold attribution, 0 none
	direct := make([]bool, len(gold))
	for gi, g := range gold {
		n, in := 0, 0
		for wi, w := range words {
			if spanHas(g.content, w) {
				n++
				if spanHas(marked, w) {
					in++
				}
				if goldOf[wi] == 0 {
					goldOf[wi] = gi + 1
				}
			}
		}
		direct[gi] = n > 0 && in*2 >= n
		c.goldAttr++
		if direct[gi] {
			c.goldDirect++
		}
	}
	predAll := make([]bool, len(words))
	predDirect := make([]bool, len(words))
	for _, q := range qs {
		c.pred++
		hits := map[int]int{}
		n := 0
		for wi, w := range words {
			if !spanHas([]model.Span{q.Span}, w) {
				continue
			}
			n++
			predAll[wi] = true
			if q.Kind != KindIndirect {
				predDirect[wi] = true
			}
			if g := goldOf[wi]; g > 0 {
				hits[g-1]++
			}
		}
		best, bestN := -1, 0
		for g, k := range hits {
			if k > bestN || k == bestN && g < best {
				best, bestN = g, k
			}
		}
		if best < 0 || bestN*2 < n || len(gold[best].source) == 0 {
			continue
		}
		c.found++
		if q.Speaker != nil && overlaps(gold[best].source, q.Speaker.Mention) {
			c.correct++
		}
	}
	for wi := range words {
		g := goldOf[wi] > 0
		d := g && direct[goldOf[wi]-1]
		if g {
			c.aGold++
		}
		if predAll[wi] {
			c.aPred++
			if g {
				c.aBoth++
			}
		}
		if d {
			c.dGold++
		}
		if predDirect[wi] {
			c.dPred++
			if d {
				c.dBoth++
			}
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *counts) fill(r *PolNeARResult) {
	r.GoldAttributions, r.GoldDirect, r.Predicted = c.goldAttr, c.goldDirect, c.pred
	r.DirectPrecision, r.DirectRecall = ratio(c.dBoth, c.dPred), ratio(c.dBoth, c.dGold)
	r.DirectF1 = f1(r.DirectPrecision, r.DirectRecall)
	r.AllPrecision, r.AllRecall = ratio(c.aBoth, c.aPred), ratio(c.aBoth, c.aGold)
	r.AllF1 = f1(r.AllPrecision, r.AllRecall)
	r.Found, r.SourceCorrect = c.found, c.correct
	r.SourceAccuracy = ratio(c.correct, c.found)
}
