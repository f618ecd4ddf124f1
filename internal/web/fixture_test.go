package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
	"github.com/sitrep/sitrep/internal/store/sqlite"
)

// The fixture: three short articles written for these tests (two about
// Norway and Chile, one whose every field is hostile markup), their
// annotations, one storyline with one event cluster and one merged event.

const hostile = `<script>alert(1)</script> "><img src=x onerror=alert(1)> {{.}}`

// newArticle builds an article from paragraphs, with paragraph and one
// sentence per paragraph as spans.
func newArticle(id, outlet, title, published string, paras ...string) *model.Article {
	text := strings.Join(paras, "\n\n")
	sum := sha256.Sum256([]byte(text))
	a := &model.Article{ID: id, ContentHash: hex.EncodeToString(sum[:]), SourceFile: id + ".txt", SourcePath: id + ".txt",
		Format: "txt", Outlet: outlet, Title: title, Published: published, PublishedSource: "manifest", Language: "en", Text: text, Raw: text}
	off := 0
	for i, p := range paras {
		sp := model.Span{Start: off, End: off + len(p)}
		a.Paragraphs = append(a.Paragraphs, model.Paragraph{Span: sp, Raw: sp, Kind: model.KindBody})
		a.Sentences = append(a.Sentences, model.Sentence{Span: sp, Paragraph: i})
		off += len(p) + 2
	}
	return a
}

// at returns the span of the n-th (0-based) occurrence of sub in text.
func at(t testing.TB, text, sub string) model.Span {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("fixture: %q not in %q", sub, text)
	}
	return model.Span{Start: i, End: i + len(sub)}
}

func mention(t testing.TB, a *model.Article, text, actor, kind string) model.Mention {
	return model.Mention{Span: at(t, a.Text, text), Text: text, Kind: kind, Actor: actor, Via: "kb"}
}

func event(t testing.TB, a *model.Article, n int, sentence, trigger, src, srcText, tgt, tgtText, cameo, plover string, gold float64, quad int, date, basis, dateText string) model.Event {
	sp := at(t, a.Text, sentence)
	e := model.Event{ID: a.ID + "-e" + string(rune('0'+n)), Span: sp, Trigger: trigger, TriggerSpan: at(t, a.Text, trigger),
		Source: model.Participant{Code: src, Sector: "GOV", Text: srcText, Span: at(t, a.Text, srcText)},
		Target: model.Participant{Code: tgt, Text: tgtText, Span: at(t, a.Text, tgtText)},
		CAMEO:  cameo, Root: cameo[:2], PLOVER: plover, Goldstein: gold, Quad: quad,
		Date: date, DatePrecision: "day", DateBasis: basis, DateSpan: model.NoSpan}
	if dateText != "" {
		e.DateSpan = at(t, a.Text, dateText)
	}
	return e
}

func fixtureArticles(t testing.TB) []*model.Article {
	a1 := newArticle("a1a1a1a1a1a1a1a1", "Harbor Gazette", "Norway turns down fishing offer", "2024-05-02",
		"Norway rejected the fishing proposal from Chile on Tuesday.",
		`"We will not sign this," said Foreign Minister Ana Krell.`)
	a1.Mentions = []model.Mention{mention(t, a1, "Norway", "NOR", "LOC"), mention(t, a1, "Chile", "CHL", "LOC"), mention(t, a1, "Ana Krell", "NOR", "PER")}
	a1.Mentions[2].Person, a1.Mentions[2].Sector = "Ana Krell", "GOV"
	a1.Timexes = []model.Timex{{Span: at(t, a1.Text, "on Tuesday"), Text: "on Tuesday", Type: "DATE", Value: "2024-04-30", Precision: "day"}}
	a1.Quotes = []model.Quote{{ID: a1.ID + "-q1", Span: at(t, a1.Text, "We will not sign this"), Text: "We will not sign this", Kind: "direct",
		Speaker: &model.Speaker{Name: "Ana Krell", Actor: "NOR", Sector: "GOV", Mention: at(t, a1.Text, "Ana Krell")}, Cue: "said", CueSpan: at(t, a1.Text, "said")}}
	a1.Events = []model.Event{event(t, a1, 1, "Norway rejected the fishing proposal from Chile on Tuesday.", "rejected", "NOR", "Norway", "CHL", "Chile",
		"120", "REJECT", -4, 3, "2024-04-30", "timex", "on Tuesday")}

	a2 := newArticle("b2b2b2b2b2b2b2b2", "Coastal Times", "Chile and Norway to resume talks", "2024-05-03",
		"Chile and Norway agreed to resume talks in June.",
		"Norway refused the proposal, officials in Oslo said.",
		"Chilean sailors seized a Norwegian trawler near the coast.")
	a2.Mentions = []model.Mention{mention(t, a2, "Chile", "CHL", "LOC"), mention(t, a2, "Norway", "NOR", "LOC"), mention(t, a2, "Oslo", "NOR", "LOC")}
	a2.Events = []model.Event{
		event(t, a2, 1, "Chile and Norway agreed to resume talks in June.", "agreed", "CHL", "Chile", "NOR", "Norway", "036", "CONSULT", 4, 1, "2024-05-03", "published", ""),
		event(t, a2, 2, "Norway refused the proposal, officials in Oslo said.", "refused", "NOR", "Norway", "CHL", "Oslo", "120", "REJECT", -4, 3, "2024-05-01", "published", ""),
		event(t, a2, 3, "Chilean sailors seized a Norwegian trawler near the coast.", "seized", "CHL", "Chilean sailors", "NOR", "Norwegian trawler", "171", "SEIZE", -9.2, 4, "2024-05-02", "published", ""),
	}

	a3 := newArticle("c3c3c3c3c3c3c3c3", hostile, hostile, "2024-05-04",
		"Norway warned Chile: "+hostile,
		hostile+` said the envoy.`)
	a3.Mentions = []model.Mention{mention(t, a3, "Norway", "NOR", "LOC"), mention(t, a3, "<script>alert(1)</script>", "CHL", "ORG")}
	a3.Mentions[1].Person = hostile
	a3.Quotes = []model.Quote{{ID: a3.ID + "-q1", Span: at(t, a3.Text, hostile+" said"), Text: hostile, Kind: "direct",
		Speaker: &model.Speaker{Name: hostile, Actor: "CHL", Description: hostile, Mention: model.NoSpan}, Cue: hostile, CueSpan: model.NoSpan}}
	a3.Timexes = []model.Timex{{Span: at(t, a3.Text, "{{.}}"), Text: "{{.}}", Type: "DATE", Value: hostile}}
	e := event(t, a3, 1, "Norway warned Chile: "+hostile, "warned", "NOR", "Norway", "CHL", "Chile", "130", "THREATEN", -4.4, 3, "2024-05-04", "timex", "{{.}}")
	e.Trigger, e.Location, e.Modality = hostile, hostile, hostile
	e.Source.Text = hostile
	a3.Events = []model.Event{e}
	return []*model.Article{a1, a2, a3}
}

