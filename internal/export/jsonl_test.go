package export

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

func TestWriteJSONL(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mk := func(id, text, published string) *model.Article {
		return &model.Article{ID: id, ContentHash: id + strings.Repeat("0", 64-len(id)), SourceFile: id + ".txt",
			Format: "txt", Text: text, Published: published, Language: "en",
			Paragraphs: []model.Paragraph{{Span: model.Span{Start: 0, End: len(text)}, Raw: model.NoSpan, Kind: model.KindBody}}}
	}
	if _, err := st.PutArticles(context.Background(), []*model.Article{
		mk("aaaa", "Talks resumed on Monday.", "2020-01-06"), mk("bbbb", "Talks stalled.", "")}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSONL(context.Background(), st, &b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), b.String())
	}
	var first, second map[string]any
	json.Unmarshal([]byte(lines[0]), &first)
	json.Unmarshal([]byte(lines[1]), &second)
	if first["type"] != "article" || first["id"] != "aaaa" || first["published"] != "2020-01-06" || first["paragraphs"].(float64) != 1 {
		t.Errorf("first record %v", first)
	}
	if v, ok := second["published"]; !ok || v != nil {
		t.Errorf("an undated article must export \"published\": null, got %v (present %v)", v, ok)
	}
	for _, k := range []string{"type", "id", "source_file", "outlet", "title", "author", "dateline", "published", "language", "text", "paragraphs", "sentences"} {
		if _, ok := second[k]; !ok {
			t.Errorf("record lacks %q", k)
		}
	}
}

func TestWriteJSONLAnnotations(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	text := `Iran's leader said on Monday he rejected the offer. "We refused," he said.`
	at := func(sub string) model.Span {
		i := strings.Index(text, sub)
		return model.Span{Start: i, End: i + len(sub)}
	}
	a := &model.Article{ID: "cccc", ContentHash: "cccc" + strings.Repeat("0", 60), Text: text, Language: "en",
		Timexes:  []model.Timex{{Span: at("on Monday"), Text: "on Monday", Type: "DATE", Value: "2014-09-15", Precision: "day"}},
		Mentions: []model.Mention{{Span: at("Iran's leader"), Text: "Iran's leader", Kind: "PER", Actor: "IRN", Sector: "GOV", Person: "Ali Khamenei", Entity: 1, Via: "description"}, {Span: at("he"), Text: "he", Kind: "PER"}},
		Quotes: []model.Quote{
			{ID: "cccc-q1", Span: at("We refused,"), Text: "We refused,", Kind: "direct", Cue: "said", CueSpan: at("said."),
				Speaker: &model.Speaker{Name: "Ali Khamenei", Actor: "IRN", Sector: "GOV", Mention: at("he said")}},
			{ID: "cccc-q2", Span: at("he rejected the offer"), Text: "he rejected the offer", Kind: "indirect", CueSpan: model.NoSpan,
				Speaker: &model.Speaker{Name: "a source", Anonymous: true, Mention: model.NoSpan}},
		},
		Events: []model.Event{{ID: "cccc-e1", Span: at("Iran's leader said on Monday he rejected the offer."), Trigger: "rejected", TriggerSpan: at("rejected"),
			Source: model.Participant{Code: "IRN", Sector: "GOV", Text: "he", Span: at("he rejected")},
			Target: model.Participant{Text: "the offer", Span: at("the offer")},
			CAMEO:  "125", Root: "12", PLOVER: "REJECT", Goldstein: -4, Quad: 3,
			Date: "2014-09-15", DatePrecision: "day", DateBasis: "timex", DateSpan: at("on Monday")}}}
	if _, err := st.PutArticles(context.Background(), []*model.Article{a}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSONL(context.Background(), st, &b); err != nil {
		t.Fatal(err)
	}
	var types []string
	var recs []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("bad line %q: %v", l, err)
		}
		types = append(types, r["type"].(string))
		recs = append(recs, r)
	}
	if got := strings.Join(types, ","); got != "article,timex,mention,mention,quote,quote,event" {
		t.Fatalf("record types %s", got)
	}
	for _, r := range recs[1:6] {
		start, end := int(r["start"].(float64)), int(r["end"].(float64))
		if r["article"] != "cccc" || text[start:end] != r["text"] {
			t.Errorf("record %v: offsets do not give its text", r)
		}
	}
	if m := recs[2]; m["actor"] != "IRN" || m["sector"] != "GOV" || m["person"] != "Ali Khamenei" {
		t.Errorf("mention record %v", m)
	}
	if m := recs[3]; m["actor"] != nil || m["sector"] != nil || m["person"] != nil {
		t.Errorf("an unresolved mention must export nulls: %v", m)
	}
	sp := recs[4]["speaker"].(map[string]any)
	if sp["name"] != "Ali Khamenei" || sp["actor"] != "IRN" || sp["anonymous"] != false || recs[4]["kind"] != "direct" || text[int(sp["mention_start"].(float64)):int(sp["mention_end"].(float64))] != "he said" {
		t.Errorf("quote record %v", recs[4])
	}
	if sp := recs[5]["speaker"].(map[string]any); sp["anonymous"] != true || sp["mention_start"] != nil || recs[5]["cue"] != nil {
		t.Errorf("anonymous quote record %v", recs[5])
	}
	e := recs[6]
	src, tgt := e["source"].(map[string]any), e["target"].(map[string]any)
	ev := e["evidence"].([]any)[0].(map[string]any)
	if e["id"] != "cccc-e1" || e["cameo"] != "125" || e["plover"] != "REJECT" || e["goldstein"] != -4.0 || e["quad"] != 3.0 ||
		e["negated"] != false || e["date"] != "2014-09-15" || e["mode"] != nil || e["modality"] != nil ||
		src["code"] != "IRN" || src["sector"] != "GOV" || tgt["code"] != nil || tgt["text"] != "the offer" ||
		ev["article"] != "cccc" || text[int(ev["start"].(float64)):int(ev["end"].(float64))] != "Iran's leader said on Monday he rejected the offer." ||
		len(e["articles"].([]any)) != 1 {
		t.Errorf("event record %v", e)
	}
}

