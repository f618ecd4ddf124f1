package events

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/quotes"
	"github.com/sitrep/sitrep/internal/segment"
	"github.com/sitrep/sitrep/internal/syntax"
	"github.com/sitrep/sitrep/internal/timex"
)

// Pipeline runs the stages event coding needs, in the pipeline's order:
// segment (when the article has no sentences yet), syntax, timex, actors,
// quotes, events. The evaluations and tests use it; ingest wires the
// stages through internal/pipeline instead. Safe for concurrent use.
type Pipeline struct {
	Syntax *syntax.Model
	Actors *actors.Resolver
	Coder  *Coder
}

// DefaultPipeline returns the pipeline over the embedded models.
func DefaultPipeline() (*Pipeline, error) {
	sm, err := syntax.Default()
	if err != nil {
		return nil, err
	}
	kb, err := actors.Default()
	if err != nil {
		return nil, err
	}
	c, err := Default()
	if err != nil {
		return nil, err
	}
	return &Pipeline{Syntax: sm, Actors: actors.NewResolver(kb), Coder: c}, nil
}

// Run annotates a in place.
func (p *Pipeline) Run(a *model.Article) {
	if len(a.Sentences) == 0 {
		segment.Segment(a, segment.Options{})
	}
	p.Syntax.Annotate(a)
	timex.Annotate(a)
	p.Actors.Annotate(a)
	quotes.Annotate(a)
	p.Coder.Annotate(a)
}

// sentenceArticle builds a one-paragraph body article from text.
func sentenceArticle(id, text, date string) *model.Article {
	a := &model.Article{ID: id, Text: text, Published: date, Format: "txt", Language: "en"}
	a.Paragraphs = []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan, Kind: model.KindBody}}
	segment.Segment(a, segment.Options{})
	return a
}

// PLOVERResult is the outcome of EvalPLOVER.
type PLOVERResult struct {
	Records        int     `json:"records"`
	EventAccuracy  float64 `json:"event_accuracy"`
	SourceAccuracy float64 `json:"source_accuracy"`
	TargetAccuracy float64 `json:"target_accuracy"`
	// Predicted counts records with at least one coded event.
	Predicted int `json:"predicted"`
	// Outcomes lists every scored record, in file order, for inspection
	// (sitrep eval plover --verbose prints the misses).
	Outcomes []PLOVEROutcome `json:"-"`
}

// PLOVEROutcome is one scored record of EvalPLOVER: the gold event type
// (mapped to current names) and actor codes, the predicted ones (actors at
// country level, see countryLevel, with the full code after a slash), and
// which of the three were right.
type PLOVEROutcome struct {
	ID, Text                    string
	WantEvent, GotEvent         string
	WantSource, WantTarget      []string
	GotSource, GotTarget        string
	EventOK, SourceOK, TargetOK bool
}

// ploverOldNames maps the PLOVER 0.5b1 event names of the gold standard to
// the current types (PLOVER 2021 and its CAMEO2PLOVER map): DEMAND became
// REQUEST; DISAPPROVE and INVESTIGATE were folded into ACCUSE (modes
// disapprove and investigate); FIGHT into ASSAULT. Other names are
// unchanged.
var ploverOldNames = map[string]string{
	"DEMAND":      "REQUEST",
	"DISAPPROVE":  "ACCUSE",
	"INVESTIGATE": "ACCUSE",
	"FIGHT":       "ASSAULT",
}

// countryLevel reduces a participant to the level the PLOVER gold codes
// actors at: "IGO" or "NGO" for international and non-governmental
// organisations (by the mention's sector, or the actor base's igos.tsv),
// an armed group's base state (groups.tsv: HAMAS -> PSE) or "IMG" for a
// transnational one (CAMEO's international militarized group), else the first
// three letters of the actor code (the state: "IRNGOV" -> "IRN").
func countryLevel(p model.Participant) string {
	switch p.Sector {
	case "IGO", "NGO":
		return p.Sector
	}
	if c, ok := actorCountries()[p.Code]; ok {
		return c
	}
	if strings.HasPrefix(p.Code, "IGO") || strings.HasPrefix(p.Code, "NGO") {
		return p.Code[:3]
	}
	if len(p.Code) > 3 {
		return p.Code[:3]
	}
	return p.Code
}