func fixtureStories() store.StoryUpdate {
	return store.StoryUpdate{
		Stories: []model.Story{
			{ID: "sl1", Level: "storyline", Title: "Fishing dispute", First: "2024-05-02", Last: "2024-05-04",
				Articles: []string{"a1a1a1a1a1a1a1a1", "b2b2b2b2b2b2b2b2", "c3c3c3c3c3c3c3c3"}},
			{ID: "ev1", Level: "event", Parent: "sl1", Title: "Norway rejects offer", First: "2024-05-02", Last: "2024-05-03",
				Articles: []string{"a1a1a1a1a1a1a1a1", "b2b2b2b2b2b2b2b2"}},
			{ID: "ev2", Level: "event", Parent: "sl1", Title: hostile, First: "2024-05-04", Last: "2024-05-04",
				Articles: []string{"c3c3c3c3c3c3c3c3"}},
		},
		Merged: []model.MergedEvent{
			{ID: "m1", Story: "ev1", Source: "NOR", Target: "CHL", CAMEO: "120", Root: "12", PLOVER: "REJECT", Goldstein: -4, Quad: 3,
				Date: "2024-04-30", Articles: []string{"a1a1a1a1a1a1a1a1", "b2b2b2b2b2b2b2b2"}, Corroboration: 2,
				Reports: []model.EventRef{{Article: "a1a1a1a1a1a1a1a1", Event: "a1a1a1a1a1a1a1a1-e1"}, {Article: "b2b2b2b2b2b2b2b2", Event: "b2b2b2b2b2b2b2b2-e2"}},
				Disagreements: []model.Disagreement{{Field: "date", Variants: []model.Variant{
					{Value: "2024-04-30", Articles: []string{"a1a1a1a1a1a1a1a1"}}, {Value: "2024-05-01", Articles: []string{"b2b2b2b2b2b2b2b2"}}}}}},
			{ID: "m2", Story: "ev1", Source: "CHL", Target: "NOR", CAMEO: "036", Root: "03", PLOVER: "CONSULT", Goldstein: 4, Quad: 1,
				Date: "2024-05-03", Articles: []string{"b2b2b2b2b2b2b2b2"}, Corroboration: 1,
				Reports: []model.EventRef{{Article: "b2b2b2b2b2b2b2b2", Event: "b2b2b2b2b2b2b2b2-e1"}}},
			{ID: "m3", Story: "ev2", Source: "NOR", Target: "CHL", CAMEO: "130", Root: "13", PLOVER: "THREATEN", Goldstein: -4.4, Quad: 3,
				Date: "2024-05-04", Articles: []string{"c3c3c3c3c3c3c3c3"}, Corroboration: 1,
				Reports:       []model.EventRef{{Article: "c3c3c3c3c3c3c3c3", Event: "c3c3c3c3c3c3c3c3-e1"}},
				Disagreements: []model.Disagreement{{Field: hostile, Variants: []model.Variant{{Value: hostile, Articles: []string{"c3c3c3c3c3c3c3c3"}}}}}},
		},
	}
}

// openFixture stores the fixture in a fresh SQLite file and returns it.
func openFixture(t testing.TB) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	if _, err := st.PutArticles(ctx, fixtureArticles(t)); err != nil {
		t.Fatal(err)
	}
	if err := st.PutStories(ctx, fixtureStories()); err != nil {
		t.Fatal(err)
	}
	return st
}