func TestWriteJSONLMergedEventsAndStories(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	mk := func(id, text string) *model.Article {
		i := strings.Index(text, "rejected")
		return &model.Article{ID: id, ContentHash: id + strings.Repeat("0", 64-len(id)), Text: text, Language: "en",
			Events: []model.Event{
				{ID: id + "-e1", Span: model.Span{Start: 0, End: len(text)}, Trigger: "rejected", TriggerSpan: model.Span{Start: i, End: i + 8},
					Source: model.Participant{Code: "IRN", Text: "Iran", Span: model.Span{Start: 0, End: 4}},
					Target: model.Participant{Code: "USA", Text: "the US offer", Span: model.NoSpan},
					CAMEO:  "125", Root: "12", PLOVER: "REJECT", Goldstein: -4, Quad: 3, Date: "2014-09-15"},
				{ID: id + "-e2", Span: model.Span{Start: 0, End: 4}, Source: model.Participant{Code: "IRN"}, CAMEO: "010", Root: "01", PLOVER: "OTHER"},
			}}
	}
	a, b := mk("aaaa", "Iran rejected the US offer on Monday."), mk("bbbb", "Iran rejected the US offer, officials said.")
	if _, err := st.PutArticles(ctx, []*model.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	err = st.PutStories(ctx, store.StoryUpdate{
		Stories: []model.Story{
			{ID: "st1", Level: "storyline", Title: "Talks", Articles: []string{"aaaa", "bbbb"}},
			{ID: "ev1", Level: "event", Parent: "st1", Title: "Offer rejected", First: "2014-09-15", Last: "2014-09-15", Articles: []string{"aaaa", "bbbb"}},
		},
		Merged: []model.MergedEvent{{ID: "me-aaaa-e1", Story: "ev1", Source: "IRN", Target: "USA", CAMEO: "125", Root: "12", PLOVER: "REJECT",
			Goldstein: -4, Quad: 3, Date: "2014-09-15", Articles: []string{"aaaa", "bbbb"}, Corroboration: 2,
			Reports: []model.EventRef{{Article: "aaaa", Event: "aaaa-e1", Span: a.Events[0].Span}, {Article: "bbbb", Event: "bbbb-e1", Span: b.Events[0].Span}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteJSONL(ctx, st, &buf); err != nil {
		t.Fatal(err)
	}
	var types []string
	var events, storyRecs []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		types = append(types, r["type"].(string))
		switch r["type"] {
		case "event":
			events = append(events, r)
		case "story":
			storyRecs = append(storyRecs, r)
		}
	}
	if got := strings.Join(types, ","); got != "article,event,article,event,event,story,story,alignment" {
		t.Fatalf("record types %s", got)
	}
	// The alignment record: IRN and USA in opposite blocs, the tie carrying
	// the merged event.
	var al struct {
		Type    string `json:"type"`
		Blocs   []struct{ Members []struct{ Actor string } }
		Network struct {
			Edges []struct {
				A, B   string
				Weight float64
				Events []string
			}
		}
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &al); err != nil {
		t.Fatal(err)
	}
	if len(al.Blocs) != 2 || len(al.Network.Edges) != 1 || al.Network.Edges[0].A != "IRN" || al.Network.Edges[0].Weight >= 0 ||
		len(al.Network.Edges[0].Events) != 1 || al.Network.Edges[0].Events[0] != "me-aaaa-e1" {
		t.Errorf("alignment record %+v", al)
	}
	// The unmerged events keep their own records, with their story.
	if events[0]["id"] != "aaaa-e2" || events[0]["story"] != "ev1" || events[0]["corroboration"] != 1.0 || events[1]["id"] != "bbbb-e2" {
		t.Errorf("single events %v / %v", events[0], events[1])
	}
	m := events[2]
	if m["id"] != "me-aaaa-e1" || m["story"] != "ev1" || m["corroboration"] != 2.0 || len(m["articles"].([]any)) != 2 ||
		len(m["evidence"].([]any)) != 2 || m["trigger"] != "rejected" || m["source"].(map[string]any)["text"] != "Iran" ||
		len(m["disagreements"].([]any)) != 0 {
		t.Errorf("merged event record %v", m)
	}
	if storyRecs[0]["level"] != "storyline" || storyRecs[0]["parent"] != nil || storyRecs[1]["parent"] != "st1" || storyRecs[1]["first"] != "2014-09-15" {
		t.Errorf("story records %v", storyRecs)
	}
}
