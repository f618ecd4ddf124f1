package web

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// mark is one annotation to highlight in an article's text.
type mark struct {
	Span model.Span
	// Class is a CSS class: "mention", "quote", "evidence", "trigger",
	// "timex", "source", "target".
	Class string
	// Title is a tooltip; Href a link (the innermost mark with one wins).
	Title, Href string
	// Anchor names an element ID placed where the mark starts.
	Anchor string
}

// segment is a run of text covered by the same marks. Text is plain text:
// templates escape it.
type segment struct {
	Text    string
	Classes string
	Title   string
	Href    string
	Anchor  string
}

// para is one paragraph of marked text.
type para struct {
	Kind string
	Segs []segment
}

// markText cuts text into paragraphs (by paras, or one paragraph for the
// whole text when paras is empty or unusable) and each paragraph into
// segments at the marks' boundaries. Spans outside the text, reversed, or
// not on a UTF-8 character boundary are clipped or dropped, so hostile or
// stale offsets never split a character or panic. The result only ever
// holds substrings of text.
func markText(text string, paras []model.Paragraph, marks []mark) []para {
	var ranges []model.Paragraph
	for _, p := range paras {
		if s, ok := clip(text, p.Span); ok && s.End > s.Start {
			ranges = append(ranges, model.Paragraph{Span: s, Kind: p.Kind})
		}
	}
	if len(ranges) == 0 && text != "" {
		ranges = []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Kind: model.KindBody}}
	}
	var ms []mark
	for _, m := range marks {
		if s, ok := clip(text, m.Span); ok && s.End > s.Start {
			m.Span = s
			ms = append(ms, m)
		}
	}
	out := make([]para, 0, len(ranges))
	for _, r := range ranges {
		out = append(out, para{Kind: string(r.Kind), Segs: segmentRange(text, r.Span, ms)})
	}
	return out
}

// segmentRange cuts text[r] at the boundaries of the marks overlapping r.
func segmentRange(text string, r model.Span, ms []mark) []segment {
	var in []mark
	cuts := []int{r.Start, r.End}
	for _, m := range ms {
		if m.Span.End <= r.Start || m.Span.Start >= r.End {
			continue
		}
		in = append(in, m)
		cuts = append(cuts, max(m.Span.Start, r.Start), min(m.Span.End, r.End))
	}
	sort.Ints(cuts)
	var segs []segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		seg := segment{Text: text[a:b]}
		var classes, titles []string
		best := -1
		for j, m := range in {
			if m.Span.Start >= b || m.Span.End <= a {
				continue
			}
			if !containsStr(classes, m.Class) {
				classes = append(classes, m.Class)
			}
			if m.Title != "" && !containsStr(titles, m.Title) {
				titles = append(titles, m.Title)
			}
			if m.Href != "" && (best < 0 || m.Span.Len() < in[best].Span.Len()) {
				best = j
			}
			if m.Anchor != "" && m.Span.Start == a && seg.Anchor == "" {
				seg.Anchor = m.Anchor
			}
		}
		if best >= 0 {
			seg.Href = in[best].Href
		}
		seg.Classes = strings.Join(classes, " ")
		seg.Title = strings.Join(titles, "; ")
		segs = append(segs, seg)
	}
	return segs
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// clip fits s into text, moving each end back to a character boundary;
// ok is false when s is not a valid span.
func clip(text string, s model.Span) (model.Span, bool) {
	if !s.Valid() || s.Start >= len(text) {
		return s, false
	}
	s.End = min(s.End, len(text))
	for s.Start > 0 && !utf8.RuneStart(text[s.Start]) {
		s.Start--
	}
	for s.End < len(text) && s.End > s.Start && !utf8.RuneStart(text[s.End]) {
		s.End--
	}
	return s, true
}

// paragraphOf returns the span of the paragraph of a holding span s, or
// s itself when no paragraph holds it.
func paragraphOf(a *model.Article, s model.Span) model.Paragraph {
	for _, p := range a.Paragraphs {
		if p.Span.Start <= s.Start && s.Start < p.Span.End {
			return p
		}
	}
	return model.Paragraph{Span: s, Kind: model.KindBody}
}
