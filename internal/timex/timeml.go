package timex

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// TimeMLDoc is one TimeML file read for evaluation: the plain text of its
// TEXT element, its document creation time and its gold TIMEX3s (spans
// into Text).
type TimeMLDoc struct {
	Path string
	// DCT is the creation time, YYYY-MM-DD.
	DCT  string
	Text string
	Gold []model.Timex
}

// ReadTimeML parses a TimeML file. Tags inside TEXT are removed and
// entities decoded; each TIMEX3 inside TEXT becomes a gold Timex. The
// creation-time TIMEX3 (functionInDocument="CREATION_TIME") gives DCT and
// is not part of the gold.
func ReadTimeML(r io.Reader) (*TimeMLDoc, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	doc := &TimeMLDoc{}
	var text strings.Builder
	inText := 0
	type open struct {
		start      int
		typ, value string
	}
	var stack []*open
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText++
			case "TIMEX3":
				attr := map[string]string{}
				for _, a := range t.Attr {
					attr[a.Name.Local] = a.Value
				}
				if attr["functionInDocument"] == "CREATION_TIME" {
					if v := attr["value"]; len(v) >= 8 && doc.DCT == "" {
						doc.DCT = normDCT(v)
					}
				}
				if inText > 0 {
					stack = append(stack, &open{start: text.Len(), typ: attr["type"], value: attr["value"]})
				} else {
					stack = append(stack, nil)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText--
			case "TIMEX3":
				if n := len(stack); n > 0 {
					o := stack[n-1]
					stack = stack[:n-1]
					if o != nil {
						s := model.Span{Start: o.start, End: text.Len()}
						doc.Gold = append(doc.Gold, model.Timex{Span: s, Type: o.typ, Value: o.value, Precision: precisionOf(o.value)})
					}
				}
			}
		case xml.CharData:
			if inText > 0 {
				text.Write(t)
			}
		}
	}
	doc.Text = text.String()
	for i := range doc.Gold {
		doc.Gold[i].Text = doc.Gold[i].Span.In(doc.Text)
	}
	return doc, nil
}

// normDCT turns "19980807" or "1998-08-07T..." into "1998-08-07".
func normDCT(v string) string {
	if len(v) >= 10 && v[4] == '-' {
		return v[:10]
	}
	if isDigits(v[:8]) {
		return v[:4] + "-" + v[4:6] + "-" + v[6:8]
	}
	return ""
}

// Scores are TempEval-3 style figures for time expressions: detection by
// relaxed (overlapping) span match, and normalisation where a match counts
// only when the values are equal.
type Scores struct {
	Files          int     `json:"files"`
	Gold           int     `json:"gold"`
	System         int     `json:"system"`
	Matched        int     `json:"matched"`
	ValueCorrect   int     `json:"value_correct"`
	DetectP        float64 `json:"detect_precision"`
	DetectR        float64 `json:"detect_recall"`
	DetectF1       float64 `json:"detect_f1"`
	ValueP         float64 `json:"value_precision"`
	ValueR         float64 `json:"value_recall"`
	ValueF1        float64 `json:"value_f1"`
	ValueAccuracy  float64 `json:"value_accuracy"`
	ExactSpanMatch int     `json:"exact_span_matches"`
}

// Pair is one gold/system comparison, for error analysis: Gold or System
// is nil when unmatched.
type Pair struct {
	Doc    string
	Gold   *model.Timex
	System *model.Timex
	// Context is the sentence-sized text around the expression.
	Context string
}

// EvaluateTimeML tags every .tml file under dir (recursively, in sorted
// order) with Tag anchored on its DCT and scores the result. When pairs
// is not nil every comparison is sent to it.
func EvaluateTimeML(dir string, pairs func(Pair)) (Scores, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tml") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return Scores{}, err
	}
	if len(files) == 0 {
		return Scores{}, errors.New("no .tml files under " + dir)
	}
	sort.Strings(files)
	var s Scores
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return s, err
		}
		doc, err := ReadTimeML(f)
		f.Close()
		if err != nil {
			return s, fmt.Errorf("%s: %w", p, err)
		}
		doc.Path = p
		sys := Tag(doc.Text, doc.DCT, Options{})
		score(&s, doc, sys, pairs)
		s.Files++
	}
	s.DetectP, s.DetectR, s.DetectF1 = prf(s.Matched, s.System, s.Gold)
	s.ValueP, s.ValueR, s.ValueF1 = prf(s.ValueCorrect, s.System, s.Gold)
	if s.Matched > 0 {
		s.ValueAccuracy = float64(s.ValueCorrect) / float64(s.Matched)
	}
	return s, nil
}

// score matches system to gold expressions one to one, preferring the
// largest overlap, and adds the counts to s.
func score(s *Scores, doc *TimeMLDoc, sys []model.Timex, pairs func(Pair)) {
	s.Gold += len(doc.Gold)
	s.System += len(sys)
	usedSys := make([]bool, len(sys))
	ctxOf := func(sp model.Span) string {
		a, b := max(0, sp.Start-60), min(len(doc.Text), sp.End+60)
		return strings.ReplaceAll(doc.Text[a:b], "\n", " ")
	}
	for gi := range doc.Gold {
		g := &doc.Gold[gi]
		best, bestOv := -1, 0
		for si := range sys {
			if usedSys[si] {
				continue
			}
			ov := min(g.Span.End, sys[si].Span.End) - max(g.Span.Start, sys[si].Span.Start)
			if ov > bestOv {
				best, bestOv = si, ov
			}
		}
		if best < 0 {
			if pairs != nil {
				pairs(Pair{Doc: doc.Path, Gold: g, Context: ctxOf(g.Span)})
			}
			continue
		}
		usedSys[best] = true
		s.Matched++
		if sys[best].Span == g.Span {
			s.ExactSpanMatch++
		}
		if sys[best].Value == g.Value {
			s.ValueCorrect++
		}
		if pairs != nil {
			pairs(Pair{Doc: doc.Path, Gold: g, System: &sys[best], Context: ctxOf(g.Span)})
		}
	}
	for si := range sys {
		if !usedSys[si] && pairs != nil {
			pairs(Pair{Doc: doc.Path, System: &sys[si], Context: ctxOf(sys[si].Span)})
		}
	}
}

func prf(tp, sys, gold int) (p, r, f float64) {
	if sys > 0 {
		p = float64(tp) / float64(sys)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
