package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
)

// NewArticle returns a new article with the given title and text, segmented
// the simple way: paragraphs split at blank lines, tokens as runs of letters
// and digits or single other characters, sentences ending after ".", "!" or
// "?". Raw is the text as HTML, one <p> per paragraph, with Paragraph.Raw
// pointing at each paragraph's text inside it. ID and ContentHash are
// derived from text as model.Article documents. Metadata are filled with
// plain values. Each call returns fresh values owned by the caller.
func NewArticle(title, text string) *model.Article {
	hash := ContentHash(text)
	a := &model.Article{
		ID:          hash[:16],
		ContentHash: hash,
		SourceFile:  "wire.html",
		SourcePath:  "testdata/wire.html",
		Format:      "html",
		Title:       title,
		Language:    "en",
		Text:        text,
	}
	var raw strings.Builder
	raw.WriteString("<html><body>")
	if title != "" {
		raw.WriteString("<h1>" + title + "</h1>")
	}
	for start := 0; start <= len(text); {
		end := strings.Index(text[start:], "\n\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if end > start {
			raw.WriteString("<p>")
			rawStart := raw.Len()
			raw.WriteString(text[start:end])
			a.Paragraphs = append(a.Paragraphs, model.Paragraph{
				Span: model.Span{Start: start, End: end},
				Raw:  model.Span{Start: rawStart, End: raw.Len()},
				Kind: model.KindBody,
			})
			raw.WriteString("</p>")
		}
		start = end + 2
	}
	raw.WriteString("</body></html>")
	a.Raw = raw.String()

	for pi, p := range a.Paragraphs {
		first := len(a.Tokens)
		for i := p.Span.Start; i < p.Span.End; {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			j := i + size
			if isWordRune(r) {
				for j < p.Span.End {
					r2, size2 := utf8.DecodeRuneInString(text[j:])
					if !isWordRune(r2) {
						break
					}
					j += size2
				}
			}
			next, _ := utf8.DecodeRuneInString(text[j:])
			a.Tokens = append(a.Tokens, model.Token{
				Span:       model.Span{Start: i, End: j},
				SpaceAfter: j < p.Span.End && unicode.IsSpace(next),
			})
			if r == '.' || r == '!' || r == '?' || j == p.Span.End {
				last := len(a.Tokens)
				a.Sentences = append(a.Sentences, model.Sentence{
					Span:       model.Span{Start: a.Tokens[first].Span.Start, End: j},
					Paragraph:  pi,
					FirstToken: first,
					EndToken:   last,
				})
				first = last
			}
			i = j
		}
	}
	return a
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ContentHash returns the hex SHA-256 of text with white space folded, as
// model.Article.ContentHash is defined.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(sum[:])
}

