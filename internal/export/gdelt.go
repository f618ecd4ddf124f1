package export

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep/sitrep/internal/actors"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// ActorInfo says what the event exports know about actor codes. The zero
// value knows nothing: names and countries are left empty.
type ActorInfo struct {
	// Name returns the canonical name of a code ("IRN" → "Iran"), or "".
	Name func(code string) string
	// Country returns the state a code belongs to: the code itself for a
	// state, an armed group's base state, or "" (international bodies,
	// transnational groups, unknown codes).
	Country func(code string) string
}

var (
	defaultInfoOnce sync.Once
	defaultInfo     ActorInfo
	defaultInfoErr  error
)

// DefaultActorInfo reads names and countries from the built-in actor
// knowledge base (internal/actors), once per process.
func DefaultActorInfo() (ActorInfo, error) {
	defaultInfoOnce.Do(func() {
		kb, err := actors.Default()
		if err != nil {
			defaultInfoErr = err
			return
		}
		country := map[string]string{}
		fsys := actors.DefaultFS()
		if err := readTSV(fsys, "states.tsv", func(f []string) { country[f[0]] = f[0] }); err != nil {
			defaultInfoErr = err
			return
		}
		if err := readTSV(fsys, "groups.tsv", func(f []string) {
			if len(f) > 1 && f[1] != "" {
				country[f[0]] = f[1]
			}
		}); err != nil {
			defaultInfoErr = err
			return
		}
		defaultInfo = ActorInfo{Name: kb.Code, Country: func(c string) string { return country[c] }}
	})
	return defaultInfo, defaultInfoErr
}

// readTSV calls fn with the fields of each data line of a knowledge-base
// table (comments, blank lines and the header skipped).
func readTSV(fsys fs.FS, name string, fn func([]string)) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("export: actor table: %w", err)
	}
	header := true
	for line := range strings.Lines(string(b)) {
		line = strings.TrimRight(line, "\r\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		fn(strings.Split(line, "\t"))
	}
	return nil
}

func (ai ActorInfo) name(code string) string {
	if ai.Name == nil || code == "" {
		return ""
	}
	return ai.Name(code)
}

func (ai ActorInfo) country(code string) string {
	if ai.Country == nil || code == "" {
		return ""
	}
	return ai.Country(code)
}

