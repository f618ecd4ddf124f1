package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// DefaultMaxSentenceBytes is the sentence length limit used when
// Options.MaxSentenceBytes is zero or negative.
const DefaultMaxSentenceBytes = 2000

// Options bounds the work Segment does. The zero value selects the
// defaults.
type Options struct {
	// MaxSentenceBytes caps a sentence's length: a longer run without a
	// boundary (a list, a table flattened to text) is cut at token
	// boundaries into several sentences so that later per-sentence stages
	// stay cheap. A single token longer than the cap stays whole. Zero or
	// negative means DefaultMaxSentenceBytes.
	MaxSentenceBytes int
}

// Segment fills a.Sentences and a.Tokens from a.Text and a.Paragraphs,
// replacing whatever they held (the old slices are not reused, so callers
// may keep them).
//
// Paragraph spans index a.Text; sentences never cross them, and
// Sentence.Paragraph indexes a.Paragraphs. Paragraphs are taken in order:
// a span that is invalid, out of bounds or overlaps an earlier paragraph
// is clipped, so the result is always ordered, non-overlapping and in
// bounds. Text outside every paragraph yields nothing; an article without
// paragraphs gets no sentences. Sentence spans run from their first
// token's start to their last token's end, so they never begin or end
// with white space.
//
// Segment is deterministic, linear in len(a.Text), and never panics, even
// on invalid UTF-8.
func Segment(a *model.Article, opts Options) {
	maxBytes := opts.MaxSentenceBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxSentenceBytes
	}
	text := a.Text
	b := builder{
		text:     text,
		maxBytes: maxBytes,
		toks:     make([]model.Token, 0, len(text)/5+1),
		sents:    make([]model.Sentence, 0, len(text)/120+1),
	}
	var scratch []model.Token
	last := 0
	for pi, p := range a.Paragraphs {
		start, end := p.Span.Start, p.Span.End
		if start < last {
			start = last
		}
		if end > len(text) {
			end = len(text)
		}
		if end <= start {
			continue
		}
		last = end
		if scratch == nil {
			scratch = make([]model.Token, 0, 256)
		}
		scratch = appendTokens(scratch[:0], text[start:end], start)
		b.paragraph(scratch, pi)
	}
	a.Tokens, a.Sentences = b.toks, b.sents
}

// builder accumulates the tokens and sentences of one article.
type builder struct {
	text     string
	maxBytes int
	toks     []model.Token
	sents    []model.Sentence
	first    int // index in toks of the open sentence's first token
	para     int
}

// push adds t to the open sentence, first closing the sentence when t
// would make it longer than the cap.
func (b *builder) push(t model.Token) {
	if len(b.toks) > b.first && t.Span.End-b.toks[b.first].Span.Start > b.maxBytes {
		b.close()
	}
	b.toks = append(b.toks, t)
}

// close ends the open sentence, if it has tokens.
func (b *builder) close() {
	if len(b.toks) == b.first {
		return
	}
	b.sents = append(b.sents, model.Sentence{
		Span:       model.Span{Start: b.toks[b.first].Span.Start, End: b.toks[len(b.toks)-1].Span.End},
		Paragraph:  b.para,
		FirstToken: b.first,
		EndToken:   len(b.toks),
	})
	b.first = len(b.toks)
}

// paragraph splits the tokens p of paragraph pi into sentences.
func (b *builder) paragraph(p []model.Token, pi int) {
	b.para = pi
	b.first = len(b.toks)
	for i := 0; i < len(p); i++ {
		k := b.boundaryAfter(p, i)
		if k < 0 {
			b.push(p[i])
			continue
		}
		t := p[i]
		if w := t.Span.In(b.text); len(w) > 1 && w[len(w)-1] == '.' && !isTerminal(w) {
			// An abbreviation ends the sentence: its period becomes the
			// sentence's final token, as in EWT ("the U.S" ".").
			b.push(model.Token{Span: model.Span{Start: t.Span.Start, End: t.Span.End - 1}})
			t.Span.Start = t.Span.End - 1
		}
		b.push(t)
		for j := i + 1; j <= k; j++ {
			b.push(p[j])
		}
		b.close()
		i = k
	}
	b.close()
}

// isTerminal reports whether w is made only of sentence-final marks
// (. ! ? …).
func isTerminal(w string) bool {
	if w == "" {
		return false
	}
	for x := 0; x < len(w); {
		switch w[x] {
		case '.', '!', '?':
			x++
			continue
		}
		if !strings.HasPrefix(w[x:], "…") {
			return false
		}
		x += len("…")
	}
	return true
}

// isCloser reports whether w closes a quote or bracket that can follow a
// sentence-final mark.
func isCloser(w string) bool {
	switch w {
	case `"`, "'", "”", "’", ")", "]", "}", "»", "''":
		return true
	}
	return false
}

// plausibleStart reports whether a sentence can begin with token w: an
// upper-case or caseless letter, a digit, an opening quote or bracket, or
// a currency sign.
func plausibleStart(w string) bool {
	if w == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	switch r {
	case '"', '\'', '“', '‘', '«', '(', '[', '{', '¿', '¡':
		return true
	}
	if unicode.IsLetter(r) {
		return !unicode.IsLower(r)
	}
	return unicode.IsDigit(r) || unicode.Is(unicode.Sc, r)
}

// boundaryAfter decides whether a sentence ends at token p[i]. It returns
// the index of the sentence's last token (i, or the last closing quote or
// bracket after i), or -1.
func (b *builder) boundaryAfter(p []model.Token, i int) int {
	text := b.text
	w := p[i].Span.In(text)
	terminal := isTerminal(w)
	abbrev := !terminal && len(w) > 1 && w[len(w)-1] == '.'
	if !terminal && !abbrev {
		// A blank line inside a paragraph always ends a sentence.
		if i+1 < len(p) && p[i].SpaceAfter && p[i+1].Span.Start-p[i].Span.End > 1 &&
			strings.Count(text[p[i].Span.End:p[i+1].Span.Start], "\n") >= 2 {
			return i
		}
		return -1
	}
	k := i
	for k+1 < len(p) && !p[k].SpaceAfter && isCloser(p[k+1].Span.In(text)) {
		k++
	}
	if k+1 == len(p) {
		return k
	}
	if !p[k].SpaceAfter {
		return -1 // glued to what follows: "U.S.-led", "3.)a"
	}
	next := p[k+1].Span.In(text)
	if abbrev {
		switch abbrevOf(w[:len(w)-1], "", 0) {
		case abbrevNoBreak, abbrevNumber:
			return -1
		}
		if starters[next] {
			return k
		}
		return -1
	}
	gap := text[p[k].Span.End:p[k+1].Span.Start]
	if strings.IndexByte(gap, '\n') >= 0 {
		return k // the line ends with a terminal mark
	}
	if !plausibleStart(next) {
		return -1
	}
	if k > i && strings.ContainsAny(w, "!?") && attribution(text, p[k+1:]) {
		return -1 // “Why?” Kerry asked.
	}
	return k
}

// attribution reports whether p starts with a capitalised name followed by
// a speech verb ("Kerry said", "John Kerry told").
func attribution(text string, p []model.Token) bool {
	for m := 0; m < len(p) && m < 4; m++ {
		w := p[m].Span.In(text)
		if m > 0 && speechVerbs[w] {
			return true
		}
		if starters[w] {
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return false
}
