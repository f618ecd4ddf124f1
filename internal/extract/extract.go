package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/webpage"
)

// Extract cleans one document into an article. It returns the article, or
// nil and a diagnostic saying why the document was rejected (no article
// text in it). Diagnostics about an accepted article (no date, dates that
// disagree, a language other than English) are on the article.
//
// The article's Text, Paragraphs and metadata are set; Sentences and
// Tokens are left for the segment stage.
func Extract(doc model.Document) (*model.Article, *model.Diagnostic) {
	a := &model.Article{
		SourceFile: filepath.Base(doc.Path),
		SourcePath: doc.Path,
		SourceLine: doc.Line,
		Format:     doc.Container,
		Raw:        doc.Raw,
	}
	a.Diagnostics = append(a.Diagnostics, doc.Diagnostics...)
	diag := func(sev model.Severity, code, format string, args ...any) model.Diagnostic {
		return model.Diagnostic{Severity: sev, Stage: "extract", Code: code,
			Message: fmt.Sprintf(format, args...), File: doc.Path, Line: doc.Line}
	}

	var c cleaned
	var htmlDate, htmlTitle, htmlAuthor, htmlSite, htmlURL, htmlLang string
	switch doc.Format {
	case "html":
		p, err := htmlPage(doc)
		if errors.Is(err, webpage.ErrTooDeep) {
			d := diag(model.Error, "html-too-deep", "HTML page not read: its elements are nested deeper than 512 levels")
			return nil, &d
		}
		if err != nil {
			d := diag(model.Error, "html-extract", "no article text found in the HTML page: %v", err)
			return nil, &d
		}
		if p.Truncated {
			a.Diagnostics = append(a.Diagnostics, diag(model.Warning, "truncated", "page larger than the extraction limit; only its beginning was read"))
		}
		htmlTitle, htmlAuthor, htmlSite, htmlURL, htmlLang = p.Title, p.Author, p.Sitename, p.URL, p.Language
		if p.Date != "" {
			htmlDate = p.Date
		}
		meta := doc.Meta
		if meta.Title == "" {
			meta.Title = htmlTitle
		}
		c = cleanParas("", blocksToParas(p.Blocks), meta)
	default:
		c = cleanText(doc.Raw, doc.Meta)
	}
	if len(c.paras) == 0 {
		d := diag(model.Error, "no-text", "no article text found (%s)", removedSummary(c.removed))
		return nil, &d
	}

	m := doc.Meta
	a.URL = first(m.URL, htmlURL)
	a.Title = first(m.Title, c.title, htmlTitle)
	a.Author = first(m.Author, c.author, htmlAuthor)
	a.Dateline = first(m.Dateline, c.place)
	a.Outlet = first(m.Outlet, c.credit, htmlSite, c.site)
	a.SyndicatedFrom = first(m.SyndicatedFrom, c.source)

	// Text and paragraph spans.
	var b strings.Builder
	for i, p := range c.paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p.text)
		raw := p.raw
		if !raw.Valid() {
			raw = model.NoSpan
		}
		a.Paragraphs = append(a.Paragraphs, model.Paragraph{
			Span: model.Span{Start: start, End: b.Len()}, Raw: raw, Kind: p.kind})
	}
	a.Text = b.String()
	if len(c.removed) > 0 {
		a.Diagnostics = append(a.Diagnostics, diag(model.Info, "furniture", "removed page furniture: %s", removedSummary(c.removed)))
	}

	// Dates: outside metadata first, then the page's own metadata, then
	// stamps in the text. Every candidate is kept.
	if m.Published != "" {
		src := doc.MetaSource
		if src == "" {
			src = "manifest"
		}
		if d, ok := normDate(m.Published); ok {
			a.DateCandidates = append(a.DateCandidates, model.DateCandidate{Date: d, Source: src, Raw: model.NoSpan})
		} else {
			a.Diagnostics = append(a.Diagnostics, diag(model.Warning, "bad-date", "%s date %q is not a date", src, m.Published))
		}
	}
	if htmlDate != "" {
		a.DateCandidates = append(a.DateCandidates, model.DateCandidate{Date: htmlDate, Source: "html-meta", Raw: model.NoSpan})
	}
	a.DateCandidates = append(a.DateCandidates, c.stamps...)
	if len(a.DateCandidates) > 0 {
		a.Published, a.PublishedSource = a.DateCandidates[0].Date, a.DateCandidates[0].Source
		for _, dc := range a.DateCandidates[1:] {
			if dc.Date != a.Published {
				a.Diagnostics = append(a.Diagnostics, diag(model.Warning, "date-disagreement",
					"publication date %s (from %s) disagrees with %s from %s%s; kept %s",
					a.Published, a.PublishedSource, dc.Date, dc.Source, quoted(dc.Text), a.Published))
			}
		}
	} else {
		a.Diagnostics = append(a.Diagnostics, diag(model.Warning, "no-date", "no publication date found; relative dates cannot be resolved"))
	}
	if a.Title == "" {
		a.Diagnostics = append(a.Diagnostics, diag(model.Info, "no-title", "no title found"))
	}

	a.Language = first(m.Language, htmlLang)
	if lang, conf := detectLanguage(a.Text); a.Language == "" {
		a.Language = "en"
		if lang != "" && lang != "en" && conf > 0.5 {
			a.Language = lang
		}
	} else if lang != "" && lang != a.Language && conf > 0.9 && len(a.Text) > 200 {
		a.Diagnostics = append(a.Diagnostics, diag(model.Warning, "language-mismatch",
			"declared language %q but the text reads as %q", a.Language, lang))
	}
	if a.Language != "en" {
		a.Diagnostics = append(a.Diagnostics, diag(model.Warning, "not-english",
			"text is in %q; sitrep's analysis stages read English only", a.Language))
	}

	a.ContentHash = ContentHash(a.Text)
	a.ID = a.ContentHash[:16]
	return a, nil
}

