package quotes

import (
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// findIndirect finds reported speech sentence by sentence: "X said (that)
// CONTENT", "CONTENT, X said", "CONTENT, said X", "according to X,
// CONTENT" and "CONTENT, according to X". Words inside quotation marks
// are not read as cues; a clause that is mostly a direct quote is left to
// the direct quote.
func (x *extractor) findIndirect() {
	for pi := range x.paras {
		p := &x.paras[pi]
		for k := 0; k+1 < len(p.sents); k++ {
			ws := p.words[p.sents[k]:p.sents[k+1]]
			x.sentenceIndirect(ws, pi)
		}
	}
}

func (x *extractor) sentenceIndirect(ws []word, pi int) {
	for c := 0; c < len(ws); c++ {
		w := ws[c]
		if w.inQuote {
			continue
		}
		if (w.lower == "according") && c+2 < len(ws) && ws[c+1].lower == "to" {
			if x.accordingTo(ws, c, pi) {
				return
			}
			continue
		}
		if !x.cueAt(ws, c) {
			continue
		}
		// trailing: CONTENT, X said / CONTENT, said X
		if ok := x.trailingIndirect(ws, c, pi); ok {
			return
		}
		np := x.subjectBefore(ws, c)
		if np == nil {
			continue
		}
		cs := x.contentStart(ws, c)
		if cs < 0 {
			continue
		}
		ce := contentEnd(ws, cs)
		if x.addIndirect(ws, cs, ce, np, c, pi) {
			return
		}
	}
}

// contentStart returns the index of the first content word after the cue
// at ws[c], or -1 when the cue governs no clause.
func (x *extractor) contentStart(ws []word, c int) int {
	cue := ws[c].lower
	i := c + 1
	// "that" close by wins: said on Monday that ..., told reporters that ...
	for j := i; j < len(ws) && j-i <= 12; j++ {
		t := ws[j]
		if t.inQuote || t.text == "." || t.text == ";" || isOpenMark(t.text) {
			break
		}
		if t.lower == "that" && j+1 < len(ws) {
			if j == i || j > i && !nounDeterminers[ws[j-1].lower] {
				return j + 1
			}
		}
		if t.text == "," && j > i+1 {
			break
		}
	}
	// adjuncts: on Monday, in a statement, late Tuesday
	for i < len(ws) {
		t := ws[i]
		if adjunctWords[t.lower] {
			i++
			continue
		}
		if adjunctPreps[t.lower] && i+1 < len(ws) && (adjunctWords[ws[i+1].lower] || nounDeterminers[ws[i+1].lower] || ws[i+1].lower == "an" || isCap(ws[i+1].text)) {
			j := i + 1
			for j < len(ws) && j-i <= 6 && !clauseStartAt(ws, j) && ws[j].text != "," {
				j++
			}
			if j < len(ws) && ws[j].text == "," {
				j++
			}
			i = j
			continue
		}
		break
	}
	if tellCues[cue] {
		// skip the addressee: told reporters, told a parliamentary committee
		j := i
		for j < len(ws) && j-i < 6 && !(j > i && clauseStartAt(ws, j)) && ws[j].text != "," && !ws[j].inQuote && !isOpenMark(ws[j].text) {
			if ws[j].lower == "to" || ws[j].lower == "about" || ws[j].lower == "for" || ws[j].lower == "of" && cue != "told" {
				return -1 // "asked about", "warned of": not a clause
			}
			j++
		}
		if j == i || j >= len(ws) || !clauseStartAt(ws, j) {
			return -1
		}
		i = j
	}
	if i < len(ws) && ws[i].text == "," {
		i++
	}
	if i < len(ws) && ws[i].lower == "that" {
		i++
	}
	if i >= len(ws) {
		return -1
	}
	if beliefCues[cue] && !clauseStartAt(ws, i) {
		return -1
	}
	t := ws[i]
	if t.lower == "to" || t.lower == "of" || t.lower == "for" || t.lower == "about" || t.lower == "by" || t.lower == "with" || isPunct(t.text) && !isOpenMark(t.text) {
		return -1
	}
	return i
}

// clauseStartAt reports whether ws[j] can open a content clause.
func clauseStartAt(ws []word, j int) bool {
	w := ws[j]
	if clauseStarts[w.lower] || isCap(w.text) || isNumber(w.text) {
		return true
	}
	return isOpenMark(w.text)
}

// contentEnd returns the end index (exclusive) of a content clause that
// starts at ws[cs]: the sentence end without its final punctuation.
func contentEnd(ws []word, cs int) int {
	e := len(ws)
	for e > cs && isPunct(ws[e-1].text) && !isCloseMark(ws[e-1].text) {
		e--
	}
	return e
}

// trailingIndirect handles a cue after a comma that closes the content:
// "CONTENT, officials said on Monday." and "CONTENT, said Kerry".
func (x *extractor) trailingIndirect(ws []word, c int, pi int) bool {
	var np *npRef
	comma := -1
	if c > 0 && ws[c-1].text == "," {
		// cue first: only a finite verb inverts ("..., said Kerry"); a
		// participle opens its own content (", saying the council had
		// ...") and reports the main clause's subject, and "told" takes
		// its addressee after it ("Bob Corker, told Kerry that ...")
		if w := ws[c].lower; strings.HasSuffix(w, "ing") || w == "told" || w == "tells" || w == "tell" {
			return false
		}
		if subj := x.syntaxSubject(ws, c); subj != nil && subj.span.End <= ws[c].start {
			return false // the parse has the subject before the cue
		}
		j := c + 1
		for j < len(ws) && j-c <= 10 && !stopsForwardNP(ws[j]) {
			j++
		}
		if j == c+1 {
			return false
		}
		np = makeNP(ws[c+1 : j])
		comma = c - 1
	} else {
		np = x.subjectBefore(ws, c)
		if np == nil {
			return false
		}
		s := 0
		for s < len(ws) && ws[s].start < np.span.Start {
			s++
		}
		if s == 0 || ws[s-1].text != "," {
			return false
		}
		comma = s - 1
		// the rest must not be a content clause of its own
		if cs := x.contentStart(ws, c); cs >= 0 && cs < len(ws) && ws[cs-1].text != "," && countWordsIn(ws[cs:]) >= 3 && ws[cs].lower != "on" {
			return false
		}
	}
	if np == nil || comma < 1 {
		return false
	}
	if isCloseMark(ws[comma-1].text) || ws[comma-1].inQuote {
		return false // a direct quote's attribution
	}
	return x.addIndirect(ws, 0, comma, np, c, pi)
}

func countWordsIn(ws []word) int {
	n := 0
	for _, w := range ws {
		if isWord(w.text) {
			n++
		}
	}
	return n
}

// accordingTo handles "according to X, CONTENT" and "CONTENT, according
// to X".
func (x *extractor) accordingTo(ws []word, c int, pi int) bool {
	j := c + 2
	for j < len(ws) && j-c <= 12 && ws[j].text != "," && ws[j].text != "." && !ws[j].inQuote && !isOpenMark(ws[j].text) {
		j++
	}
	np := makeNP(ws[c+2 : j])
	if np == nil {
		return false
	}
	cue := ws[c : c+2]
	if c > 0 && ws[c-1].text == "," {
		return x.addIndirectCue(ws, 0, c-1, np, cue, pi)
	}
	if c == 0 && j < len(ws) && ws[j].text == "," {
		return x.addIndirectCue(ws, j+1, contentEnd(ws, j+1), np, cue, pi)
	}
	return false
}

// addIndirect records the content ws[cs:ce] attributed to np by the cue
// at ws[c].
func (x *extractor) addIndirect(ws []word, cs, ce int, np *npRef, c int, pi int) bool {
	return x.addIndirectCue(ws, cs, ce, np, ws[c:c+1], pi)
}

func (x *extractor) addIndirectCue(ws []word, cs, ce int, np *npRef, cue []word, pi int) bool {
	for cs < ce && isPunct(ws[cs].text) && !isOpenMark(ws[cs].text) {
		cs++
	}
	for ce > cs && isPunct(ws[ce-1].text) && !isCloseMark(ws[ce-1].text) {
		ce--
	}
	if ce-cs < 1 || countWordsIn(ws[cs:ce]) < 3 {
		return false
	}
	in := 0
	for _, w := range ws[cs:ce] {
		if w.inQuote {
			in++
		}
	}
	if in*2 > ce-cs {
		return false // mostly a direct quote: found from its marks
	}
	span := model.Span{Start: ws[cs].start, End: ws[ce-1].end}
	c := cand{span: span, kind: KindIndirect, para: pi, chainPrev: -1, np: np, seq: len(x.cands),
		cue: joinWords(cue), cueSpan: model.Span{Start: cue[0].start, End: cue[len(cue)-1].end}}
	x.cands = append(x.cands, c)
	return true
}
