package export

import (
	"bufio"
	"context"
	"encoding/json"
	"io"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// PLOVERActor is one source or target in a PLOVERRecord, as the PLOVER
// gold standard records write them.
type PLOVERActor struct {
	// ActorText is the participant's phrase in the sentence.
	ActorText string `json:"actorText"`
	// Code is the actor code, Sector its sector; Name the canonical name
	// and Country the state it belongs to, when known.
	Code    string `json:"code"`
	Sector  string `json:"sector,omitempty"`
	Name    string `json:"name,omitempty"`
	Country string `json:"country,omitempty"`
}

// PLOVERRecord is one event in the JSON layout of the PLOVER
// specification's example records (id, date, source, target, event, mode,
// context, eventText, text, language, publication), which POLECAT follows,
// with sitrep's own fields added for provenance and CAMEO.
type PLOVERRecord struct {
	ID string `json:"id"`
	// Date is the event's date, YYYY-MM-DD, or "" when undated.
	Date   string        `json:"date"`
	Source []PLOVERActor `json:"source"`
	Target []PLOVERActor `json:"target"`
	// Event is the PLOVER event type ("REJECT"); Mode its mode ("" when
	// none; "negated" for negated events).
	Event string `json:"event"`
	Mode  string `json:"mode,omitempty"`
	// Context is PLOVER's context list. sitrep does not code contexts yet;
	// the field is written empty so that readers find it.
	Context string `json:"context"`
	// EventText is the trigger; Text the evidence sentence.
	EventText string `json:"eventText"`
	Text      string `json:"text"`
	// EventLoc is the location the text gives, if any.
	EventLoc    string `json:"eventLoc,omitempty"`
	Language    string `json:"language"`
	Publication string `json:"publication"`
	// Sitrep's additions.
	CAMEO         string  `json:"cameo"`
	Quad          int     `json:"quad"`
	Goldstein     float64 `json:"goldstein"`
	Negated       bool    `json:"negated"`
	Modality      string  `json:"modality,omitempty"`
	DatePrecision string  `json:"date_precision,omitempty"`
	DateBasis     string  `json:"date_basis,omitempty"`
	// Article, Start and End locate the evidence in the article's clean
	// text; Published and URL describe the article. MergedID names the
	// merged event (several articles' reports of one event) when a story
	// merged it, and Articles lists its reporting articles.
	Article   string   `json:"article"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Published string   `json:"published,omitempty"`
	URL       string   `json:"url,omitempty"`
	MergedID  string   `json:"merged_id,omitempty"`
	Articles  []string `json:"articles"`
}

// NewPLOVERRecord builds the PLOVER record of event e of article a; m,
// when not nil, is the merged event e is the first report of.
func NewPLOVERRecord(a *model.Article, e model.Event, m *model.MergedEvent, ai ActorInfo) PLOVERRecord {
	r := PLOVERRecord{
		ID: e.ID, Date: e.Date, Source: []PLOVERActor{}, Target: []PLOVERActor{},
		Event: e.PLOVER, Mode: e.Mode, EventText: e.Trigger, Text: e.Span.In(a.Text), EventLoc: e.Location,
		Language: a.Language, Publication: a.Outlet,
		CAMEO: e.CAMEO, Quad: e.Quad, Goldstein: e.Goldstein, Negated: e.Negated, Modality: e.Modality,
		DatePrecision: e.DatePrecision, DateBasis: e.DateBasis,
		Article: a.ID, Start: e.Span.Start, End: e.Span.End, Published: a.Published, URL: a.URL, Articles: []string{a.ID},
	}
	if e.Negated && r.Mode == "" {
		r.Mode = "negated"
	}
	for _, p := range []struct {
		part model.Participant
		dst  *[]PLOVERActor
	}{{e.Source, &r.Source}, {e.Target, &r.Target}} {
		if p.part.Code == "" && p.part.Text == "" {
			continue
		}
		*p.dst = append(*p.dst, PLOVERActor{ActorText: p.part.Text, Code: p.part.Code, Sector: p.part.Sector,
			Name: ai.name(p.part.Code), Country: ai.country(p.part.Code)})
	}
	if m != nil {
		r.MergedID = m.ID
		r.Articles = m.Articles
		if m.Date != "" {
			r.Date = m.Date
		}
	}
	return r
}

// WritePLOVER writes one PLOVER record per real-world event as JSON lines,
// in article ingest order: an event that a story merged across articles
// is written once, from its first report, listing every reporting
// article. Negated events are kept, with mode "negated" and negated true.
func WritePLOVER(ctx context.Context, st store.Store, w io.Writer, ai ActorInfo) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := eachEvent(ctx, st, func(a *model.Article, e model.Event, m *model.MergedEvent) error {
		return enc.Encode(NewPLOVERRecord(a, e, m, ai))
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}
