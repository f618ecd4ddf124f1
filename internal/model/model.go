package model

import "fmt"

// Span is a half-open byte range [Start, End) into a text. Unless a field's
// doc says otherwise, spans index Article.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// NoSpan marks a position that cannot be mapped (for instance the raw
// position of a paragraph extracted from an HTML DOM).
var NoSpan = Span{Start: -1, End: -1}

// Valid reports whether s is a non-negative, ordered range.
func (s Span) Valid() bool { return s.Start >= 0 && s.End >= s.Start }

// Len returns the number of bytes in s, or 0 when s is not valid.
func (s Span) Len() int {
	if !s.Valid() {
		return 0
	}
	return s.End - s.Start
}

// In returns text[s.Start:s.End], or "" when s does not fit in text.
func (s Span) In(text string) string {
	if !s.Valid() || s.End > len(text) {
		return ""
	}
	return text[s.Start:s.End]
}

// String formats s as "start:end".
func (s Span) String() string { return fmt.Sprintf("%d:%d", s.Start, s.End) }

// ParagraphKind says what role a paragraph plays in an article. Later stages
// use it to skip text that is not reporting (a photo caption dates the photo,
// not the event).
type ParagraphKind string

// Paragraph kinds.
const (
	// KindBody is ordinary article prose.
	KindBody ParagraphKind = "body"
	// KindHeading is a cross-head or section title inside the article.
	KindHeading ParagraphKind = "heading"
	// KindStandfirst is the summary line under a headline.
	KindStandfirst ParagraphKind = "standfirst"
	// KindCaption is a photo or video caption.
	KindCaption ParagraphKind = "caption"
)

// Paragraph is one block of the clean text.
type Paragraph struct {
	// Span is the paragraph's range in Article.Text.
	Span Span `json:"span"`
	// Raw is the paragraph's range in the decoded raw input (Article.Raw), or
	// NoSpan when the text was rebuilt from a DOM and has no single source
	// range. Text and raw lengths may differ: cleaning folds whitespace.
	Raw  Span          `json:"raw"`
	Kind ParagraphKind `json:"kind"`
}

// Token is one word or punctuation mark, split the way Universal Dependencies
// English treebanks split text ("did" "n't", "Iran" "'s", "well" "-" "known").
type Token struct {
	Span Span `json:"span"`
	// SpaceAfter is false when the next token follows without white space.
	SpaceAfter bool `json:"space_after"`
	// Syntax is filled by the syntax stage; nil before it runs.
	Syntax *Syntax `json:"syntax,omitempty"`
}

// Sentence is one sentence of the clean text.
type Sentence struct {
	Span Span `json:"span"`
	// Paragraph indexes Article.Paragraphs.
	Paragraph int `json:"paragraph"`
	// FirstToken and EndToken delimit the sentence's tokens in
	// Article.Tokens: [FirstToken, EndToken).
	FirstToken int `json:"first_token"`
	EndToken   int `json:"end_token"`
}

// DateCandidate is one date the engine found for an article, with where it
// came from. Candidates are kept even when not chosen so that later stages
// and users can see disagreements.
type DateCandidate struct {
	// Date is the calendar date, YYYY-MM-DD.
	Date string `json:"date"`
	// Source names where the date was found: "manifest", "jsonl",
	// "html-meta", "text-stamp", "url".
	Source string `json:"source"`
	// Text is the surface form, for text stamps.
	Text string `json:"text,omitempty"`
	// Raw locates a text stamp in the raw input; NoSpan otherwise.
	Raw Span `json:"raw"`
}

// Severity grades a diagnostic.
type Severity string

// Severities.
const (
	// Info records a choice the engine made that a user may want to know.
	Info Severity = "info"
	// Warning records a problem that lowered quality but kept the article.
	Warning Severity = "warning"
	// Error records a problem that rejected the input.
	Error Severity = "error"
)

// Diagnostic is a problem or notable choice found while processing one
// input. Diagnostics are data, not Go errors: a stage that records one still
// returns its partial result.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Stage names the stage that recorded it ("ingest", "extract", ...).
	Stage string `json:"stage"`
	// Code is a short stable identifier, e.g. "invalid-utf8".
	Code    string `json:"code"`
	Message string `json:"message"`
	// File is the input file's path as given; Line is its 1-based line for
	// JSONL inputs and 0 otherwise.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// Span locates the problem in Article.Text when it has a position.
	Span *Span `json:"span,omitempty"`
}

// String formats d as "file:line: severity: message [code]".
func (d Diagnostic) String() string {
	loc := d.File
	if d.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, d.Line)
	}
	if loc != "" {
		loc += ": "
	}
	return fmt.Sprintf("%s%s: %s [%s]", loc, d.Severity, d.Message, d.Code)
}

// Article is one news article: its metadata, its clean text and the
// segmentation of that text. The extract stage fills metadata, Text and
// Paragraphs; the segment stage fills Sentences and Tokens; the store sets
// nothing (ID and ContentHash are derived from the text).
type Article struct {
	// ID identifies the article in every store: the first 16 hex digits of
	// ContentHash, so that workers on different machines agree on it.
	ID string `json:"id"`
	// ContentHash is the hex SHA-256 of the clean text with white space
	// folded; equal hashes mean the same article.
	ContentHash string `json:"content_hash"`

	// SourceFile is the base name of the input file; SourcePath the path as
	// given; SourceLine the 1-based line of a JSONL record (0 otherwise).
	SourceFile string `json:"source_file"`
	SourcePath string `json:"source_path"`
	SourceLine int    `json:"source_line,omitempty"`
	// Format is the input format: "txt", "html" or "jsonl".
	Format string `json:"format"`

	URL      string `json:"url,omitempty"`
	Outlet   string `json:"outlet,omitempty"`
	Title    string `json:"title,omitempty"`
	Author   string `json:"author,omitempty"`
	Dateline string `json:"dateline,omitempty"`
	// SyndicatedFrom names the outlet or site an article credits as its
	// original source, when it says so.
	SyndicatedFrom string `json:"syndicated_from,omitempty"`
	// Published is the chosen publication date, YYYY-MM-DD, or "" when none
	// could be found; PublishedSource says which candidate was chosen.
	Published       string          `json:"published,omitempty"`
	PublishedSource string          `json:"published_source,omitempty"`
	DateCandidates  []DateCandidate `json:"date_candidates,omitempty"`
	Language        string          `json:"language"`

	// Raw is the decoded input the text was cleaned from (HTML source or
	// plain text, valid UTF-8). Paragraph.Raw spans index it.
	Raw string `json:"-"`
	// Text is the clean article text: paragraphs joined by "\n\n".
	Text       string      `json:"text"`
	Paragraphs []Paragraph `json:"paragraphs"`
	Sentences  []Sentence  `json:"sentences"`
	Tokens     []Token     `json:"tokens"`

	// Annotations added by the later stages, each in text order.
	Timexes  []Timex   `json:"timexes,omitempty"`
	Mentions []Mention `json:"mentions,omitempty"`
	Quotes   []Quote   `json:"quotes,omitempty"`
	Events   []Event   `json:"events,omitempty"`

	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
}

// SentenceTokens returns the tokens of sentence i.
func (a *Article) SentenceTokens(i int) []Token {
	s := a.Sentences[i]
	return a.Tokens[s.FirstToken:s.EndToken]
}

// TokenText returns the text of token t.
func (a *Article) TokenText(t Token) string { return t.Span.In(a.Text) }