// ContentHash returns the hex SHA-256 of text with white space folded: the
// key under which an article is stored once.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(foldSpace(text)))
	return hex.EncodeToString(sum[:])
}

// detectLanguage guesses the language of text from its first few
// kilobytes; it returns an ISO 639-1 code and a confidence in [0, 1].
func detectLanguage(text string) (string, float64) {
	// A sample is enough to tell the language, and the detector's time
	// grows with its input. Cut on a rune boundary.
	if len(text) > 2048 {
		cut := 2048
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if wordCount(text) < 8 {
		return "", 0
	}
	// Fast path: English prose is about 40% function words, which other
	// languages share only by accident. A clear majority of them decides
	// without the n-gram detector, the costliest step of extraction.
	if words, hits := englishFunctionWords(text); words >= 30 && hits*100 >= words*30 {
		return "en", 1
	}
	info := whatlanggo.Detect(text)
	return info.Lang.Iso6391(), info.Confidence
}

// englishWords are frequent English function words, rare as words of
// other languages written in Latin script.
var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "is": true, "that": true,
	"for": true, "it": true, "was": true, "on": true, "with": true, "he": true, "as": true,
	"by": true, "at": true, "from": true, "his": true, "have": true, "has": true, "had": true,
	"be": true, "are": true, "were": true, "this": true, "which": true, "they": true, "their": true,
	"said": true, "but": true, "not": true, "an": true, "will": true, "would": true, "who": true,
	"its": true, "been": true, "she": true, "her": true, "we": true, "after": true, "about": true,
}

// englishFunctionWords counts the words of text and those among them that
// are English function words (case-insensitive).
func englishFunctionWords(text string) (words, hits int) {
	var buf [16]byte
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		if len(w) > len(buf) {
			continue
		}
		lw := buf[:len(w)]
		for i := 0; i < len(w); i++ {
			c := w[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			lw[i] = c
		}
		if englishWords[string(lw)] {
			hits++
		}
	}
	return words, hits
}

// normDate accepts YYYY-MM-DD or a longer ISO timestamp and returns the
// date part.
func normDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		// A real calendar day only: "2014-13-45" must not become Published.
		if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
			return "", false
		}
		return s[:10], true
	}
	if d, ok := parseStamp(s); ok {
		return d, true
	}
	return "", false
}

func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func quoted(s string) string {
	if s == "" {
		return ""
	}
	return fmt.Sprintf(" %q", s)
}

// removedSummary formats furniture counts as "byline 1, related 3".
func removedSummary(removed map[string]int) string {
	if len(removed) == 0 {
		return "nothing recognised"
	}
	keys := make([]string, 0, len(removed))
	for k := range removed {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, removed[k])
	}
	return strings.Join(parts, ", ")
}