var (
	countriesOnce sync.Once
	countries     map[string]string
)

// actorCountries maps the actor base's organisation and group codes to
// the country-level code the PLOVER gold uses (groups with no base state
// to "IMG").
func actorCountries() map[string]string {
	countriesOnce.Do(func() {
		countries = map[string]string{}
		fsys := actors.DefaultFS()
		for _, f := range []struct{ name, col string }{{"igos.tsv", "sector"}, {"groups.tsv", "base"}} {
			b, err := fs.ReadFile(fsys, f.name)
			if err != nil {
				continue
			}
			col := -1
			for _, line := range strings.Split(string(b), "\n") {
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				cells := strings.Split(line, "\t")
				if cells[0] == "code" {
					for i, c := range cells {
						if c == f.col {
							col = i
						}
					}
					continue
				}
				if col < 0 || col >= len(cells) {
					continue
				}
				v := cells[col]
				if v == "" {
					if f.col != "base" {
						continue
					}
					// a transnational group: CAMEO's international
					// militarized group ("IMGMOSALQ" for al-Qaeda)
					v = "IMG"
				}
				if f.col == "sector" {
					switch v {
					case "IGO", "JUD": // international courts count as IGOs
						v = "IGO"
					case "NGO":
					default:
						continue
					}
				}
				countries[cells[0]] = v
			}
		}
	})
	return countries
}

// goldActors reads a gold source or target field: a list of {code} objects
// (or of strings); anything else is no actor.
func goldActors(raw json.RawMessage) []string {
	var objs []struct {
		Code string `json:"code"`
	}
	if json.Unmarshal(raw, &objs) == nil {
		var out []string
		for _, o := range objs {
			if o.Code != "" {
				out = append(out, strings.ToUpper(o.Code))
			}
		}
		return out
	}
	var strs []string
	if json.Unmarshal(raw, &strs) == nil {
		return strs
	}
	return nil
}

