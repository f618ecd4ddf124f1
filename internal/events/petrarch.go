package events

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"

	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/syntax"
)

// PetrarchResult is the outcome of EvalPetrarch.
type PetrarchResult struct {
	Records  int     `json:"records"`
	Correct  int     `json:"correct"`
	PassRate float64 `json:"pass_rate"`
	// Categories breaks the records down by the suite's categories:
	// records and correct per category.
	Categories map[string][2]int `json:"categories"`
	// Outcomes lists every scored record, in file order, for inspection
	// (sitrep eval petrarch --verbose prints the failures).
	Outcomes []PetrarchOutcome `json:"-"`
}

// PetrarchOutcome is one scored record of EvalPetrarch: the expected and
// coded "source|target|code" triples.
type PetrarchOutcome struct {
	ID, Category, Text string
	Want, Got          []string
	OK                 bool
}

// petrRecords is the unit-test file's structure.
type petrRecords struct {
	Environment struct {
		Verbfile    string `xml:"Verbfile"`
		Actorfile   string `xml:"Actorfile"`
		Agentfile   string `xml:"Agentfile"`
		Discardfile string `xml:"Discardfile"`
	} `xml:"Environment"`
	Sentences []struct {
		ID       string `xml:"id,attr"`
		Date     string `xml:"date,attr"`
		Category string `xml:"category,attr"`
		Codings  []struct {
			Source   string `xml:"sourcecode,attr"`
			Target   string `xml:"targetcode,attr"`
			Code     string `xml:"eventcode,attr"`
			NoEvents string `xml:"noevents,attr"`
			Error    string `xml:"error,attr"`
		} `xml:"EventCoding"`
		Text string `xml:"Text"`
	} `xml:"Sentences>Sentence"`
}

// PetrarchCoder builds the pipeline a PETRARCH record set names: its verb
// dictionary (LoadPetrarchVerbs) as the coder's only dictionary, and its
// actor and agent dictionaries (actors.LoadPhoenix) over an empty actor
// base, so that the suite's made-up actors are the only ones known, and
// its discard dictionary (LoadDiscards) when it names one.
// Events need both a source and a target, as PETRARCH's require_dyad.
func PetrarchCoder(sm *syntax.Model, dir, verbFile, actorFile, agentFile, discardFile string) (*Pipeline, error) {
	vf, err := os.Open(filepath.Join(dir, verbFile))
	if err != nil {
		return nil, err
	}
	defer vf.Close()
	verbs, err := LoadPetrarchVerbs(vf, verbFile)
	if err != nil {
		return nil, err
	}
	af, err := os.Open(filepath.Join(dir, actorFile))
	if err != nil {
		return nil, err
	}
	defer af.Close()
	var agents []io.Reader
	if agentFile != "" {
		gf, err := os.Open(filepath.Join(dir, agentFile))
		if err != nil {
			return nil, err
		}
		defer gf.Close()
		agents = append(agents, gf)
	}
	dict, err := actors.LoadPhoenix([]io.Reader{af}, agents)
	if err != nil {
		return nil, err
	}
	kb, err := actors.LoadKB(fstest.MapFS{})
	if err != nil {
		return nil, err
	}
	var disc *Discards
	if discardFile != "" {
		df, err := os.Open(filepath.Join(dir, discardFile))
		if err != nil {
			return nil, err
		}
		defer df.Close()
		if disc, err = LoadDiscards(df); err != nil {
			return nil, err
		}
	}
	c, err := New(Options{RequireTarget: true, Literal: true, Discards: disc}, verbs)
	if err != nil {
		return nil, err
	}
	return &Pipeline{Syntax: sm, Actors: actors.NewResolver(kb, dict), Coder: c}, nil
}

// petrCodeOf renders a participant as PETRARCH writes actor codes: the
// actor code followed by its agent (sector) code when the actor code does
// not already end with it.
func petrCodeOf(p model.Participant) string {
	if p.Sector != "" && !strings.HasSuffix(p.Code, p.Sector) {
		return p.Code + p.Sector
	}
	return p.Code
}

// EvalPetrarch runs PETRARCH2's unit-test records (records, an XML file)
// with the dictionaries its Environment names, read from dicts, parsing
// with sm (the records' own Penn Treebank parses are not used). A record
// is correct when the set of (source, target, code) triples the pipeline
// codes equals the expected set; a record expecting no events is correct
// when none is coded. Record dates (YYYYMMDD) become the articles'
// publication dates, which select date-bounded actor codes.
func EvalPetrarch(records, dicts string, sm *syntax.Model) (PetrarchResult, error) {
	b, err := os.ReadFile(records)
	if err != nil {
		return PetrarchResult{}, err
	}
	var recs petrRecords
	if err := xml.Unmarshal(b, &recs); err != nil {
		return PetrarchResult{}, fmt.Errorf("events: %s: %w", records, err)
	}
	env := recs.Environment
	if env.Verbfile == "" || env.Actorfile == "" {
		return PetrarchResult{}, fmt.Errorf("events: %s names no verb or actor dictionary", records)
	}
	p, err := PetrarchCoder(sm, dicts, strings.TrimSpace(env.Verbfile), strings.TrimSpace(env.Actorfile), strings.TrimSpace(env.Agentfile), strings.TrimSpace(env.Discardfile))
	if err != nil {
		return PetrarchResult{}, err
	}
	res := PetrarchResult{Categories: map[string][2]int{}}
	for _, r := range recs.Sentences {
		if len(r.Codings) == 0 {
			continue
		}
		var want []string
		for _, c := range r.Codings {
			if strings.EqualFold(strings.TrimSpace(c.NoEvents), "true") || strings.TrimSpace(c.Error) != "" {
				// no events; an error coding ("dateline",
				// "storydiscard", "bad_input_parse") means PETRARCH
				// codes nothing either
				continue
			}
			want = append(want, strings.Trim(c.Source, `"' `)+"|"+strings.Trim(c.Target, `"' `)+"|"+c.Code)
		}
		text := strings.Join(strings.Fields(r.Text), " ")
		a := sentenceArticle(r.ID, text, petrDate(r.Date))
		p.Run(a)
		var got []string
		for _, e := range a.Events {
			got = append(got, petrCodeOf(e.Source)+"|"+petrCodeOf(e.Target)+"|"+e.CAMEO)
		}
		ok := sameSet(want, got)
		res.Outcomes = append(res.Outcomes, PetrarchOutcome{ID: r.ID, Category: r.Category, Text: text, Want: want, Got: got, OK: ok})
		res.Records++
		cat := res.Categories[r.Category]
		cat[0]++
		if ok {
			res.Correct++
			cat[1]++
		}
		res.Categories[r.Category] = cat
	}
	if res.Records > 0 {
		res.PassRate = float64(res.Correct) / float64(res.Records)
	}
	return res, nil
}

// petrDate turns "19950101" into "1995-01-01".
func petrDate(d string) string {
	d = strings.TrimSpace(d)
	if len(d) != 8 {
		return ""
	}
	return d[:4] + "-" + d[4:6] + "-" + d[6:]
}

func sameSet(a, b []string) bool {
	norm := func(s []string) []string {
		m := map[string]bool{}
		for _, x := range s {
			m[x] = true
		}
		out := make([]string, 0, len(m))
		for x := range m {
			out = append(out, x)
		}
		sort.Strings(out)
		return out
	}
	x, y := norm(a), norm(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}
