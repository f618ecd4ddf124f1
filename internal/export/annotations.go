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

// ParticipantRecord is an event's source or target in an EventRecord.
type ParticipantRecord struct {
	// Code is the actor code, or null when unresolved.
	Code   *string `json:"code"`
	Sector *string `json:"sector"`
	Text   string  `json:"text"`
}

// EvidenceRecord locates one sentence an event was read from.
type EvidenceRecord struct {
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// EventRecord is the JSONL record of one coded event. An event read from
// one article lists that article and one evidence span; merged events
// (the same happening reported by several articles) list them all.
type EventRecord struct {
	Type      string            `json:"type"`
	ID        string            `json:"id"`
	Articles  []string          `json:"articles"`
	Source    ParticipantRecord `json:"source"`
	Target    ParticipantRecord `json:"target"`
	Trigger   string            `json:"trigger"`
	CAMEO     string            `json:"cameo"`
	Root      string            `json:"root"`
	PLOVER    string            `json:"plover"`
	Mode      *string           `json:"mode"`
	Goldstein float64           `json:"goldstein"`
	Quad      int               `json:"quad"`
	Negated   bool              `json:"negated"`
	Modality  *string           `json:"modality"`
	// Date is YYYY-MM-DD or null; DatePrecision and DateBasis say how
	// exact it is and where it came from ("timex" or "published").
	Date          *string          `json:"date"`
	DatePrecision *string          `json:"date_precision"`
	DateBasis     *string          `json:"date_basis"`
	Location      *string          `json:"location"`
	Quote         *string          `json:"quote"`
	Evidence      []EvidenceRecord `json:"evidence"`
	// Story is the event cluster the event belongs to, or null.
	Story *string `json:"story"`
	// Corroboration counts the independent outlets reporting the event.
	Corroboration int `json:"corroboration"`
	// Disagreements lists the fields on which the reports differ, each
	// with every version given; empty when they agree.
	Disagreements []model.Disagreement `json:"disagreements"`
}

// NewEventRecord builds the export record of event e of article a.
func NewEventRecord(a *model.Article, e model.Event) EventRecord {
	return EventRecord{
		Type: "event", ID: e.ID, Articles: []string{a.ID},
		Source:  ParticipantRecord{Code: nullable(e.Source.Code), Sector: nullable(e.Source.Sector), Text: e.Source.Text},
		Target:  ParticipantRecord{Code: nullable(e.Target.Code), Sector: nullable(e.Target.Sector), Text: e.Target.Text},
		Trigger: e.Trigger, CAMEO: e.CAMEO, Root: e.Root, PLOVER: e.PLOVER, Mode: nullable(e.Mode),
		Goldstein: e.Goldstein, Quad: e.Quad, Negated: e.Negated, Modality: nullable(e.Modality),
		Date: nullable(e.Date), DatePrecision: nullable(e.DatePrecision), DateBasis: nullable(e.DateBasis),
		Location: nullable(e.Location), Quote: nullable(e.Quote),
		Evidence:      []EvidenceRecord{{Article: a.ID, Start: e.Span.Start, End: e.Span.End}},
		Corroboration: 1, Disagreements: []model.Disagreement{},
	}
}

// NewMergedEventRecord builds the record of merged event m, taking the
// participants' text and the event's details from first, its first
// report (an event of article firstArticle).
func NewMergedEventRecord(m model.MergedEvent, firstArticle *model.Article, first model.Event) EventRecord {
	r := NewEventRecord(firstArticle, first)
	r.ID = m.ID
	r.Articles = m.Articles
	r.Source.Code, r.Target.Code = nullable(m.Source), nullable(m.Target)
	r.CAMEO, r.Root, r.PLOVER, r.Goldstein, r.Quad = m.CAMEO, m.Root, m.PLOVER, m.Goldstein, m.Quad
	r.Negated, r.Date = m.Negated, nullable(m.Date)
	r.Evidence = r.Evidence[:0]
	for _, rep := range m.Reports {
		r.Evidence = append(r.Evidence, EvidenceRecord{Article: rep.Article, Start: rep.Span.Start, End: rep.Span.End})
	}
	r.Story = nullable(m.Story)
	r.Corroboration = m.Corroboration
	if m.Disagreements != nil {
		r.Disagreements = m.Disagreements
	}
	return r
}

// StoryRecord is the JSONL record of one story: an event cluster or a
// storyline.
type StoryRecord struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	// Level is "event" or "storyline"; Parent an event cluster's
	// storyline, null for a storyline.
	Level    string   `json:"level"`
	Parent   *string  `json:"parent"`
	Articles []string `json:"articles"`
	Title    string   `json:"title"`
	// First and Last are the earliest and latest publication dates, or
	// null.
	First *string `json:"first"`
	Last  *string `json:"last"`
}

// NewStoryRecord builds the record of story s.
func NewStoryRecord(s model.Story) StoryRecord {
	arts := s.Articles
	if arts == nil {
		arts = []string{}
	}
	return StoryRecord{Type: "story", ID: s.ID, Level: s.Level, Parent: nullable(s.Parent), Articles: arts,
		Title: s.Title, First: nullable(s.First), Last: nullable(s.Last)}
}
