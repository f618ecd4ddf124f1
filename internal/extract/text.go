package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// para is one paragraph of clean text before assembly.
type para struct {
	text string
	raw  model.Span
	kind model.ParagraphKind
}

// cleaned is what a cleaner found in one page.
type cleaned struct {
	paras []para
	// title is the headline found in the page; site a site-name line;
	// source a source site printed before the headline
	// ("thetimes.co.uk/Headline").
	title, site, source string
	author              string
	place               string // dateline place
	credit              string // agency or outlet credited in the dateline
	stamps              []model.DateCandidate
	// removed counts dropped lines by reason, for the furniture report.
	removed map[string]int
}

func (c *cleaned) drop(reason string) {
	if c.removed == nil {
		c.removed = map[string]int{}
	}
	c.removed[reason]++
}

// rawPara is a paragraph of the raw input: its folded text and its range.
type rawPara struct {
	text string
	raw  model.Span
	// hint is the kind the source markup gave the block (HTML headings and
	// captions); "" for plain text.
	hint model.ParagraphKind
}

// rawLine is one line of the raw input, trimmed.
type rawLine struct {
	span model.Span
	text string // trimmed, not folded
}

// splitParagraphs splits plain text into paragraphs. Blank lines always
// separate paragraphs. Inside a block of lines, each line is a paragraph of
// its own (crawlers often save one paragraph a line) unless the block is
// hard-wrapped prose, or a line runs on into a next line that starts in lower
// case.
func splitParagraphs(raw string) []rawPara {
	var out []rawPara
	var block []rawLine
	flush := func() {
		out = append(out, splitBlock(raw, block)...)
		block = block[:0]
	}
	for start := 0; start <= len(raw); {
		end := strings.IndexByte(raw[start:], '\n')
		if end < 0 {
			end = len(raw)
		} else {
			end += start
		}
		s, e := trimSpan(raw, start, end)
		if s == e {
			flush()
		} else {
			block = append(block, rawLine{span: model.Span{Start: s, End: e}, text: raw[s:e]})
		}
		start = end + 1
	}
	flush()
	return out
}