// GDELTColumns are the 61 columns of the GDELT 2.0 event table, in order.
// WriteGDELT writes no header line (GDELT files have none); the names are
// here for readers that want one.
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// WriteGDELT writes the stored events as a GDELT 2.0 event table:
// tab-separated, 61 columns in GDELT's order, no header, one line per
// real-world event, in article ingest order. Columns, and what fills them:
//
//   - GLOBALEVENTID: a stable integer: the first 52 bits of the SHA-256 of
//     the merged event's ID, or of the event's ID when no story merged it,
//     so reruns and other machines give the same number.
//   - SQLDATE (YYYYMMDD), MonthYear (YYYYMM), Year (YYYY), FractionDate
//     (year plus the fraction of the year elapsed before the day, 4
//     decimals): the event's date (the merged event's when merged), which
//     is a time expression in the text or falls back on the publication
//     date; empty when undated.
//   - Actor1Code / Actor2Code: actor code followed by sector, as GDELT
//     concatenates them ("IRNGOV"); Actor1Name: the knowledge base's
//     canonical name, upper-cased as in GDELT; Actor1CountryCode: the
//     code for a state, an armed group's base state; Actor1KnownGroupCode:
//     the code when it is not a state (IGOs, armed groups: "UN", "ISIS");
//     Actor1Type1Code: the sector ("GOV", "MIL", "REB"). Ethnic, religion
//     and the second and third type codes are empty: sitrep does not code
//     them. Actor2 likewise; all empty when the target is unresolved.
//   - IsRootEvent: 1 when the evidence sentence is in the article's lead
//     (its first body or standfirst paragraph), else 0.
//   - EventCode (CAMEO code), EventBaseCode (its first three digits),
//     EventRootCode (first two), QuadClass (1–4), GoldsteinScale.
//   - NumMentions: the reports of the event (sentences in all articles);
//     NumSources: its corroboration (independent outlets, copies counted
//     with their original); NumArticles: the articles reporting it. All 1
//     for an event no story merged.
//   - AvgTone: 0 (sitrep does not score tone).
//   - Actor1Geo_*, Actor2Geo_*: empty (no geocoding). ActionGeo_FullName:
//     the location the text gives, when any; the other geo columns empty.
//   - DATEADDED: the publication date of the (first) reporting article at
//     00:00:00, YYYYMMDDHHMMSS; empty when undated.
//   - SOURCEURL: that article's URL, or its source file name when it has
//     none.
//
// Negated events (the text says the action did not or will not happen)
// are left out: a GDELT row asserts that the event took place. Tabs and
// line breaks inside values are replaced by spaces.
func WriteGDELT(ctx context.Context, st store.Store, w io.Writer, ai ActorInfo) error {
	bw := bufio.NewWriter(w)
	row := make([]string, len(GDELTColumns))
	err := eachEvent(ctx, st, func(a *model.Article, e model.Event, m *model.MergedEvent) error {
		if e.Negated || (m != nil && m.Negated) {
			return nil
		}
		for i := range row {
			row[i] = ""
		}
		id, date := e.ID, e.Date
		mentions, sources, articles := 1, 1, 1
		if m != nil {
			id = m.ID
			if m.Date != "" {
				date = m.Date
			}
			mentions, sources, articles = max(1, len(m.Reports)), max(1, m.Corroboration), max(1, len(m.Articles))
		}
		row[0] = strconv.FormatUint(stableID(id), 10)
		if d, err := time.Parse(time.DateOnly, date); err == nil {
			row[1] = d.Format("20060102")
			row[2] = d.Format("200601")
			row[3] = d.Format("2006")
			days := 365.0
			if time.Date(d.Year(), 12, 31, 0, 0, 0, 0, time.UTC).YearDay() == 366 {
				days = 366
			}
			row[4] = strconv.FormatFloat(float64(d.Year())+float64(d.YearDay()-1)/days, 'f', 4, 64)
		}
		gdeltActor(row[5:15], e.Source, ai)
		gdeltActor(row[15:25], e.Target, ai)
		row[25] = "0"
		if isLead(a, e.Sentence) {
			row[25] = "1"
		}
		row[26] = e.CAMEO
		row[27] = e.CAMEO[:min(3, len(e.CAMEO))]
		row[28] = e.Root
		row[29] = strconv.Itoa(e.Quad)
		row[30] = strconv.FormatFloat(e.Goldstein, 'f', 1, 64)
		row[31], row[32], row[33] = strconv.Itoa(mentions), strconv.Itoa(sources), strconv.Itoa(articles)
		row[34] = "0"
		row[52] = e.Location
		if d, err := time.Parse(time.DateOnly, a.Published); err == nil {
			row[59] = d.Format("20060102") + "000000"
		}
		row[60] = a.URL
		if row[60] == "" {
			row[60] = a.SourceFile
		}
		for i, v := range row {
			if i > 0 {
				bw.WriteByte('\t')
			}
			bw.WriteString(tsvClean(v))
		}
		return bw.WriteByte('\n')
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// gdeltActor fills the ten actor columns (Code, Name, CountryCode,
// KnownGroupCode, EthnicCode, Religion1Code, Religion2Code, Type1Code,
// Type2Code, Type3Code) of participant p.
func gdeltActor(cols []string, p model.Participant, ai ActorInfo) {
	if p.Code == "" {
		return
	}
	cols[0] = p.Code + p.Sector
	cols[1] = strings.ToUpper(ai.name(p.Code))
	country := ai.country(p.Code)
	cols[2] = country
	if country != p.Code {
		cols[3] = p.Code
	}
	cols[7] = p.Sector
}

// isLead reports whether sentence i of a is in its first body or
// standfirst paragraph.
func isLead(a *model.Article, i int) bool {
	if i < 0 || i >= len(a.Sentences) {
		return false
	}
	for pi, p := range a.Paragraphs {
		if p.Kind == model.KindBody || p.Kind == model.KindStandfirst || p.Kind == "" {
			return a.Sentences[i].Paragraph == pi
		}
	}
	return false
}

// stableID maps an ID to a non-negative integer below 2^52, exact in a
// float64 for tools that read numbers as doubles.
func stableID(id string) uint64 {
	sum := sha256.Sum256([]byte(id))
	return binary.BigEndian.Uint64(sum[:8]) >> 12
}

// tsvClean replaces tabs and line breaks, which would break the row.
func tsvClean(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.NewReplacer("\t", " ", "\r", " ", "\n", " ").Replace(s)
}

// eachEvent calls fn for every stored event in article ingest order, each
// article's in text order. m is the merged event the event is the first
// report of; events that are a later report of a merged event are
// skipped, so each real-world event is passed once. Without stories,
// every event is passed with m nil.
func eachEvent(ctx context.Context, st store.Store, fn func(a *model.Article, e model.Event, m *model.MergedEvent) error) error {
	merged, err := st.MergedEvents(ctx, "")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	type ref struct{ article, event string }
	first := map[ref]*model.MergedEvent{}
	later := map[ref]bool{}
	for i := range merged {
		m := &merged[i]
		for j, r := range m.Reports {
			k := ref{r.Article, r.Event}
			if j == 0 {
				first[k] = m
			} else {
				later[k] = true
			}
		}
	}
	ids, err := st.ArticleIDs(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			return fmt.Errorf("export: article %s: %w", id, err)
		}
		for _, e := range a.Events {
			k := ref{a.ID, e.ID}
			if later[k] && first[k] == nil {
				continue
			}
			if err := fn(a, e, first[k]); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
	}
	return nil
}
