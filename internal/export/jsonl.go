package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

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

// WriteJSONL writes every stored article to w as JSONL, in ingest order:
// each article record is followed by the records of its time expressions,
// mentions, quotes and events, each kind in text order. Consumers tell records apart
// by their "type" field.
func WriteJSONL(ctx context.Context, st store.Store, w io.Writer) error {
	ids, err := st.ArticleIDs(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, id := range ids {
		a, err := st.Article(ctx, id)
		if err != nil {
			return fmt.Errorf("export: article %s: %w", id, err)
		}
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
			if err := enc.Encode(NewEventRecord(a, e)); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
	}
	return bw.Flush()
}