// fullArticle returns an article in which every stored field of
// model.Article is set, including the awkward cases: multi-byte text, a
// caption whose raw position is NoSpan, tokens without a following space,
// date candidates with and without raw spans, diagnostics with and without
// a span, quotes with and without a speaker, an empty field among set ones.
func fullArticle() *model.Article {
	a := NewArticle("Kyiv talks resume — “cautious hope”",
		"KYIV (Reuters) — Ukrainian and Turkish envoys met on Tuesday. They didn't agree on a ceasefire.\n\n"+
			"Zelenskyy’s office said talks would resume in Ankara.\n\n"+
			"Photo: envoys arrive at the Mariinskyi Palace.")
	a.SourceFile = "feed.jsonl"
	a.SourcePath = "in/2024/feed.jsonl"
	a.SourceLine = 42
	a.Format = "jsonl"
	a.URL = "https://example.org/world/kyiv-talks?id=7&lang=en"
	a.Outlet = "Example Wire"
	a.Author = "Olena Kovalenko"
	a.Dateline = "KYIV"
	a.SyndicatedFrom = "Reuters"
	a.Published = "2024-03-05"
	a.PublishedSource = "html-meta"
	a.DateCandidates = []model.DateCandidate{
		{Date: "2024-03-05", Source: "html-meta", Raw: model.NoSpan},
		{Date: "2024-03-04", Source: "text-stamp", Text: "4 March 2024", Raw: model.Span{Start: 10, End: 22}},
	}
	a.Paragraphs[0].Kind = model.KindStandfirst
	a.Paragraphs[2].Kind = model.KindCaption
	a.Paragraphs[2].Raw = model.NoSpan
	a.Diagnostics = []model.Diagnostic{
		{Severity: model.Info, Stage: "extract", Code: "title-from-h1", Message: "title taken from <h1>", File: "in/2024/feed.jsonl", Line: 42},
		{Severity: model.Warning, Stage: "segment", Code: "odd-quote", Message: "unbalanced “quote”", Span: &model.Span{Start: 3, End: 9}},
		{Severity: model.Error, Stage: "ingest", Code: "invalid-utf8", Message: "repaired bytes"},
	}
	at := func(sub string) model.Span {
		i := strings.Index(a.Text, sub)
		return model.Span{Start: i, End: i + len(sub)}
	}
	a.Timexes = []model.Timex{
		{Span: at("on Tuesday"), Text: "on Tuesday", Type: "DATE", Value: "2024-03-05", Precision: "day", Sentence: 0},
		{Span: at("would"), Text: "would", Type: "DATE", Value: "FUTURE_REF", Sentence: 2},
	}
	a.Mentions = []model.Mention{
		{Span: at("Ukrainian"), Text: "Ukrainian", Sentence: 0, Kind: "LOC", Actor: "UKR", Entity: 1, Via: "kb"},
		{Span: at("Turkish envoys"), Text: "Turkish envoys", Sentence: 0, Kind: "PER", Actor: "TUR", Sector: "GOV", Entity: 2, Via: "description"},
		{Span: at("Zelenskyy"), Text: "Zelenskyy", Sentence: 2, Kind: "PER", Actor: "UKR", Sector: "GOV", Person: "Volodymyr Zelenskyy", Via: "kb"},
		{Span: at("Mariinskyi Palace"), Text: "Mariinskyi Palace", Sentence: 3, Kind: "LOC"},
	}
	a.Quotes = []model.Quote{
		{ID: a.ID + "-q1", Span: at("talks would resume in Ankara"), Text: "talks would resume in Ankara", Kind: "indirect",
			Speaker: &model.Speaker{Name: "Volodymyr Zelenskyy", Actor: "UKR", Sector: "GOV", Description: "Zelenskyy’s office", Mention: at("Zelenskyy’s office"), Channel: "state TV"},
			Cue:     "said", CueSpan: at("said")},
		{ID: a.ID + "-q2", Span: at("agree on a ceasefire"), Text: "agree on a ceasefire", Kind: "partial", CueSpan: model.NoSpan},
		{ID: a.ID + "-q3", Span: at("They"), Text: "They", Kind: "direct", Speaker: &model.Speaker{Description: "a diplomat", Anonymous: true, Mention: model.NoSpan}, CueSpan: model.NoSpan},
	}
	a.Events = []model.Event{
		{ID: a.ID + "-e1", Sentence: 0, Span: a.Sentences[0].Span, Trigger: "met", TriggerSpan: at("met"),
			Source: model.Participant{Code: "UKR", Text: "Ukrainian", Span: at("Ukrainian")},
			Target: model.Participant{Code: "TUR", Sector: "GOV", Text: "Turkish envoys", Span: at("Turkish envoys")},
			CAMEO:  "036", Root: "03", PLOVER: "CONSULT", Mode: "visit", Goldstein: 4, Quad: 1,
			Date: "2024-03-05", DatePrecision: "day", DateBasis: "timex", DateSpan: at("on Tuesday"), Location: "Kyiv"},
		{ID: a.ID + "-e2", Sentence: 1, Span: at("They didn't agree on a ceasefire."), Trigger: "agree", TriggerSpan: at("agree"),
			Source: model.Participant{Code: "UKR", Text: "They", Span: at("They")},
			Target: model.Participant{Text: "", Span: model.NoSpan},
			CAMEO:  "057", Root: "05", PLOVER: "AGREE", Goldstein: 8, Quad: 1, Negated: true, Modality: "denied",
			Date: "2024-03-05", DatePrecision: "day", DateBasis: "published", DateSpan: model.NoSpan, Quote: a.ID + "-q2"},
	}
	return a
}