// trimSpan narrows [s, e) of raw to exclude white space at both ends.
func trimSpan(raw string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(raw[s:e])
		if !isSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(raw[s:e])
		if !isSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// splitBlock turns one block of non-blank lines into paragraphs.
func splitBlock(raw string, lines []rawLine) []rawPara {
	if len(lines) == 0 {
		return nil
	}
	wrapped := isWrapped(lines)
	var out []rawPara
	first := 0
	emit := func(last int) {
		parts := make([]string, 0, last-first+1)
		for _, l := range lines[first : last+1] {
			parts = append(parts, l.text)
		}
		out = append(out, rawPara{
			text: foldSpace(strings.Join(parts, " ")),
			raw:  model.Span{Start: lines[first].span.Start, End: lines[last].span.End},
		})
		first = last + 1
	}
	maxLen := 0
	for _, l := range lines {
		maxLen = max(maxLen, utf8.RuneCountInString(l.text))
	}
	for i := range lines {
		if i == len(lines)-1 {
			emit(i)
			break
		}
		cur, next := lines[i].text, lines[i+1].text
		var join bool
		if wrapped {
			// A short line ending a sentence closes a paragraph even in
			// wrapped text.
			join = !(endsSentence(cur) && utf8.RuneCountInString(cur)*10 < maxLen*6)
		} else {
			r, _ := utf8.DecodeRuneInString(next)
			join = !endsSentence(cur) && isLowerStart(r) && !strings.HasSuffix(cur, ":")
		}
		if !join {
			emit(i)
		}
	}
	return out
}

// isLowerStart reports whether a line starting with r continues the
// previous line's sentence.
func isLowerStart(r rune) bool { return r >= 'a' && r <= 'z' }

// isWrapped reports whether a block looks like hard-wrapped prose: lines of
// similar width no longer than a terminal's, most of them running on into a
// next line that starts in lower case. A list of headlines has lines of
// similar width too, but each starts a new capitalised item.
func isWrapped(lines []rawLine) bool {
	if len(lines) < 2 {
		return false
	}
	maxLen := 0
	for _, l := range lines {
		maxLen = max(maxLen, utf8.RuneCountInString(l.text))
	}
	if maxLen > 100 || maxLen < 40 {
		return false
	}
	full, runOn := 0, 0
	for i, l := range lines[:len(lines)-1] {
		if utf8.RuneCountInString(l.text)*10 >= maxLen*7 {
			full++
		}
		if r, _ := utf8.DecodeRuneInString(lines[i+1].text); isLowerStart(r) {
			runOn++
		}
	}
	n := len(lines) - 1
	return full*10 >= n*6 && runOn*2 >= n
}

// isProse reports whether a paragraph reads as article prose.
func isProse(s string) bool {
	n := wordCount(s)
	return n >= 8 && endsSentence(s) || n >= 25
}

// cleanText cleans a plain-text page. meta supplies known metadata (a title
// to recognise, an outlet to tell a credit from a dateline).
func cleanText(raw string, meta model.Meta) cleaned {
	return cleanParas(raw, splitParagraphs(raw), meta)
}

// cleanParas classifies paragraphs of a page: header lines above the first
// prose paragraph become metadata or are dropped, the body is kept with
// furniture removed, and the page's tail is cut at its first end marker.
// raw is the text the paragraphs' raw spans index ("" when they have none).
func cleanParas(raw string, ps []rawPara, meta model.Meta) cleaned {
	var c cleaned
	prose := make([]bool, len(ps))
	words := make([]int, len(ps))
	firstProse, lastProse := -1, -1
	for i, p := range ps {
		prose[i] = isProse(p.text)
		if prose[i] {
			if reason, _ := furniture(p.text); reason != "" {
				prose[i] = false
			}
		}
		if prose[i] {
			words[i] = wordCount(p.text)
			if firstProse < 0 {
				firstProse = i
			}
			lastProse = i
		}
	}
	if firstProse < 0 {
		// No paragraph reads as prose: keep whatever is not furniture.
		return cleanFallback(ps, meta)
	}

	// The page's tail starts at the first end marker (related posts,
	// comments, newsletter, sources) after which less prose follows than
	// came before.
	cut := len(ps)
	before := 0
	total := 0
	for _, w := range words {
		total += w
	}
	for i := firstProse; i < len(ps); i++ {
		if _, end := furniture(ps[i].text); end && i > firstProse && total-before < before {
			cut = i
			break
		}
		before += words[i]
	}
	for lastProse >= cut {
		lastProse--
	}
	for lastProse > firstProse && !prose[lastProse] {
		lastProse--
	}

	title := meta.Title
	for i := 0; i < firstProse; i++ {
		c.header(ps[i], &title, meta)
	}
	for i := firstProse; i < cut; i++ {
		p := ps[i]
		if i == firstProse {
			p = c.stripDateline(raw, p, meta)
		}
		// Short lines after the last prose paragraph are furniture in a
		// saved text page; in HTML, main-text extraction has already
		// removed the page's furniture (raw is "").
		if i > lastProse && !prose[i] && raw != "" {
			c.drop("footer")
			continue
		}
		c.body(p, prose[i], i-firstProse < 3)
	}
	for i := cut; i < len(ps); i++ {
		reason, _ := furniture(ps[i].text)
		if reason == "" {
			reason = "tail"
		}
		c.drop(reason)
	}
	if c.title == "" && meta.Title == "" {
		c.title = title
	}
	return c
}

// header classifies one line above the article's first prose paragraph.
// title holds the headline to recognise; when none is known, the first
// headline-like line becomes it.
func (c *cleaned) header(p rawPara, title *string, meta model.Meta) {
	line := p.text
	if name, ok := parseByline(line); ok {
		if c.author == "" {
			c.author = name
		}
		c.drop("byline")
		return
	}
	if c.stamp(p) {
		return
	}
	if site, ok := titleLine(line, *title); ok {
		if site != "" {
			c.source = site
		}
		c.drop("title")
		return
	}
	if d, ok := parseDateline(line, meta.Outlet); ok && d.length >= len(line) {
		c.setDateline(d)
		c.drop("dateline")
		return
	}
	if reason, _ := furniture(line); reason != "" {
		c.drop(reason)
		return
	}
	if p.hint == model.KindCaption || captionLike(line) {
		c.paras = append(c.paras, para{text: line, raw: p.raw, kind: model.KindCaption})
		return
	}
	if isSiteName(line) {
		if c.site == "" {
			c.site = line
		}
		c.drop("site name")
		return
	}
	if *title == "" {
		if t, site, ok := headline(line); ok {
			*title = t
			if site != "" {
				c.source = site
			}
			c.drop("title")
			return
		}
	}
	if wordCount(line) >= 8 {
		c.paras = append(c.paras, para{text: line, raw: p.raw, kind: model.KindStandfirst})
		return
	}
	if p.hint != "" || !p.raw.Valid() && wordCount(line) >= 4 {
		// HTML blocks come out of main-text extraction already: a short
		// block above the first prose paragraph is content (a heading, a
		// short lead), not page furniture, unless it is a kicker of a
		// word or three.
		kind := p.hint
		if kind == "" {
			kind = model.KindBody
		}
		c.paras = append(c.paras, para{text: line, raw: p.raw, kind: kind})
		return
	}
	c.drop("header")
}

// body classifies one line of the article body. early is true for the
// first few paragraphs, where a byline may still stand.
func (c *cleaned) body(p rawPara, prose, early bool) {
	line := p.text
	if line == "" {
		return
	}
	if early && c.author == "" {
		if name, ok := parseByline(line); ok {
			c.author = name
			c.drop("byline")
			return
		}
	}
	if !prose {
		if reason, _ := furniture(line); reason != "" {
			c.drop(reason)
			return
		}
		if c.stamp(p) {
			return
		}
	}
	kind := model.KindBody
	switch {
	case p.hint != "":
		kind = p.hint
	case captionLike(line) && !prose:
		kind = model.KindCaption
	case !prose && wordCount(line) <= 14 && !endsSentence(line):
		kind = model.KindHeading
	}
	c.paras = append(c.paras, para{text: line, raw: p.raw, kind: kind})
}

// stripDateline removes a dateline or outlet credit opening the first body
// paragraph and records it.
func (c *cleaned) stripDateline(raw string, p rawPara, meta model.Meta) rawPara {
	d, ok := parseDateline(p.text, meta.Outlet)
	if !ok || d.length >= len(p.text) {
		return p
	}
	if !p.raw.Valid() {
		c.setDateline(d)
		p.text = p.text[d.length:]
		return p
	}
	c.setDateline(d)
	rest := p.text[d.length:]
	p.raw.Start = rawOffset(raw, p, d.length)
	p.text = rest
	return p
}

// rawOffset maps byte offset n of a paragraph's folded text to an offset in
// raw. Folding only turns runs of white space into one space, so the two
// texts agree rune for rune outside white space.
func rawOffset(raw string, p rawPara, n int) int {
	i, j := p.raw.Start, 0
	for j < n && i < p.raw.End {
		r, size := utf8.DecodeRuneInString(raw[i:p.raw.End])
		if isSpace(r) {
			for i < p.raw.End {
				r, size = utf8.DecodeRuneInString(raw[i:p.raw.End])
				if !isSpace(r) {
					break
				}
				i += size
			}
			j++ // the one folded space
			continue
		}
		i += size
		j += size
	}
	return i
}

// stamp records p as date stamps if it is a line of them ("Posted July 15,
// 2015 | Updated June 2, 2022" gives two candidates).
func (c *cleaned) stamp(p rawPara) bool {
	dates := parseStamps(p.text)
	if len(dates) == 0 {
		return false
	}
	for _, d := range dates {
		c.stamps = append(c.stamps, model.DateCandidate{Date: d.date, Source: "text-stamp", Text: d.text, Raw: p.raw})
	}
	c.drop("date stamp")
	return true
}

func (c *cleaned) setDateline(d dateline) {
	if d.place != "" && c.place == "" {
		c.place = d.place
	}
	if d.credit != "" && c.credit == "" {
		c.credit = d.credit
	}
}

// cleanFallback keeps every non-furniture paragraph of a page with no prose
// paragraph (a short note, a list of statements).
func cleanFallback(ps []rawPara, meta model.Meta) cleaned {
	var c cleaned
	title := meta.Title
	for _, p := range ps {
		if _, ok := titleLine(p.text, title); ok {
			c.drop("title")
			continue
		}
		if reason, _ := furniture(p.text); reason != "" {
			c.drop(reason)
			continue
		}
		if c.stamp(p) {
			continue
		}
		if wordCount(p.text) < 4 {
			c.drop("short line")
			continue
		}
		c.paras = append(c.paras, para{text: p.text, raw: p.raw, kind: model.KindBody})
	}
	return c
}
