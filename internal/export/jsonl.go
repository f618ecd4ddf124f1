package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/sitrep/sitrep/internal/alignments"
	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/store"
)

// ArticleRecord is the JSONL record of one article.
type ArticleRecord struct {
	Type           string  `json:"type"`
	ID             string  `json:"id"`
	SourceFile     string  `json:"source_file"`
	Outlet         string  `json:"outlet"`
	Title          string  `json:"title"`
	Author         string  `json:"author"`
	Dateline       string  `json:"dateline"`
	Published      *string `json:"published"`
	Language       string  `json:"language"`
	Text           string  `json:"text"`
	Paragraphs     int     `json:"paragraphs"`
	Sentences      int     `json:"sentences"`
	URL            string  `json:"url"`
	SyndicatedFrom string  `json:"syndicated_from"`
	// PublishedSource says which date candidate was chosen ("manifest",
	// "jsonl", "html-meta", "text-stamp"); "" when none was found.
	PublishedSource string `json:"published_source"`
	ContentHash     string `json:"content_hash"`
}

// NewArticleRecord builds the export record of a.
func NewArticleRecord(a *model.Article) ArticleRecord {
	r := ArticleRecord{
		Type: "article", ID: a.ID, SourceFile: a.SourceFile, Outlet: a.Outlet, Title: a.Title,
		Author: a.Author, Dateline: a.Dateline, Language: a.Language, Text: a.Text,
		Paragraphs: len(a.Paragraphs), Sentences: len(a.Sentences), URL: a.URL,
		SyndicatedFrom: a.SyndicatedFrom, PublishedSource: a.PublishedSource, ContentHash: a.ContentHash,
	}
	if a.Published != "" {
		p := a.Published
		r.Published = &p
	}
	return r
}

// WriteJSONL writes the store's contents to w as JSONL. Every article, in
// ingest order, is followed by the records of its time expressions,
// mentions, quotes and events, each kind in text order; an event that
// other articles also report is not written there but once, as a merged
// event record listing every article and evidence span, after the
// articles. Story records come next, and one alignment record
// (alignments.Result of the whole store) last. Consumers tell records apart by their
// "type" field.
func WriteJSONL(ctx context.Context, st store.Store, w io.Writer) error {
	ids, err := st.ArticleIDs(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	merged, err := st.MergedEvents(ctx, "")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	// Each report of a merged event is written with the merged record;
	// its first report supplies the details.
	type ref struct{ article, event string }
	inMerged := map[ref]int{}
	for i, m := range merged {
		for _, r := range m.Reports {
			inMerged[ref{r.Article, r.Event}] = i
		}
	}
	type firstReport struct {
		art *model.Article
		ev  model.Event
	}
	firsts := make([]*firstReport, len(merged))
	storyOf := map[string]string{} // article -> event cluster
	stories, err := st.Stories(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for _, s := range stories {
		if s.Level == "event" {
			for _, a := range s.Articles {
				storyOf[a] = s.ID
			}
		}
	}

	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	col := alignments.NewCollector(alignments.Filter{})
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			return fmt.Errorf("export: article %s: %w", id, err)
		}
		col.Add(a)
		if err := enc.Encode(NewArticleRecord(a)); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, x := range a.Timexes {
			if err := enc.Encode(NewTimexRecord(a, x)); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
		for _, m := range a.Mentions {
			if err := enc.Encode(NewMentionRecord(a, m)); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
		for _, q := range a.Quotes {
			if err := enc.Encode(NewQuoteRecord(a, q)); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
		for _, e := range a.Events {
			if i, ok := inMerged[ref{a.ID, e.ID}]; ok {
				if firsts[i] == nil {
					// Keep only what the record needs, not the whole text.
					firsts[i] = &firstReport{art: &model.Article{ID: a.ID}, ev: e}
				}
				continue
			}
			r := NewEventRecord(a, e)
			r.Story = nullable(storyOf[a.ID])
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
	}
	for i, m := range merged {
		f := firsts[i]
		if f == nil {
			// Its reports are gone from the articles (not expected):
			// write what the merged event itself holds.
			f = &firstReport{art: &model.Article{}, ev: model.Event{}}
		}
		if err := enc.Encode(NewMergedEventRecord(m, f.art, f.ev)); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	for _, s := range stories {
		if err := enc.Encode(NewStoryRecord(s)); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	if err := encodeAlignment(col.Input(merged), enc); err != nil {
		return err
	}
	return bw.Flush()
}
