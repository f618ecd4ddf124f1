package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// formatsStore holds two articles written for this test: one event merged
// across both, one event of the second article alone, and one negated
// event.
func formatsStore(t *testing.T) store.Store {
	t.Helper()
	mk := func(id, outlet, url, published string, paras ...string) *model.Article {
		text := strings.Join(paras, "\n\n")
		sum := sha256.Sum256([]byte(text))
		a := &model.Article{ID: id, ContentHash: hex.EncodeToString(sum[:]), SourceFile: id + ".txt", Format: "txt",
			Outlet: outlet, URL: url, Published: published, Language: "en", Text: text}
		off := 0
		for i, p := range paras {
			sp := model.Span{Start: off, End: off + len(p)}
			a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: sp, Raw: sp, Kind: model.KindBody})
			a.Sentences = append(a.Sentences, model.Sentence{Span: sp, Paragraph: i})
			off += len(p) + 2
		}
		return a
	}
	span := func(a *model.Article, s string) model.Span {
		i := strings.Index(a.Text, s)
		if i < 0 {
			t.Fatalf("%q not in text", s)
		}
		return model.Span{Start: i, End: i + len(s)}
	}
	a1 := mk("aaaa000000000001", "Harbor Gazette", "https://example.org/a1", "2024-05-02",
		"Norway rejected the fishing proposal from Chile on Tuesday.")
	a2 := mk("bbbb000000000002", "Coastal Times", "", "2024-05-03",
		"Officials said talks would go on.",
		"Norway refused the proposal.",
		"Islamic State fighters attacked a Syrian town.",
		"Chile will not attack Norway, the minister said.")
	ev := func(a *model.Article, n int, sent int, trig, src, srcSec, srcText, tgt, tgtText, cameo, plover string, g float64, q int, date string) model.Event {
		s := a.Sentences[sent].Span
		return model.Event{ID: a.ID + "-e" + string(rune('0'+n)), Sentence: sent, Span: s, Trigger: trig, TriggerSpan: span(a, trig),
			Source: model.Participant{Code: src, Sector: srcSec, Text: srcText, Span: span(a, srcText)},
			Target: model.Participant{Code: tgt, Text: tgtText, Span: span(a, tgtText)},
			CAMEO:  cameo, Root: cameo[:2], PLOVER: plover, Goldstein: g, Quad: q, Date: date, DatePrecision: "day", DateBasis: "published", DateSpan: model.NoSpan}
	}
	a1.Events = []model.Event{ev(a1, 1, 0, "rejected", "NOR", "GOV", "Norway", "CHL", "Chile", "120", "REJECT", -4, 3, "2024-04-30")}
	a1.Events[0].Location = "Oslo\tharbour"
	a2.Events = []model.Event{
		ev(a2, 1, 1, "refused", "NOR", "GOV", "Norway", "CHL", "proposal", "120", "REJECT", -4, 3, "2024-05-01"),
		ev(a2, 2, 2, "attacked", "ISIS", "REB", "Islamic State fighters", "SYR", "Syrian town", "190", "ASSAULT", -10, 4, "2024-05-03"),
		ev(a2, 3, 3, "attack", "CHL", "", "Chile", "NOR", "Norway", "190", "ASSAULT", -10, 4, "2024-05-03"),
	}
	a2.Events[2].Negated = true
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if _, err := st.PutArticles(ctx, []*model.Article{a1, a2}); err != nil {
		t.Fatal(err)
	}
	err = st.PutStories(ctx, store.StoryUpdate{
		Stories: []model.Story{{ID: "s1", Level: "event", Title: "Rejection", First: "2024-05-02", Last: "2024-05-03", Articles: []string{a1.ID, a2.ID}}},
		Merged: []model.MergedEvent{{ID: "m1", Story: "s1", Source: "NOR", Target: "CHL", CAMEO: "120", Root: "12", PLOVER: "REJECT", Goldstein: -4, Quad: 3,
			Date: "2024-04-30", Articles: []string{a1.ID, a2.ID}, Corroboration: 2,
			Reports: []model.EventRef{{Article: a1.ID, Event: a1.ID + "-e1"}, {Article: a2.ID, Event: a2.ID + "-e1"}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func testInfo() ActorInfo {
	names := map[string]string{"NOR": "Norway", "CHL": "Chile", "ISIS": "Islamic State", "SYR": "Syria"}
	country := map[string]string{"NOR": "NOR", "CHL": "CHL", "SYR": "SYR"}
	return ActorInfo{Name: func(c string) string { return names[c] }, Country: func(c string) string { return country[c] }}
}

func TestWriteGDELT(t *testing.T) {
	st := formatsStore(t)
	var buf bytes.Buffer
	if err := WriteGDELT(context.Background(), st, &buf, testInfo()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	// m1 once (not its second report), the ISIS attack; the negated event
	// is left out.
	if len(lines) != 2 {
		t.Fatalf("%d rows, want 2:\n%s", len(lines), buf.String())
	}
	col := map[string]int{}
	for i, c := range GDELTColumns {
		col[c] = i
	}
	if len(GDELTColumns) != 61 {
		t.Fatalf("%d GDELT columns, want 61", len(GDELTColumns))
	}
	rows := make([][]string, len(lines))
	for i, l := range lines {
		rows[i] = strings.Split(l, "\t")
		if len(rows[i]) != 61 {
			t.Fatalf("row %d has %d columns", i, len(rows[i]))
		}
	}
	want := map[string]string{
		"SQLDATE": "20240430", "MonthYear": "202404", "Year": "2024", "FractionDate": "2024.3279",
		"Actor1Code": "NORGOV", "Actor1Name": "NORWAY", "Actor1CountryCode": "NOR", "Actor1KnownGroupCode": "", "Actor1Type1Code": "GOV",
		"Actor2Code": "CHL", "Actor2Name": "CHILE", "Actor2CountryCode": "CHL",
		"IsRootEvent": "1", "EventCode": "120", "EventBaseCode": "120", "EventRootCode": "12", "QuadClass": "3", "GoldsteinScale": "-4.0",
		"NumMentions": "2", "NumSources": "2", "NumArticles": "2", "AvgTone": "0",
		"ActionGeo_FullName": "Oslo harbour", "DATEADDED": "20240502000000", "SOURCEURL": "https://example.org/a1",
	}
	for c, v := range want {
		if got := rows[0][col[c]]; got != v {
			t.Errorf("row 0 %s = %q, want %q", c, got, v)
		}
	}
	want = map[string]string{
		"Actor1Code": "ISISREB", "Actor1KnownGroupCode": "ISIS", "Actor1CountryCode": "", "IsRootEvent": "0", "EventBaseCode": "190",
		"QuadClass": "4", "NumArticles": "1", "SOURCEURL": "bbbb000000000002.txt", "DATEADDED": "20240503000000",
	}
	for c, v := range want {
		if got := rows[1][col[c]]; got != v {
			t.Errorf("row 1 %s = %q, want %q", c, got, v)
		}
	}
	if rows[0][0] == rows[1][0] || rows[0][0] != "" && stableID("m1") != mustUint(t, rows[0][0]) {
		t.Errorf("GLOBALEVENTID %q, %q", rows[0][0], rows[1][0])
	}
}

func mustUint(t *testing.T, s string) uint64 {
	var n uint64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("not a number: %q", s)
		}
		n = n*10 + uint64(r-'0')
	}
	return n
}

func TestWritePLOVER(t *testing.T) {
	st := formatsStore(t)
	var buf bytes.Buffer
	if err := WritePLOVER(context.Background(), st, &buf, testInfo()); err != nil {
		t.Fatal(err)
	}
	var recs []PLOVERRecord
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var r PLOVERRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		recs = append(recs, r)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want 3 (merged, attack, negated)", len(recs))
	}
	r := recs[0]
	if r.Event != "REJECT" || r.Date != "2024-04-30" || r.MergedID != "m1" || len(r.Articles) != 2 ||
		r.Source[0].Code != "NOR" || r.Source[0].Name != "Norway" || r.Target[0].ActorText != "Chile" ||
		r.Text != "Norway rejected the fishing proposal from Chile on Tuesday." || r.EventText != "rejected" || r.Publication != "Harbor Gazette" {
		t.Errorf("record 0: %+v", r)
	}
	if neg := recs[2]; !neg.Negated || neg.Mode != "negated" {
		t.Errorf("negated record: %+v", neg)
	}
	if !strings.Contains(buf.String(), `"context":""`) {
		t.Errorf("records lack the context field")
	}
}

func TestWriteCSV(t *testing.T) {
	st := formatsStore(t)
	var buf bytes.Buffer
	if err := WriteCSV(context.Background(), st, &buf, testInfo()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || strings.Join(rows[0], ",") != strings.Join(CSVColumns, ",") {
		t.Fatalf("rows: %v", rows)
	}
	col := map[string]int{}
	for i, c := range CSVColumns {
		col[c] = i
	}
	if r := rows[1]; r[col["merged_id"]] != "m1" || r[col["reports"]] != "2" || r[col["source_name"]] != "Norway" ||
		r[col["evidence"]] != "Norway rejected the fishing proposal from Chile on Tuesday." || r[col["location"]] != "Oslo\tharbour" {
		t.Errorf("row 1: %v", r)
	}
	if r := rows[3]; r[col["negated"]] != "true" {
		t.Errorf("row 3: %v", r)
	}
}

func TestDefaultActorInfo(t *testing.T) {
	ai, err := DefaultActorInfo()
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string][2]string{"IRN": {"Iran", "IRN"}, "USA": {"United States", "USA"}, "ISIS": {"Islamic State", ""}, "UN": {"United Nations", ""}} {
		if n, c := ai.name(code), ai.country(code); n != want[0] || c != want[1] {
			t.Errorf("%s: name %q country %q, want %q %q", code, n, c, want[0], want[1])
		}
	}
}
