package export

import "github.com/sitrep/sitrep/internal/model"

// Offsets in every record below are byte offsets into the article's clean
// text: the "text" field of its article record (model.Article.Text), which
// is valid UTF-8. text[start:end] in a language that slices bytes (Go,
// Python's bytes, Rust's &[u8]) gives the record's "text".

// MentionRecord is the JSONL record of one actor mention.
type MentionRecord struct {
	Type    string `json:"type"`
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	// Kind is "PER", "ORG" or "LOC".
	Kind string `json:"kind"`
	// Actor is the actor code, or null when unresolved.
	Actor  *string `json:"actor"`
	Sector *string `json:"sector"`
	Person *string `json:"person"`
	// Entity numbers the article's coreference chains (0: not linked).
	Entity int    `json:"entity"`
	Via    string `json:"via"`
}

// NewMentionRecord builds the export record of mention m of article a.
func NewMentionRecord(a *model.Article, m model.Mention) MentionRecord {
	return MentionRecord{
		Type: "mention", Article: a.ID, Start: m.Span.Start, End: m.Span.End, Text: m.Text,
		Kind: m.Kind, Actor: nullable(m.Actor), Sector: nullable(m.Sector), Person: nullable(m.Person),
		Entity: m.Entity, Via: m.Via,
	}
}

// SpeakerRecord is a quote's speaker in a QuoteRecord.
type SpeakerRecord struct {
	Name        string  `json:"name"`
	Actor       *string `json:"actor"`
	Sector      *string `json:"sector"`
	Description *string `json:"description"`
	Anonymous   bool    `json:"anonymous"`
	// MentionStart and MentionEnd locate the speaker's mention, or are null
	// when the speaker was carried over from earlier text.
	MentionStart *int    `json:"mention_start"`
	MentionEnd   *int    `json:"mention_end"`
	Channel      *string `json:"channel"`
}

// QuoteRecord is the JSONL record of one quote.
type QuoteRecord struct {
	Type    string `json:"type"`
	ID      string `json:"id"`
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	// Kind is "direct", "partial" or "indirect".
	Kind    string         `json:"kind"`
	Speaker *SpeakerRecord `json:"speaker"`
	Cue     *string        `json:"cue"`
}

// NewQuoteRecord builds the export record of quote q of article a.
func NewQuoteRecord(a *model.Article, q model.Quote) QuoteRecord {
	r := QuoteRecord{
		Type: "quote", ID: q.ID, Article: a.ID, Start: q.Span.Start, End: q.Span.End,
		Text: q.Text, Kind: q.Kind, Cue: nullable(q.Cue),
	}
	if sp := q.Speaker; sp != nil {
		s := &SpeakerRecord{
			Name: sp.Name, Actor: nullable(sp.Actor), Sector: nullable(sp.Sector),
			Description: nullable(sp.Description), Anonymous: sp.Anonymous, Channel: nullable(sp.Channel),
		}
		if sp.Mention.Valid() {
			start, end := sp.Mention.Start, sp.Mention.End
			s.MentionStart, s.MentionEnd = &start, &end
		}
		r.Speaker = s
	}
	return r
}

// TimexRecord is the JSONL record of one time expression.
type TimexRecord struct {
	Type    string `json:"type"`
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	// TimexType is the TIMEX3 type: DATE, TIME, DURATION or SET.
	TimexType string `json:"timex_type"`
	// Value is the TIMEX3 value ("2014-09-15", "2014-W38", "P3D"...).
	Value     string  `json:"value"`
	Precision *string `json:"precision"`
}

// NewTimexRecord builds the export record of time expression x of article a.
func NewTimexRecord(a *model.Article, x model.Timex) TimexRecord {
	return TimexRecord{
		Type: "timex", Article: a.ID, Start: x.Span.Start, End: x.Span.End, Text: x.Text,
		TimexType: x.Type, Value: x.Value, Precision: nullable(x.Precision),
	}
}

// nullable returns nil for "" and &s otherwise, so that JSON says null for
// an unknown value instead of an empty string.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