// EvalPLOVER scores the pipeline on PLOVER gold records (a JSON list of
// records with "text", "event", "source" and "target"; "DOCUMENT" records
// are skipped). Each record's text becomes one article dated with the
// record's date (none when every record has the same date, a placeholder).
// The predicted event of a record is chosen by: events with
// a resolved target first, then the trigger nearest the root of its parse
// (the main clause over reported or subordinate ones), then text order.
// Event accuracy compares the predicted PLOVER type with the gold type
// mapped to current names (ploverOldNames); source (target) accuracy
// counts the predicted source (target) at country level (countryLevel)
// being one of the gold codes, an empty gold target being matched by an
// unresolved predicted one, or by a target that is another of the gold's
// sources when the gold has several (a joint act, see jointEvent).
// Records with no predicted event are wrong on all three.
func EvalPLOVER(path string, p *Pipeline) (PLOVERResult, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return PLOVERResult{}, err
	}
	var recs []struct {
		ID     string          `json:"id"`
		Event  string          `json:"event"`
		Text   string          `json:"text"`
		Date   string          `json:"date"`
		Source json.RawMessage `json:"source"`
		Target json.RawMessage `json:"target"`
	}
	if err := json.Unmarshal(b, &recs); err != nil {
		return PLOVERResult{}, fmt.Errorf("events: %s: %w", path, err)
	}
	// A date every record shares is the file's placeholder (the PLOVER
	// gold standard dates all its records 2000-01-01), not the day the
	// text was published: the articles are left undated, so that the
	// actor base accepts people in any office term.
	var all []string
	for _, r := range recs {
		if r.Event != "DOCUMENT" {
			all = append(all, r.Date)
		}
	}
	placeholder := placeholderDate(all)
	date := func(d string) string {
		if d == placeholder {
			return ""
		}
		return d
	}
	var res PLOVERResult
	var ev, src, tgt int
	for _, r := range recs {
		if r.Event == "DOCUMENT" || strings.TrimSpace(r.Text) == "" {
			continue
		}
		res.Records++
		a := sentenceArticle(r.ID, strings.TrimSpace(r.Text), date(r.Date))
		p.Run(a)
		want := r.Event
		if n, ok := ploverOldNames[want]; ok {
			want = n
		}
		o := PLOVEROutcome{ID: r.ID, Text: a.Text, WantEvent: want, WantSource: goldActors(r.Source), WantTarget: goldActors(r.Target)}
		e, ok := mainEvent(a)
		if ok {
			res.Predicted++
			o.GotEvent = e.PLOVER
			o.GotSource = countryLevel(e.Source) + "/" + e.Source.Code + e.Source.Sector
			o.GotTarget = countryLevel(e.Target) + "/" + e.Target.Code + e.Target.Sector
			o.EventOK = e.PLOVER == want
			o.SourceOK = contains(o.WantSource, countryLevel(e.Source))
			o.TargetOK = (len(o.WantTarget) == 0 && e.Target.Code == "") || contains(o.WantTarget, countryLevel(e.Target)) ||
				jointEvent(o.WantSource, o.WantTarget, e)
		}
		if o.EventOK {
			ev++
		}
		if o.SourceOK {
			src++
		}
		if o.TargetOK {
			tgt++
		}
		res.Outcomes = append(res.Outcomes, o)
	}
	if res.Records > 0 {
		n := float64(res.Records)
		res.EventAccuracy, res.SourceAccuracy, res.TargetAccuracy = float64(ev)/n, float64(src)/n, float64(tgt)/n
	}
	return res, nil
}

// placeholderDate returns the date every one of several records carries
// (a file's placeholder, not a publication date), or "".
func placeholderDate(dates []string) string {
	if len(dates) < 2 || dates[0] == "" {
		return ""
	}
	for _, d := range dates[1:] {
		if d != dates[0] {
			return ""
		}
	}
	return dates[0]
}

// jointEvent reports whether predicted event e is the dyadic form of a
// joint act the gold codes with several sources and no target ("A and B
// agreed"): PLOVER lists every side as a source, the coder codes the
// sides acting on each other. It matches when e's source and target are
// two different gold sources.
func jointEvent(wantSource, wantTarget []string, e model.Event) bool {
	if len(wantTarget) > 0 || len(wantSource) < 2 {
		return false
	}
	s, t := countryLevel(e.Source), countryLevel(e.Target)
	return s != t && contains(wantSource, s) && contains(wantSource, t)
}

func contains(ss []string, s string) bool {
	if s == "" {
		return false
	}
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// mainEvent picks an article's main event (see EvalPLOVER).
func mainEvent(a *model.Article) (model.Event, bool) {
	if len(a.Events) == 0 {
		return model.Event{}, false
	}
	depth := func(e model.Event) int {
		tok := -1
		for i, t := range a.Tokens {
			if t.Span.Start == e.TriggerSpan.Start || (t.Span.Start <= e.TriggerSpan.Start && e.TriggerSpan.Start < t.Span.End) {
				tok = i
				break
			}
		}
		d := 0
		for tok >= 0 && d < 50 {
			s := a.Tokens[tok].Syntax
			if s == nil || s.Head < 0 {
				break
			}
			tok = s.Head
			d++
		}
		return d
	}
	evs := append([]model.Event(nil), a.Events...)
	sort.SliceStable(evs, func(i, j int) bool {
		ri, rj := evs[i].Target.Code != "", evs[j].Target.Code != ""
		if ri != rj {
			return ri
		}
		return depth(evs[i]) < depth(evs[j])
	})
	return evs[0], true
}
